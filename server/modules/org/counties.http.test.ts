import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/audit.tables';
import { countAuditEntries } from '../../platform/audit/audit.service';
import type { Database } from '../../platform/db/client';
import { buildDivision, buildUnit, buildUser } from '../../../tests/support/factories';
import { createTestApp, TestClient, type TestApp } from '../../../tests/support/test-app';
import { createTestDatabase } from '../../../tests/support/test-db';
import { divisions, orgUnits, users } from './org.tables';

let database: Database;
let app: TestApp;
let province: TestClient;
let cityAdmin: TestClient;
let countyAdmin: TestClient;
let cityDrc: TestClient;

const PROVINCE = { code: '990000', name: '祁连省' };
const CITY = { code: '990100', name: '金泉市' };
const OTHER_CITY = { code: '990200', name: '银泉市' };
const COUNTY = { code: '990121', name: '河西县' };

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database);
  await buildDivision(database, { ...PROVINCE, level: 'province' });
  await buildDivision(database, { ...CITY, level: 'city', parentCode: PROVINCE.code });
  await buildDivision(database, { ...OTHER_CITY, level: 'city', parentCode: PROVINCE.code });
  await buildDivision(database, { ...COUNTY, level: 'county', parentCode: CITY.code });
  const provinceUnit = await buildUnit(database, { divisionCode: PROVINCE.code, name: '祁连省发展和改革委员会', kind: 'drc' });
  const cityUnit = await buildUnit(database, { divisionCode: CITY.code, name: '金泉市发展和改革委员会', kind: 'drc' });
  province = await new TestClient(app).login(
    (await buildUser(database, { role: 'admin', dataScope: 'all', unitId: provinceUnit.id, divisionCode: PROVINCE.code, username: 'province_admin' })).username,
  );
  cityAdmin = await new TestClient(app).login((await buildUser(database, { role: 'admin', unitId: cityUnit.id, divisionCode: CITY.code })).username);
  cityDrc = await new TestClient(app).login((await buildUser(database, { role: 'drc', unitId: cityUnit.id, divisionCode: CITY.code })).username);
  countyAdmin = await new TestClient(app).login((await buildUser(database, { role: 'admin', divisionCode: COUNTY.code })).username);
});
afterAll(() => database.close());

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; field?: string; message: string } }).error;

const newCounty = (overrides: Record<string, unknown> = {}) => ({
  code: '990122',
  name: '河东县',
  adminUsername: 'hedong_admin',
  adminDisplayName: '张管理',
  adminPassword: 'Hedong#2026',
  ...overrides,
});

