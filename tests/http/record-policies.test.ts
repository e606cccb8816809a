import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/platform/db/client';
import { libraryMemberships } from '../../server/modules/libraries/libraries.tables';
import { projects } from '../../server/modules/projects/projects.tables';
import { buildDivision, buildUnit, buildUser } from '../support/factories';
import { createTestApp, TestClient, type TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-db';

/*
 * Record-level policies (issue 9, item 2): what a caller may do to a record it can see. A
 * visible record the caller may not change answers 403 and stays unchanged; the presented
 * record's `allowedActions` says the same as the server does.
 */

let database: Database;
let app: TestApp;
const CITY = '620900';
const COUNTY = '620921';
const units: Record<string, string> = {};
const clients: Record<'drc' | 'reviewer' | 'commerce' | 'water' | 'town' | 'owner' | 'cityDrc', TestClient> = {} as never;
const ids: Record<string, string> = {};

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;
type Project = { id: string; version: number; ownerUnitId: string; departmentId: string | null; townshipId: string | null; name: string; allowedActions: string[] };
const getProject = async (client: TestClient, id: string) => (await (await client.get(`/api/projects/${id}`)).json()) as Project;

async function createProject(client: TestClient, name: string, extra: Record<string, unknown> = {}) {
  const res = await client.post('/api/projects', { name, ownerUnitId: units.owner, departmentId: units.water, townshipId: units.town, sector: 'infrastructure', totalInvestment: '8000', ...extra });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as Project).id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database);
  await buildDivision(database, { code: CITY, name: '金泉市', level: 'city' });
  await buildDivision(database, { code: COUNTY, name: '甲县', level: 'county', parentCode: CITY });
  const unit = async (key: string, name: string, kind: 'drc' | 'department' | 'commerce' | 'township' | 'owner', divisionCode = COUNTY) =>
    (units[key] = (await buildUnit(database, { divisionCode, name, kind })).id);
  await unit('drc', '甲县发展和改革局', 'drc');
  await unit('water', '甲县水务局', 'department');
  await unit('transport', '甲县交通运输局', 'department');
  await unit('commerce', '甲县商务局', 'commerce');
  await unit('town', '城关镇', 'township');
  await unit('east', '东乡', 'township');
  await unit('owner', '甲县水利投资有限公司', 'owner');
  await unit('ownerOther', '甲县交通投资有限公司', 'owner');
  await unit('cityDrc', '金泉市发展和改革委员会', 'drc', CITY);
  const login = async (role: 'drc' | 'commerce' | 'department' | 'township' | 'owner', unitId: string, divisionCode = COUNTY) =>
    new TestClient(app).login((await buildUser(database, { role, unitId, divisionCode })).username);
  clients.drc = await login('drc', units.drc);
  clients.reviewer = await login('drc', units.drc);
  clients.commerce = await login('commerce', units.commerce);
  clients.water = await login('department', units.water);
  clients.town = await login('township', units.town);
  clients.owner = await login('owner', units.owner);
  clients.cityDrc = await login('drc', units.cityDrc, CITY);

  ids.reservoir = await createProject(clients.drc, '甲县黑河水库除险加固工程');
  ids.promoted = await createProject(clients.drc, '甲县光伏产业园招商项目');
  ids.ownByCommerce = await createProject(clients.commerce, '甲县商贸物流园');
  const promotion = await (await clients.drc.post('/api/libraries', { name: '招商引资项目库', kind: 'comprehensive', ownerUnitId: units.commerce })).json();
  await database.db.insert(libraryMemberships).values({ divisionCode: COUNTY, libraryId: promotion.id, projectId: ids.promoted });
}, 120_000);
afterAll(() => database?.close());

describe('the 商务局 changes only the projects it promotes', () => {
  it('answers 403 when it edits a 水务局 reservoir, and leaves the row unchanged', async () => {
    const before = await getProject(clients.commerce, ids.reservoir);
    expect(before.allowedActions).not.toContain('update');
    const res = await clients.commerce.patch(`/api/projects/${ids.reservoir}`, { version: before.version, name: '改名的水库' });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('FORBIDDEN');
    const [row] = await database.db.select().from(projects).where(eq(projects.id, ids.reservoir));
    expect(row).toMatchObject({ name: '甲县黑河水库除险加固工程', version: before.version });
  });

  it('refuses it attachments on that reservoir too', async () => {
    const form = new FormData();
    form.append('file', new File([Buffer.from('%PDF-1.4 test')], '说明.pdf', { type: 'application/pdf' }));
    const res = await clients.commerce.request('POST', `/api/projects/${ids.reservoir}/documents`, form);
    expect(res.status).toBe(403);
  });

  it('edits a project in its 招商引资项目库 and one it created, and says so in allowedActions', async () => {
    for (const id of [ids.promoted, ids.ownByCommerce]) {
      const before = await getProject(clients.commerce, id);
      expect(before.allowedActions).toContain('update');
      const res = await clients.commerce.patch(`/api/projects/${id}`, { version: before.version, remarks: '已对接意向企业' });
      expect(res.status).toBe(200);
    }
    const list = (await (await clients.commerce.get('/api/projects?pageSize=50')).json()) as { data: Project[] };
    const byId = new Map(list.data.map((p) => [p.id, p.allowedActions]));
    expect(byId.get(ids.reservoir)).not.toContain('update');
    expect(byId.get(ids.promoted)).toContain('update');
  });
});

