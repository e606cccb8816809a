import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nationalCheckDigit } from '../../../common/project-code';
import type { Database } from '../../platform/db/client';
import { buildDivision, buildUnit, buildUser } from '../../../tests/support/factories';
import { createTestApp, TestClient, type TestApp } from '../../../tests/support/test-app';
import { createTestDatabase } from '../../../tests/support/test-db';
import { projectProcedures } from './procedures.tables';
import { projects } from './projects.tables';

let database: Database;
let app: TestApp;
let drc: TestClient;
let water: TestClient;
let culture: TestClient;
const units: Record<string, string> = {};
const COUNTY = '620921';

/** A valid GB/T 40058 code with its check digit. */
function nationalCode(serial: string): string {
  return `2403-620921-01-01-${serial}${nationalCheckDigit(`24036209210101${serial}`)}`;
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database);
  await buildDivision(database, { code: COUNTY, name: '河西县' });
  const make = async (key: string, name: string, kind: 'department' | 'township' | 'owner' | 'drc') =>
    (units[key] = (await buildUnit(database, { divisionCode: COUNTY, name, kind })).id);
  await make('drc', '河西县发展和改革局', 'drc');
  await make('water', '河西县水务局', 'department');
  await make('culture', '河西县文化和旅游局', 'department');
  await make('town', '城关镇', 'township');
  await make('owner', '河西县水务投资有限公司', 'owner');
  drc = await new TestClient(app).login((await buildUser(database, { role: 'drc', unitId: units.drc, divisionCode: COUNTY })).username);
  water = await new TestClient(app).login((await buildUser(database, { role: 'department', unitId: units.water, divisionCode: COUNTY })).username);
  culture = await new TestClient(app).login((await buildUser(database, { role: 'department', unitId: units.culture, divisionCode: COUNTY })).username);
});
afterAll(() => database.close());

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; field?: string } }).error;

function projectBody(overrides: Record<string, unknown> = {}) {
  return {
    name: '黑河干流河道综合治理工程',
    ownerUnitId: units.owner,
    townshipId: units.town,
    sector: 'infrastructure',
    totalInvestment: '12000',
    funding: [
      { source: 'central', amount: '8000' },
      { source: 'county', amount: '4000' },
    ],
    plannedStart: '2025-03-01',
    plannedCompletion: '2026-10-31',
    ...overrides,
  };
}

describe('creating and reading projects', () => {
  it('creates a project with a generated 储备编号, computed bands and a procedure checklist', async () => {
    const res = await water.post('/api/projects', projectBody());
    expect(res.status).toBe(201);
    const p = await res.json();
    expect(p.reserveNo).toMatch(/^CB-\d{4}-620921-\d{4}$/);
    expect(p.departmentId).toBe(units.water);
    expect(p.totalInvestment).toBe('12000');
    expect(p.bands).toEqual(['gte500w', 'gte1yi']);
    expect(p.code).toBeNull();
    const procedures = await database.db.select().from(projectProcedures).where(eq(projectProcedures.projectId, p.id));
    expect(procedures.map((x) => x.name)).toContain('用地预审');
  });

  it('accepts a national code and refuses a wrong check digit with a message that says so', async () => {
    const good = nationalCode('12345');
    const ok = await water.post('/api/projects', projectBody({ name: '高效节水灌溉示范项目', code: good }));
    expect(ok.status).toBe(201);
    expect((await ok.json()).codeKind).toBe('national');
    const last = Number(good.at(-1));
    const bad = good.slice(0, -1) + String((last + 1) % 10);
    const res = await water.post('/api/projects', projectBody({ name: '另一个项目', code: bad }));
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.field).toBe('code');
    expect(error.message).toContain('校验位');
  });

  it('keeps a national code unique across the platform', async () => {
    const code = nationalCode('54321');
    expect((await water.post('/api/projects', projectBody({ name: '第一个', code }))).status).toBe(201);
    const dup = await drc.post('/api/projects', projectBody({ name: '第二个', code }));
    expect(dup.status).toBe(409);
    expect(await errorOf(dup)).toMatchObject({ field: 'code' });
  });

  it('refuses funding that exceeds the total', async () => {
    const res = await water.post('/api/projects', projectBody({ funding: [{ source: 'central', amount: '13000' }] }));
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ field: 'funding' });
  });

  it('finds a project by any two Chinese characters of its name', async () => {
    await water.post('/api/projects', projectBody({ name: '祁连山北麓生态修复工程' }));
    const { data, total } = await (await drc.get(`/api/projects?q=${encodeURIComponent('北麓')}`)).json();
    expect(total).toBe(1);
    expect(data[0].name).toBe('祁连山北麓生态修复工程');
    const none = await (await drc.get(`/api/projects?q=${encodeURIComponent('麓北')}`)).json();
    expect(none.total).toBe(0);
  });

  it('filters by band and sorts by investment', async () => {
    await water.post('/api/projects', projectBody({ name: '小型水源井工程', totalInvestment: '300', funding: [] }));
    await water.post('/api/projects', projectBody({ name: '引水调蓄大型工程', totalInvestment: '150000', funding: [] }));
    const big = await (await drc.get('/api/projects?band=gte10yi')).json();
    expect(big.data.map((p: { name: string }) => p.name)).toEqual(['引水调蓄大型工程']);
    const sorted = await (await drc.get('/api/projects?sort=totalInvestment&order=ascend&pageSize=200')).json();
    const totals = sorted.data.map((p: { totalInvestment: string }) => Number(p.totalInvestment));
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
  });
});

