import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/client';
import { buildDivision, buildUnit, buildUser } from '../../../tests/support/factories';
import { createTestApp, TestClient, type TestApp } from '../../../tests/support/test-app';
import { createTestDatabase } from '../../../tests/support/test-db';
import { addDays, beijingToday } from './milestone-status';

let database: Database;
let app: TestApp;
let drc: TestClient;
let water: TestClient;
let agri: TestClient;
let leader: TestClient;
let owner: TestClient;
let ownerUnit: string;
let agriOwnerUnit: string;
let waterUnit: string;
let foreignUser: string;
const COUNTY = '620921';
const today = beijingToday(new Date());

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database);
  await buildDivision(database, { code: COUNTY, name: '河西县' });
  const drcUnit = await buildUnit(database, { divisionCode: COUNTY, name: '河西县发展和改革局', kind: 'drc' });
  waterUnit = (await buildUnit(database, { divisionCode: COUNTY, name: '河西县水务局', kind: 'department' })).id;
  const agriUnit = await buildUnit(database, { divisionCode: COUNTY, name: '河西县农业农村局', kind: 'department' });
  ownerUnit = (await buildUnit(database, { divisionCode: COUNTY, name: '河西县水务投资有限公司', kind: 'owner' })).id;
  agriOwnerUnit = (await buildUnit(database, { divisionCode: COUNTY, name: '河西县农业发展有限公司', kind: 'owner' })).id;
  const login = async (role: 'drc' | 'department' | 'leader' | 'owner', unitId: string) =>
    new TestClient(app).login((await buildUser(database, { role, unitId, divisionCode: COUNTY })).username);
  drc = await login('drc', drcUnit.id);
  water = await login('department', waterUnit);
  agri = await login('department', agriUnit.id);
  leader = await login('leader', drcUnit.id);
  owner = await login('owner', ownerUnit);
  foreignUser = (await buildUser(database, { role: 'department' })).id;
});
afterAll(() => database.close());

const createProject = async (client: TestClient, name: string, ownerUnitId: string, leaderName?: string) => {
  const res = await client.post('/api/projects', { name, ownerUnitId, sector: 'infrastructure', totalInvestment: '20000', leaderName });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
};
const addMilestone = async (client: TestClient, projectId: string, body: Record<string, unknown>) => client.post(`/api/projects/${projectId}/milestones`, body);
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; field?: string } }).error;