describe('a narrow scope cannot move a project out of itself on update', () => {
  it('keeps the owner as 建设单位 when it names another one', async () => {
    const before = await getProject(clients.owner, ids.reservoir);
    const res = await clients.owner.patch(`/api/projects/${ids.reservoir}`, { version: before.version, ownerUnitId: units.ownerOther });
    expect(res.status).toBe(200);
    const after = await getProject(clients.owner, ids.reservoir);
    expect(after.ownerUnitId).toBe(units.owner);
  });

  it('keeps the township as 所在乡镇', async () => {
    const before = await getProject(clients.town, ids.reservoir);
    expect((await clients.town.patch(`/api/projects/${ids.reservoir}`, { version: before.version, townshipId: units.east })).status).toBe(200);
    expect((await getProject(clients.town, ids.reservoir)).townshipId).toBe(units.town);
  });

  it('keeps the department as 主管部门 of a project it does not own', async () => {
    const before = await getProject(clients.water, ids.reservoir);
    expect((await clients.water.patch(`/api/projects/${ids.reservoir}`, { version: before.version, departmentId: units.transport })).status).toBe(200);
    expect((await getProject(clients.water, ids.reservoir)).departmentId).toBe(units.water);
  });
});

describe('a city reads and rolls up its counties but writes none of their records', () => {
  it('answers 403 to a city 发改委 editing, moving or creating a county project', async () => {
    const before = await getProject(clients.cityDrc, ids.reservoir);
    expect(before.allowedActions).toEqual([]);
    const patch = await clients.cityDrc.patch(`/api/projects/${ids.reservoir}`, { version: before.version, name: '市里改的名字' });
    expect(patch.status).toBe(403);
    expect((await clients.cityDrc.post(`/api/projects/${ids.reservoir}/transitions`, { to: 'preliminary' })).status).toBe(403);
    const create = await clients.cityDrc.post('/api/projects', { divisionCode: COUNTY, name: '市里新建的项目', ownerUnitId: units.owner, sector: 'industry', totalInvestment: '600' });
    expect(create.status).toBe(403);
    const [row] = await database.db.select().from(projects).where(and(eq(projects.divisionCode, COUNTY), eq(projects.id, ids.reservoir)));
    expect(row.version).toBe(before.version);
  });

  it('answers 403 to a city 发改委 closing a period, and shows it no close button', async () => {
    const periods = (await (await clients.cityDrc.get('/api/periods?year=2025')).json()) as { data: Array<{ allowedActions: string[] }> };
    expect(periods.data.every((p) => p.allowedActions.length === 0)).toBe(true);
    expect((await clients.cityDrc.post('/api/periods/2025-03/close')).status).toBe(403);
    const county = (await (await clients.drc.get('/api/periods?year=2025')).json()) as { data: Array<{ period: string; status: string; allowedActions: string[] }> };
    expect(county.data.find((p) => p.period === '2025-03')?.allowedActions).toEqual(['close', 'startHistoryEntry']);
  });

  it('answers 403 to a city 发改委 reviewing a county’s monthly report or library request', async () => {
    await database.db.update(projects).set({ stage: 'construction', actualStart: '2025-01-10' }).where(eq(projects.id, ids.promoted));
    const draft = await (await clients.water.request('PUT', `/api/monthly-reports/${ids.promoted}/2025-05`, { version: 0, investedThisPeriod: '10', progressText: '主体施工', progressPct: 20 })).json();
    expect(draft.allowedActions).toEqual(['edit', 'submit', 'addPhoto']);
    expect((await clients.water.post(`/api/monthly-reports/${draft.id}/submit`)).status).toBe(200);
    expect((await clients.cityDrc.post(`/api/monthly-reports/${draft.id}/approve`, {})).status).toBe(403);
    const seen = await (await clients.reviewer.get(`/api/monthly-reports/${draft.id}`)).json();
    expect(seen.report.allowedActions).toEqual(['approve', 'return']);
    const city = await (await clients.cityDrc.get(`/api/monthly-reports/${draft.id}`)).json();
    expect(city.report.allowedActions).toEqual([]);

    const library = await (await clients.drc.post('/api/libraries', { name: '水利项目库', kind: 'sector', ownerUnitId: units.water })).json();
    const request = await (await clients.drc.post('/api/library-requests', { projectId: ids.reservoir, libraryId: library.id, kind: 'enter', reason: '符合入库条件' })).json();
    expect(request.allowedActions).toEqual([]);
    expect((await clients.cityDrc.post(`/api/library-requests/${request.id}/approve`, {})).status).toBe(403);
    const listed = (await (await clients.reviewer.get('/api/library-requests?status=pending')).json()) as { data: Array<{ id: string; allowedActions: string[] }> };
    expect(listed.data.find((r) => r.id === request.id)?.allowedActions).toEqual(['approve', 'return']);
  });
});

describe('business rules ask the policy', () => {
  it('no server module compares the caller’s role by name', () => {
    const root = path.resolve(__dirname, '../../server/modules');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files.push(full);
      }
    };
    walk(root);
    const offending = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${path.relative(root, file)}:${i + 1}` }))
        .filter(({ line }) => /actor\.role\s*[!=]==/.test(line))
        .map(({ at }) => at),
    );
    expect(offending).toEqual([]);
  });
});