describe('新增县区', () => {
  it('a province administrator adds a county whose administrator logs in at once and sees an empty county', async () => {
    const res = await province.post('/api/counties', newCounty());
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.county).toMatchObject({ code: '990122', name: '河东县', parentCode: CITY.code, parentName: CITY.name, unitCount: 1, userCount: 1, admins: ['hedong_admin'] });
    expect(created.drcUnit).toMatchObject({ name: '河东县发展和改革局', kind: 'drc', divisionCode: '990122' });
    expect(created.admin).toMatchObject({ username: 'hedong_admin', role: 'admin', dataScope: 'division', divisionCode: '990122', mustChangePassword: true });

    // Audited in the new county's chain: the division, its 发改局 and its administrator.
    const entries = await database.db.select().from(auditLog).where(eq(auditLog.divisionCode, '990122'));
    expect(entries.map((e) => e.action).sort()).toEqual(['division.created', 'unit.created', 'user.created']);
    expect(entries.every((e) => e.actorName === '测试用户')).toBe(true);

    // No restart: the new administrator logs in, must change the initial password first, then sees their county.
    const admin = new TestClient(app);
    const login = await admin.post('/api/auth/login', { username: 'hedong_admin', password: 'Hedong#2026' });
    expect(login.status).toBe(200);
    const { user, csrfToken } = await login.json();
    admin.csrfToken = csrfToken;
    expect(user).toMatchObject({ mustChangePassword: true, divisionCode: '990122', divisionName: '河东县', unitName: '河东县发展和改革局' });
    expect((await admin.get('/api/units')).status).toBe(403);
    expect((await admin.post('/api/auth/password', { currentPassword: 'Hedong#2026', newPassword: 'Hedong#2027new' })).status).toBe(204);
    const units = await (await admin.get('/api/units')).json();
    expect(units.data.map((u: { name: string }) => u.name)).toEqual(['河东县发展和改革局']);
    const people = await (await admin.get('/api/users')).json();
    expect(people.data.map((u: { username: string }) => u.username)).toEqual(['hedong_admin']);
    const divisionList = await (await admin.get('/api/divisions')).json();
    expect(divisionList.data.map((d: { code: string }) => d.code)).toEqual(['990122']);

    // The city sees it in its lists at once.
    const cityDivisions = await (await cityDrc.get('/api/divisions')).json();
    expect(cityDivisions.data.map((d: { code: string }) => d.code)).toContain('990122');
    const cityCounties = await (await cityAdmin.get('/api/counties')).json();
    expect(cityCounties.data.map((c: { code: string }) => c.code)).toEqual([COUNTY.code, '990122']);
  });

  it('a city administrator adds a county under their own city', async () => {
    const res = await cityAdmin.post('/api/counties', newCounty({ code: '990123', name: '永昌县', adminUsername: 'yongchang_admin', drcUnitName: '永昌县发展改革局' }));
    expect(res.status).toBe(201);
    expect((await res.json()).drcUnit.name).toBe('永昌县发展改革局');
  });

  it('refuses a county administrator with 403 and writes nothing', async () => {
    const audits = await countAuditEntries(database.db);
    const res = await countyAdmin.post('/api/counties', newCounty({ code: '990124', name: '山丹县', adminUsername: 'shandan_admin' }));
    expect(res.status).toBe(403);
    expect((await errorOf(res)).message).toContain('市（州）或省级管理员');
    expect(await database.db.select().from(divisions).where(eq(divisions.code, '990124'))).toEqual([]);
    expect(await countAuditEntries(database.db)).toBe(audits);
  });

  it('refuses every other role by its permission; the 发改委 reads the list as it reads users', async () => {
    expect((await cityDrc.post('/api/counties', newCounty({ code: '990125', name: '民乐县', adminUsername: 'minle_admin' }))).status).toBe(403);
    expect((await cityDrc.get('/api/counties')).status).toBe(200);
    const clerk = await new TestClient(app).login((await buildUser(database, { role: 'department', divisionCode: COUNTY.code })).username);
    expect((await clerk.get('/api/counties')).status).toBe(403);
  });

  it('refuses a code outside the administrator’s division, naming the field code', async () => {
    const res = await cityAdmin.post('/api/counties', newCounty({ code: '990221', name: '高台县', adminUsername: 'gaotai_admin' }));
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'code' });
    expect(error.message).toContain('金泉市');
    const outsideProvince = await province.post('/api/counties', newCounty({ code: '620921', name: '临泽县', adminUsername: 'linze_admin' }));
    expect(outsideProvince.status).toBe(400);
    expect(await errorOf(outsideProvince)).toMatchObject({ field: 'code' });
    expect(await database.db.select().from(divisions).where(eq(divisions.code, '990221'))).toEqual([]);
  });

  it('refuses a malformed code, a city code and a county under a city that does not exist', async () => {
    for (const code of ['99012', '99012a', '990100', '999921']) {
      const res = await province.post('/api/counties', newCounty({ code, name: '肃南县', adminUsername: 'sunan_admin' }));
      expect(res.status, code).toBe(400);
      expect(await errorOf(res), code).toMatchObject({ code: 'VALIDATION_FAILED', field: 'code' });
    }
  });

  it('refuses an existing code, a taken county name and a taken username with 409, all or nothing', async () => {
    const audits = await countAuditEntries(database.db);
    const unitsBefore = (await database.db.select().from(orgUnits)).length;
    const usersBefore = (await database.db.select().from(users)).length;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ code: COUNTY.code, name: '新名县', adminUsername: 'fresh_admin1' }, 'code'],
      [{ code: '990126', name: '河西县', adminUsername: 'fresh_admin2' }, 'name'],
      [{ code: '990127', name: '新名县', adminUsername: 'hedong_admin' }, 'adminUsername'],
    ];
    for (const [body, field] of cases) {
      const res = await province.post('/api/counties', newCounty(body));
      expect(res.status, field).toBe(409);
      expect(await errorOf(res), field).toMatchObject({ code: 'DUPLICATE', field });
    }
    expect(await database.db.select().from(divisions).where(eq(divisions.code, '990126'))).toEqual([]);
    expect((await database.db.select().from(orgUnits)).length).toBe(unitsBefore);
    expect((await database.db.select().from(users)).length).toBe(usersBefore);
    expect(await countAuditEntries(database.db)).toBe(audits);
  });

  it('refuses a weak initial password, naming adminPassword', async () => {
    const res = await province.post('/api/counties', newCounty({ code: '990128', name: '肃北县', adminUsername: 'subei_admin', adminPassword: 'password1' }));
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ field: 'adminPassword' });
  });

  it('answers 401 without a session', async () => {
    expect((await new TestClient(app).post('/api/counties', newCounty())).status).toBe(401);
  });
});
