import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects } from '../projects/projects.tables';
import type { Database } from '../../platform/db/client';
import { recordTransitions } from '../../platform/workflow/workflow.tables';
import { buildDivision, buildUnit, buildUser } from '../../../tests/support/factories';
import { createTestApp, TestClient, type TestApp } from '../../../tests/support/test-app';
import { createTestDatabase } from '../../../tests/support/test-db';

let database: Database;
let app: TestApp;
let drc: TestClient;
let water: TestClient;
let owner: string;
const COUNTY = '620921';

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database);
  await buildDivision(database, { code: COUNTY, name: '河西县' });
  const drcUnit = await buildUnit(database, { divisionCode: COUNTY, name: '河西县发展和改革局', kind: 'drc' });
  const waterUnit = await buildUnit(database, { divisionCode: COUNTY, name: '河西县水务局', kind: 'department' });
  owner = (await buildUnit(database, { divisionCode: COUNTY, name: '河西县水务投资有限公司', kind: 'owner' })).id;
  drc = await new TestClient(app).login((await buildUser(database, { role: 'drc', unitId: drcUnit.id, divisionCode: COUNTY })).username);
  water = await new TestClient(app).login((await buildUser(database, { role: 'department', unitId: waterUnit.id, divisionCode: COUNTY })).username);
});
afterAll(() => database.close());

const project = async (name: string, totalInvestment = '800') =>
  (await (await water.post('/api/projects', { name, ownerUnitId: owner, sector: 'infrastructure', totalInvestment })).json()) as { id: string; version: number };
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; field?: string } }).error;

describe('libraries and requests', () => {
  it('lets only the 发改局 configure libraries', async () => {
    expect((await water.post('/api/libraries', { name: '水务项目库', kind: 'sector' })).status).toBe(403);
    const res = await drc.post('/api/libraries', { name: '"3341"项目库', kind: 'comprehensive', entryCriteria: '总投资 500 万元以上' });
    expect(res.status).toBe(201);
    expect((await drc.post('/api/libraries', { name: '"3341"项目库', kind: 'comprehensive' })).status).toBe(409);
  });

  it('takes a project into a library through submit → approve, audited, once only', async () => {
    const { data } = await (await drc.get('/api/libraries')).json();
    const library = data.find((l: { name: string }) => l.name === '"3341"项目库');
    const p = await project('黑河湿地保护修复工程');
    const submitted = await water.post('/api/library-requests', { projectId: p.id, libraryId: library.id, kind: 'enter', reason: '符合入库条件，前期工作已启动' });
    expect(submitted.status).toBe(201);
    const request = await submitted.json();

    expect((await water.post(`/api/library-requests/${request.id}/approve`, {})).status).toBe(403);
    const todo = await (await drc.get('/api/library-requests?status=pending')).json();
    expect(todo.data.find((r: { id: string }) => r.id === request.id).canReview).toBe(true);

    const approved = await drc.post(`/api/library-requests/${request.id}/approve`, { comment: '同意入库' });
    expect(approved.status).toBe(200);
    expect((await approved.json()).status).toBe('approved');
    expect((await drc.post(`/api/library-requests/${request.id}/approve`, {})).status).toBe(409);

    const detail = await (await water.get(`/api/projects/${p.id}`)).json();
    expect(detail.libraries.map((l: { name: string }) => l.name)).toEqual(['"3341"项目库']);
    const listed = await (await water.get(`/api/projects?libraryId=${library.id}`)).json();
    expect(listed.data.map((x: { id: string }) => x.id)).toEqual([p.id]);
    const history = await (await water.get(`/api/projects/${p.id}/history`)).json();
    expect(history.data.map((h: { action: string }) => h.action)).toEqual(expect.arrayContaining(['library_request.submitted', 'library_request.approved']));
    const transitions = await database.db.select().from(recordTransitions).where(and(eq(recordTransitions.recordKind, 'library_request'), eq(recordTransitions.recordId, request.id))).orderBy(asc(recordTransitions.at));
    expect(transitions.map((t) => [t.fromState, t.toState, t.action, t.reason])).toEqual([
      [null, 'pending', 'submit', '符合入库条件，前期工作已启动'],
      ['pending', 'approved', 'approve', '同意入库'],
    ]);
  });

  it('requires a reason to return a request, and keeps the project out', async () => {
    const { data } = await (await drc.get('/api/libraries')).json();
    const library = data[0];
    const p = await project('城区供水管网改造');
    const request = await (await water.post('/api/library-requests', { projectId: p.id, libraryId: library.id, kind: 'enter', reason: '民生急需' })).json();
    const noReason = await drc.post(`/api/library-requests/${request.id}/return`, {});
    expect(noReason.status).toBe(400);
    expect(await errorOf(noReason)).toMatchObject({ field: 'comment' });
    const returned = await drc.post(`/api/library-requests/${request.id}/return`, { comment: '前期手续不全，补充可研后再报' });
    expect((await returned.json()).status).toBe('returned');
    expect((await (await water.get(`/api/projects/${p.id}`)).json()).libraries).toEqual([]);
  });

  it('computes the reserve ratio and warns below 3', async () => {
    const { reserveRatio } = await (await drc.get('/api/libraries')).json();
    // Every project so far is ≥ 500万 and in 储备; none is under construction yet.
    expect(reserveRatio.implementedCount).toBe(0);
    expect(reserveRatio.ratio).toBeNull();
    const started = await project('工业园区污水处理厂', '6000');
    for (const to of ['preliminary', 'ready']) await water.post(`/api/projects/${started.id}/transitions`, { to });
    const after = await (await drc.get('/api/libraries')).json();
    expect(after.reserveRatio.reserveCount).toBe(3);
    await project('小额项目不计入', '300');
    expect((await (await drc.get('/api/libraries')).json()).reserveRatio.reserveCount).toBe(3);

    // Two more under construction: 3 reserve ÷ 2 implemented = 1.5, below the target of 3.
    for (const name of ['光伏组件扩产项目', '风电装备制造基地']) {
      const p = await project(name, '20000');
      await database.db.update(projects).set({ stage: 'construction', actualStart: '2026-03-01' }).where(eq(projects.id, p.id));
    }
    const ratio = (await (await drc.get('/api/libraries')).json()).reserveRatio;
    expect(ratio).toMatchObject({ reserveCount: 3, implementedCount: 2, ratio: '1.5', target: 3, isBelowTarget: true });
  });

  it('filters the review list by project name, library and kind, with the full total', async () => {
    const { data } = await (await drc.get('/api/libraries')).json();
    const library = data[0];
    for (const name of ['南关街东延段建设工程', '北关街改造工程', '城南污水处理厂']) {
      const p = await project(name);
      expect((await water.post('/api/library-requests', { projectId: p.id, libraryId: library.id, kind: 'enter', reason: '符合入库条件' })).status).toBe(201);
    }
    const byName = await (await drc.get(`/api/library-requests?status=pending&q=${encodeURIComponent('关街')}`)).json();
    expect(byName.data.map((r: { projectName: string }) => r.projectName).sort()).toEqual(['北关街改造工程', '南关街东延段建设工程']);
    expect(byName.total).toBe(2);
    const byKind = await (await drc.get(`/api/library-requests?status=pending&kind=exit&libraryId=${library.id}`)).json();
    expect(byKind.total).toBe(0);
    const paged = await (await drc.get('/api/library-requests?status=pending&pageSize=1')).json();
    expect(paged.data).toHaveLength(1);
    expect(paged.total).toBeGreaterThanOrEqual(3);
    const bad = await drc.get('/api/library-requests?kind=merge');
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).field).toBe('kind');
  });
});
