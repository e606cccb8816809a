import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/audit.tables';
import { countAuditEntries } from '../../platform/audit/audit.service';
import type { Database } from '../../platform/db/client';
import { buildDivision, buildUnit, buildUser } from '../../../tests/support/factories';
import { createTestApp, TestClient, type TestApp } from '../../../tests/support/test-app';
import { createTestDatabase } from '../../../tests/support/test-db';
import { orgUnits, users } from './org.tables';

let database: Database;
let app: TestApp;
let admin: TestClient;
let otherCountyUnitId: string;
let otherCountyUserId: string;
const COUNTY = '620921';
const OTHER = '620922';

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database);
  await buildDivision(database, { code: COUNTY, name: '河西县' });
  await buildDivision(database, { code: OTHER, name: '邻县' });
  const adminUser = await buildUser(database, { role: 'admin', divisionCode: COUNTY });
  admin = await new TestClient(app).login(adminUser.username);
  const otherUnit = await buildUnit(database, { divisionCode: OTHER, name: '邻县水务局' });
  otherCountyUnitId = otherUnit.id;
  otherCountyUserId = (await buildUser(database, { unitId: otherUnit.id, divisionCode: OTHER })).id;
});
afterAll(() => database.close());

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; field?: string; message: string } }).error;

describe('units', () => {
  it('creates a unit, audited with its after-image', async () => {
    const res = await admin.post('/api/units', { name: '县水务局', kind: 'department', contactPerson: '李明', contactPhone: '0937-1234567' });
    expect(res.status).toBe(201);
    const unit = await res.json();
    expect(unit).toMatchObject({ name: '县水务局', divisionCode: COUNTY, version: 1 });
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.entityId, unit.id));
    expect(entry).toMatchObject({ action: 'unit.created', entityType: 'unit', divisionCode: COUNTY });
    expect((entry.after as { name: string }).name).toBe('县水务局');
  });

  it('refuses a duplicate name with 409 naming the field, writing nothing', async () => {
    await admin.post('/api/units', { name: '县林草局', kind: 'department' });
    const before = await countAuditEntries(database.db);
    const res = await admin.post('/api/units', { name: '县林草局', kind: 'department' });
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ code: 'DUPLICATE', field: 'name' });
    expect(await countAuditEntries(database.db)).toBe(before);
  });

  it('refuses a name that differs from an existing unit’s only by the county prefix, naming the existing unit', async () => {
    await buildUnit(database, { divisionCode: COUNTY, name: '河西县农业农村局' });
    const before = await countAuditEntries(database.db);
    for (const name of ['县农业农村局', '农业农村局', '河西县 农业农村局']) {
      const res = await admin.post('/api/units', { name, kind: 'department' });
      expect(res.status, name).toBe(409);
      const error = await errorOf(res);
      expect(error, name).toMatchObject({ code: 'DUPLICATE', field: 'name' });
      expect(error.message, name).toContain('「河西县农业农村局」');
    }
    // The other way round too: the full name beside an existing 「县…」.
    const full = await admin.post('/api/units', { name: '河西县林草局', kind: 'department' });
    expect(full.status).toBe(409);
    expect((await errorOf(full)).message).toContain('「县林草局」');
    expect(await countAuditEntries(database.db)).toBe(before);
    const listed = await (await admin.get(`/api/units?q=${encodeURIComponent('农业农村局')}`)).json();
    expect(listed.data.map((u: { name: string }) => u.name)).toEqual(['河西县农业农村局']);
  });

  it('refuses renaming a unit to another unit’s short name, and keeps the row', async () => {
    const unit = await (await admin.post('/api/units', { name: '县自然资源局', kind: 'department' })).json();
    const res = await admin.patch(`/api/units/${unit.id}`, { version: unit.version, name: '县林草局' });
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ code: 'DUPLICATE', field: 'name' });
    const renamed = await admin.patch(`/api/units/${unit.id}`, { version: unit.version, name: '河西县自然资源局' });
    expect(renamed.status).toBe(200);
  });

  it('answers 400 naming the field for bad input', async () => {
    const res = await admin.post('/api/units', { name: '局', kind: 'nonsense' });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(['name', 'kind']).toContain(error.field);
  });

  it('updates with the current version and refuses a stale one with 409, leaving the row as it was', async () => {
    const unit = await (await admin.post('/api/units', { name: '县文旅局', kind: 'department' })).json();
    const first = await admin.patch(`/api/units/${unit.id}`, { version: 1, contactPerson: '王芳' });
    expect(first.status).toBe(200);
    expect((await first.json()).version).toBe(2);
    const before = await countAuditEntries(database.db);
    const stale = await admin.patch(`/api/units/${unit.id}`, { version: 1, contactPerson: '赵强' });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).code).toBe('VERSION_CONFLICT');
    const [row] = await database.db.select().from(orgUnits).where(eq(orgUnits.id, unit.id));
    expect(row.contactPerson).toBe('王芳');
    expect(await countAuditEntries(database.db)).toBe(before);
  });

  it('answers 404 for a unit of another county, and does not change it', async () => {
    const res = await admin.patch(`/api/units/${otherCountyUnitId}`, { version: 1, name: '被改名' });
    expect(res.status).toBe(404);
    const [row] = await database.db.select().from(orgUnits).where(eq(orgUnits.id, otherCountyUnitId));
    expect(row.name).toBe('邻县水务局');
  });

  it('lists only units of the caller’s county', async () => {
    const { data } = await (await admin.get('/api/units?pageSize=500')).json();
    expect(data.length).toBeGreaterThan(0);
    expect(data.every((u: { divisionCode: string }) => u.divisionCode === COUNTY)).toBe(true);
  });

  it('answers 403 to a role that may read but not manage units', async () => {
    const clerk = await buildUser(database, { role: 'department', divisionCode: COUNTY });
    const client = await new TestClient(app).login(clerk.username);
    expect((await client.get('/api/units')).status).toBe(200);
    const res = await client.post('/api/units', { name: '县交通局', kind: 'department' });
    expect(res.status).toBe(403);
  });
});