describe('milestone plans', () => {
  let reservoir: { id: string };
  let orchard: { id: string };
  let first: { id: string; version: number };

  beforeAll(async () => {
    reservoir = await createProject(water, '黑河水库除险加固工程', ownerUnit, '王县长');
    orchard = await createProject(agri, '万亩苹果标准化示范园', agriOwnerUnit, '李县长');
  });

  it('adds milestones with computed status and countdown', async () => {
    const res = await addMilestone(water, reservoir.id, { name: '完成初步设计批复', plannedDate: addDays(today, -3), ownerName: '张工' });
    expect(res.status).toBe(201);
    first = await res.json();
    expect(first).toMatchObject({ status: 'overdue', statusLabel: '已逾期', daysRemaining: -3, sortOrder: 0, version: 1 });
    const soon = await (await addMilestone(water, reservoir.id, { name: '主体工程开工', plannedDate: addDays(today, 3), ownerName: '张工' })).json();
    expect(soon).toMatchObject({ status: 'at_risk', daysRemaining: 3, sortOrder: 1 });
    const later = await (await addMilestone(owner, reservoir.id, { name: '大坝封顶', plannedDate: addDays(today, 60), ownerName: '李经理' })).json();
    expect(later).toMatchObject({ status: 'on_time', daysRemaining: 60 });

    const plan = await (await leader.get(`/api/projects/${reservoir.id}/milestones`)).json();
    expect(plan.data.map((m: { name: string }) => m.name)).toEqual(['完成初步设计批复', '主体工程开工', '大坝封顶']);
    expect(plan).toMatchObject({ rollUpStatus: 'overdue', today, canManage: false });
  });

  it('names the bad field and checks the owner account belongs to the division', async () => {
    const missing = await addMilestone(water, reservoir.id, { name: '竣工验收', plannedDate: '2027-06-30' });
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).field).toBe('ownerName');
    const badDate = await addMilestone(water, reservoir.id, { name: '竣工验收', plannedDate: '2027/06/30', ownerName: '张工' });
    expect((await errorOf(badDate)).field).toBe('plannedDate');
    const foreign = await addMilestone(water, reservoir.id, { name: '竣工验收', plannedDate: '2027-06-30', ownerName: '张工', ownerUserId: foreignUser });
    expect(foreign.status).toBe(400);
    expect((await errorOf(foreign)).field).toBe('ownerUserId');
  });

  it('keeps another department out (404) and leaders read-only (403)', async () => {
    expect((await agri.get(`/api/projects/${reservoir.id}/milestones`)).status).toBe(404);
    expect((await addMilestone(agri, reservoir.id, { name: '试图添加', plannedDate: '2027-01-01', ownerName: '某人' })).status).toBe(404);
    expect((await agri.patch(`/api/milestones/${first.id}`, { version: 1, name: '被改掉了' })).status).toBe(404);
    expect((await agri.request('DELETE', `/api/milestones/${first.id}?version=1`)).status).toBe(404);
    expect((await leader.post(`/api/projects/${reservoir.id}/milestones`, { name: '领导添加', plannedDate: '2027-01-01', ownerName: '某人' })).status).toBe(403);
    expect((await leader.patch(`/api/milestones/${first.id}`, { version: 1, name: '领导修改' })).status).toBe(403);
    const plan = await (await water.get(`/api/projects/${reservoir.id}/milestones`)).json();
    expect(plan.data[0]).toMatchObject({ name: '完成初步设计批复', version: 1 });
  });

  it('records the actual date with optimistic locking', async () => {
    const done = await water.patch(`/api/milestones/${first.id}`, { version: 1, actualDate: addDays(today, -1) });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ status: 'done', statusLabel: '逾期完成', isDoneLate: true, daysRemaining: null, version: 2 });
    const stale = await owner.patch(`/api/milestones/${first.id}`, { version: 1, ownerName: '王工' });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).code).toBe('VERSION_CONFLICT');
    const plan = await (await water.get(`/api/projects/${reservoir.id}/milestones`)).json();
    expect(plan.data[0]).toMatchObject({ ownerName: '张工', version: 2 });
    expect(plan.rollUpStatus).toBe('at_risk');
  });

  it('rolls the portfolio up per project, filtered by scope, department, leader and status', async () => {
    await addMilestone(agri, orchard.id, { name: '苗木定植', plannedDate: addDays(today, 20), ownerName: '赵站长' });
    await addMilestone(agri, orchard.id, { name: '节水灌溉建成', plannedDate: addDays(today, 90), ownerName: '赵站长' });
    await createProject(water, '没有里程碑的项目', ownerUnit);

    const all = await (await drc.get('/api/milestones/portfolio')).json();
    expect(all.data.map((r: { projectName: string }) => r.projectName).sort()).toEqual(['万亩苹果标准化示范园', '黑河水库除险加固工程'].sort());
    const row = all.data.find((r: { projectId: string }) => r.projectId === reservoir.id);
    expect(row).toMatchObject({
      departmentName: '河西县水务局',
      leaderName: '王县长',
      status: 'at_risk',
      plannedStart: addDays(today, -3),
      plannedEnd: addDays(today, 60),
      counts: { done: 1, at_risk: 1, on_time: 1, overdue: 0 },
    });
    expect(row.milestones).toHaveLength(3);
    expect(all.summary).toEqual({ overdue: 0, at_risk: 1, on_time: 1, done: 0 });

    const onTime = await (await drc.get('/api/milestones/portfolio?status=on_time')).json();
    expect(onTime.data.map((r: { projectId: string }) => r.projectId)).toEqual([orchard.id]);
    const byLeader = await (await leader.get(`/api/milestones/portfolio?leader=${encodeURIComponent('王县长')}`)).json();
    expect(byLeader.data.map((r: { projectId: string }) => r.projectId)).toEqual([reservoir.id]);
    const byDepartment = await (await drc.get(`/api/milestones/portfolio?departmentId=${waterUnit}`)).json();
    expect(byDepartment.data.map((r: { projectId: string }) => r.projectId)).toEqual([reservoir.id]);
    const own = await (await agri.get('/api/milestones/portfolio')).json();
    expect(own.data.map((r: { projectId: string }) => r.projectId)).toEqual([orchard.id]);
  });

  it('filters the portfolio by keyword and counts the projects found', async () => {
    const found = await (await drc.get(`/api/milestones/portfolio?q=${encodeURIComponent('水库')}`)).json();
    expect(found.data.map((r: { projectId: string }) => r.projectId)).toEqual([reservoir.id]);
    expect(found.total).toBe(1);
    expect((await (await drc.get('/api/milestones/portfolio')).json()).total).toBe(2);
  });

  it('exports the filtered portfolio as an .xlsx, one row per milestone, for the 督查 table', async () => {
    const res = await drc.get(`/api/milestones/portfolio/export.xlsx?departmentId=${waterUnit}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0];
    expect(String(sheet.getCell(2, 1).value)).toContain('主管部门：河西县水务局');
    expect(String(sheet.getCell(2, 1).value)).toContain('项目 1 个，里程碑 3 个');
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => n > 3 && rows.push([row.getCell(2).value, row.getCell(7).value, row.getCell(11).value, row.getCell(12).value]));
    expect(rows).toEqual([
      ['黑河水库除险加固工程', '完成初步设计批复', '逾期完成', '逾期完成'],
      ['黑河水库除险加固工程', '主体工程开工', '临期', '还剩 3 天'],
      ['黑河水库除险加固工程', '大坝封顶', '正常推进', '还剩 60 天'],
    ]);
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 8, printTitlesRow: '3:3' });
    // Another department's export holds none of these.
    const theirs = new ExcelJS.Workbook();
    await theirs.xlsx.load(await (await agri.get('/api/milestones/portfolio/export.xlsx')).arrayBuffer());
    const names: unknown[] = [];
    theirs.worksheets[0].eachRow((row, n) => n > 3 && names.push(row.getCell(2).value));
    expect(new Set(names)).toEqual(new Set(['万亩苹果标准化示范园']));
  });

  it('deletes a milestone only with the current version', async () => {
    const plan = await (await water.get(`/api/projects/${reservoir.id}/milestones`)).json();
    const last = plan.data[2];
    expect((await water.request('DELETE', `/api/milestones/${last.id}?version=${last.version + 1}`)).status).toBe(409);
    expect((await water.request('DELETE', `/api/milestones/${last.id}?version=${last.version}`)).status).toBe(204);
    expect((await (await water.get(`/api/projects/${reservoir.id}/milestones`)).json()).data).toHaveLength(2);
  });
});