describe('data scope', () => {
  it('a 水务局 user cannot see or change a 文旅局 project: 404, and the row unchanged', async () => {
    const created = await (await culture.post('/api/projects', projectBody({ name: '丝路文化旅游街区' }))).json();
    expect((await water.get(`/api/projects/${created.id}`)).status).toBe(404);
    const res = await water.patch(`/api/projects/${created.id}`, { version: created.version, name: '被篡改' });
    expect(res.status).toBe(404);
    const [row] = await database.db.select().from(projects).where(and(eq(projects.divisionCode, COUNTY), eq(projects.id, created.id)));
    expect(row.name).toBe('丝路文化旅游街区');
    const list = await (await water.get('/api/projects?pageSize=200')).json();
    expect(list.data.some((p: { id: string }) => p.id === created.id)).toBe(false);
  });
});

describe('editing', () => {
  it('updates with the current version, refuses a stale one with 409', async () => {
    const p = await (await water.post('/api/projects', projectBody({ name: '农村供水保障工程' }))).json();
    const ok = await water.patch(`/api/projects/${p.id}`, { version: p.version, totalInvestment: '15000.5' });
    expect(ok.status).toBe(200);
    expect((await ok.json()).totalInvestment).toBe('15000.5');
    const stale = await water.patch(`/api/projects/${p.id}`, { version: p.version, totalInvestment: '1' });
    expect(stale.status).toBe(409);
    const [row] = await database.db.select().from(projects).where(eq(projects.id, p.id));
    expect(row.totalInvestment).toBe('15000.5000');
  });
});

describe('lifecycle', () => {
  it('moves 储备 → 前期 → 具备开工条件, refuses 在建 until procedures are done or waived, then shows the timeline', async () => {
    const p = await (await water.post('/api/projects', projectBody({ name: '城区防洪工程', approvalType: 'filing' }))).json();
    for (const to of ['preliminary', 'ready']) expect((await water.post(`/api/projects/${p.id}/transitions`, { to })).status).toBe(200);

    const noDate = await water.post(`/api/projects/${p.id}/transitions`, { to: 'construction' });
    expect(noDate.status).toBe(409);
    const message = (await errorOf(noDate)).message;
    expect(message).toContain('实际开工日期');
    expect(message).toContain('施工许可');

    const rows = await database.db.select().from(projectProcedures).where(eq(projectProcedures.projectId, p.id));
    for (const r of rows) {
      await database.db
        .update(projectProcedures)
        .set(r.key === 'safety' ? { status: 'not_required', waiverReason: '不涉及危险化学品' } : { status: 'approved', approvalNo: `河发改备〔2025〕${r.sortOrder}号` })
        .where(eq(projectProcedures.id, r.id));
    }
    const started = await water.post(`/api/projects/${p.id}/transitions`, { to: 'construction', actualStart: '2025-04-08' });
    expect(started.status).toBe(200);
    expect((await started.json()).stage).toBe('construction');

    const skip = await water.post(`/api/projects/${p.id}/transitions`, { to: 'operating' });
    expect(skip.status).toBe(409);
    const suspend = await water.post(`/api/projects/${p.id}/transitions`, { to: 'suspended' });
    expect((await errorOf(suspend)).message).toContain('原因');

    const timeline = await (await water.get(`/api/projects/${p.id}/timeline`)).json();
    expect(timeline.data.map((t: { toStage: string }) => t.toStage)).toEqual(['reserve', 'preliminary', 'ready', 'construction']);
    const history = await (await water.get(`/api/projects/${p.id}/history`)).json();
    expect(history.data.some((h: { action: string }) => h.action === 'project.stage_changed')).toBe(true);
  });
});