describe('users', () => {
  it('creates a user who must change the password at first login', async () => {
    const unit = await buildUnit(database, { divisionCode: COUNTY, name: '县教育局' });
    const res = await admin.post('/api/users', {
      username: 'edu_clerk',
      displayName: '陈老师',
      role: 'department',
      unitId: unit.id,
      password: 'Initial#2026',
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ username: 'edu_clerk', dataScope: 'unit', mustChangePassword: true, unitName: '县教育局' });
    const login = await new TestClient(app).post('/api/auth/login', { username: 'edu_clerk', password: 'Initial#2026' });
    expect((await login.json()).user.mustChangePassword).toBe(true);
  });

  it('refuses a weak initial password and a duplicate username', async () => {
    const unit = await buildUnit(database, { divisionCode: COUNTY });
    const weak = await admin.post('/api/users', { username: 'weakling', displayName: '弱', role: 'owner', unitId: unit.id, password: 'password1' });
    expect(weak.status).toBe(400);
    expect(await errorOf(weak)).toMatchObject({ field: 'password' });
    const dup = await admin.post('/api/users', { username: 'edu_clerk', displayName: '重', role: 'owner', unitId: unit.id, password: 'Strong#2026' });
    expect(dup.status).toBe(409);
    expect(await errorOf(dup)).toMatchObject({ field: 'username' });
  });

  it('never lets a county admin grant platform-wide scope', async () => {
    const unit = await buildUnit(database, { divisionCode: COUNTY });
    const res = await admin.post('/api/users', { username: 'too_wide', displayName: '越权', role: 'leader', dataScope: 'all', unitId: unit.id, password: 'Strong#2026' });
    expect(res.status).toBe(403);
  });

  it('disabling a user ends their sessions', async () => {
    const target = await buildUser(database, { divisionCode: COUNTY });
    const session = await new TestClient(app).login(target.username);
    const res = await admin.patch(`/api/users/${target.id}`, { version: target.version, isActive: false });
    expect(res.status).toBe(200);
    expect((await session.get('/api/me')).status).toBe(401);
  });

  it('answers 404 for a user of another county', async () => {
    const res = await admin.patch(`/api/users/${otherCountyUserId}`, { version: 1, displayName: '被改' });
    expect(res.status).toBe(404);
    const [row] = await database.db.select().from(users).where(eq(users.id, otherCountyUserId));
    expect(row.displayName).toBe('测试用户');
  });

  it('unlocks a locked user', async () => {
    const target = await buildUser(database, { divisionCode: COUNTY });
    const client = new TestClient(app);
    for (let i = 0; i < 5; i++) await client.post('/api/auth/login', { username: target.username, password: 'Wrong#pass1' });
    const listed = await (await admin.get(`/api/users?q=${target.username}`)).json();
    expect(listed.data[0].lockedUntil).not.toBeNull();
    expect((await admin.post(`/api/users/${target.id}/unlock`)).status).toBe(204);
    await client.login(target.username);
  });

  it('resets a password: old sessions end and the new one must be changed', async () => {
    const target = await buildUser(database, { divisionCode: COUNTY });
    const session = await new TestClient(app).login(target.username);
    expect((await admin.post(`/api/users/${target.id}/reset-password`, { password: 'Reset#2026a' })).status).toBe(204);
    expect((await session.get('/api/me')).status).toBe(401);
    const again = await new TestClient(app).post('/api/auth/login', { username: target.username, password: 'Reset#2026a' });
    expect((await again.json()).user.mustChangePassword).toBe(true);
  });
});
