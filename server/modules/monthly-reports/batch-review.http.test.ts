import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/audit.tables';
import type { Database } from '../../platform/db/client';
import { recordTransitions } from '../../platform/workflow/workflow.tables';
import { buildDivision, buildUnit, buildUser } from '../../../tests/support/factories';
import { createTestApp, TestClient, type TestApp } from '../../../tests/support/test-app';
import { createTestDatabase } from '../../../tests/support/test-db';
import { projects } from '../projects/projects.tables';
import { monthlyReports } from './monthly-reports.tables';

let database: Database;
let app: TestApp;
let drc: TestClient;
let waterClerk: TestClient;
let waterApprover: TestClient;
let cultureClerk: TestClient;
let ownerClerk: TestClient;
let period: string;
const COUNTY = '620921';
const ids: Record<string, string> = {};
/** Report ids by project key. */
const reports: Record<string, string> = {};

type ApiError = { code: string; message: string; field?: string; details?: { blocked?: Array<{ id: string; projectName: string; code: string; message: string }> } };
const errorOf = async (res: Response) => ((await res.json()) as { error: ApiError }).error;

async function makeProject(client: TestClient, name: string) {
  const p = await (await client.post('/api/projects', { name, ownerUnitId: ids.owner, sector: 'infrastructure', townshipId: ids.town, totalInvestment: '5000' })).json();
  await database.db.update(projects).set({ stage: 'construction', actualStart: '2024-03-01' }).where(eq(projects.id, p.id));
  return p.id as string;
}

async function draft(client: TestClient, key: string, fields: Record<string, unknown> = { progressText: '主体结构施工', progressPct: 40 }) {
  const res = await client.request('PUT', `/api/monthly-reports/${ids[key]}/${period}`, { version: 0, investedThisPeriod: '120', ...fields });
  expect(res.status).toBe(200);
  reports[key] = (await res.json()).id;
  return reports[key];
}

const statusesOf = async (keys: string[]) => {
  const rows = await database.db.select({ id: monthlyReports.id, status: monthlyReports.status }).from(monthlyReports).where(inArray(monthlyReports.id, keys.map((k) => reports[k])));
  return keys.map((k) => rows.find((r) => r.id === reports[k])?.status);
};
const auditCount = async (action: string, keys: string[]) =>
  (await database.db.select().from(auditLog).where(and(eq(auditLog.action, action), inArray(auditLog.entityId, keys.map((k) => reports[k]))))).length;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database);
  await buildDivision(database, { code: COUNTY, name: '河西县' });
  const unit = async (key: string, name: string, kind: 'drc' | 'department' | 'township' | 'owner') => (ids[key] = (await buildUnit(database, { divisionCode: COUNTY, name, kind })).id);
  await unit('drc', '河西县发展和改革局', 'drc');
  await unit('water', '河西县水务局', 'department');
  await unit('culture', '河西县文化和旅游局', 'department');
  await unit('town', '城关镇', 'township');
  await unit('owner', '河西县城市建设投资有限公司', 'owner');
  const login = async (role: 'drc' | 'department' | 'owner', unitId: string) => new TestClient(app).login((await buildUser(database, { role, unitId, divisionCode: COUNTY })).username);
  drc = await login('drc', ids.drc);
  waterClerk = await login('department', ids.water);
  waterApprover = await login('department', ids.water);
  cultureClerk = await login('department', ids.culture);
  ownerClerk = await login('owner', ids.owner);
  period = (await (await drc.get('/api/periods')).json()).current;
  for (const [key, name] of [['w1', '黑河防洪治理工程'], ['w2', '城区供水管网改造'], ['w3', '北干渠节水改造'], ['w4', '村级供水管网维修']] as const) ids[key] = await makeProject(waterClerk, name);
  ids.c1 = await makeProject(cultureClerk, '丝路文化产业园');
});
afterAll(() => database.close());

describe('batch submission and review of monthly reports', () => {
  it('submits a department’s drafts in one call, all or nothing: one draft that fails its rules is named and nothing is submitted', async () => {
    for (const key of ['w1', 'w2', 'w3']) await draft(waterClerk, key);
    // Under construction a report needs its 形象进度: this draft has none.
    await draft(waterClerk, 'w4', { progressText: null, progressPct: null });
    const all = ['w1', 'w2', 'w3', 'w4'].map((k) => reports[k]);

    const refused = await waterClerk.post('/api/monthly-reports/batch-submit', { reportIds: all });
    expect(refused.status).toBe(400);
    const error = await errorOf(refused);
    expect(error.message).toContain('村级供水管网维修');
    expect(error.message).toContain('整批未处理');
    expect(error.details?.blocked?.map((b) => b.id)).toEqual([reports.w4]);
    expect(await statusesOf(['w1', 'w2', 'w3', 'w4'])).toEqual(['draft', 'draft', 'draft', 'draft']);
    expect(await auditCount('monthly_report.submitted', ['w1', 'w2', 'w3'])).toBe(0);

    const submitted = await waterClerk.post('/api/monthly-reports/batch-submit', { reportIds: all.slice(0, 3) });
    expect(submitted.status).toBe(200);
    const answer = await submitted.json();
    expect(answer.count).toBe(3);
    expect(answer.data.map((r: { projectName: string; status: string }) => [r.projectName, r.status])).toEqual([
      ['黑河防洪治理工程', 'submitted'],
      ['城区供水管网改造', 'submitted'],
      ['北干渠节水改造', 'submitted'],
    ]);
    expect(await statusesOf(['w1', 'w2', 'w3'])).toEqual(['submitted', 'submitted', 'submitted']);
    expect(await auditCount('monthly_report.submitted', ['w1', 'w2', 'w3'])).toBe(3);
  });

  it('refuses ids outside the caller’s scope with 404 and changes nothing', async () => {
    await draft(cultureClerk, 'c1');
    expect((await cultureClerk.post(`/api/monthly-reports/${reports.c1}/submit`)).status).toBe(200);

    // The 水务局 does not reach the 文旅局's project: the whole batch is refused, its own reports too.
    const res = await waterApprover.post('/api/monthly-reports/batch-review', { reportIds: [reports.w1, reports.c1], decision: 'approve', comment: '同意' });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).message).toContain('不在您的数据范围内');
    expect(await statusesOf(['w1', 'c1'])).toEqual(['submitted', 'submitted']);
    expect(await auditCount('monthly_report.approved', ['w1', 'c1'])).toBe(0);

    const unknown = await drc.post('/api/monthly-reports/batch-review', { reportIds: [reports.w1, '00000000-0000-4000-8000-000000000000'], decision: 'approve' });
    expect(unknown.status).toBe(404);
    expect(await statusesOf(['w1'])).toEqual(['submitted']);
  });

  it('approves N reports with one 审核意见: N reports move, N audit entries and N history rows', async () => {
    const keys = ['w1', 'w2'];
    const res = await waterApprover.post('/api/monthly-reports/batch-review', { reportIds: keys.map((k) => reports[k]), decision: 'approve', comment: '同意，按期报送' });
    expect(res.status).toBe(200);
    expect((await res.json()).count).toBe(2);
    expect(await statusesOf(keys)).toEqual(['approved', 'approved']);
    const rows = await database.db.select().from(monthlyReports).where(inArray(monthlyReports.id, keys.map((k) => reports[k])));
    expect(rows.map((r) => r.reviewComment)).toEqual(['同意，按期报送', '同意，按期报送']);
    expect(await auditCount('monthly_report.approved', keys)).toBe(2);
    const history = await database.db
      .select()
      .from(recordTransitions)
      .where(and(eq(recordTransitions.recordKind, 'monthly_report'), eq(recordTransitions.action, 'approve'), inArray(recordTransitions.recordId, keys.map((k) => reports[k]))));
    expect(history).toHaveLength(2);
  });

  it('needs a reason to return a batch, then returns every report with it', async () => {
    const noReason = await waterApprover.post('/api/monthly-reports/batch-review', { reportIds: [reports.w3], decision: 'return' });
    expect(noReason.status).toBe(400);
    expect((await errorOf(noReason)).field).toBe('comment');
    expect(await statusesOf(['w3'])).toEqual(['submitted']);

    const returned = await waterApprover.post('/api/monthly-reports/batch-review', { reportIds: [reports.w3], decision: 'return', comment: '投资额与监理月报不一致' });
    expect(returned.status).toBe(200);
    expect(await statusesOf(['w3'])).toEqual(['returned']);
    expect(await auditCount('monthly_report.returned', ['w3'])).toBe(1);
  });

  it('stops the whole batch at a report that cannot take the decision, naming it', async () => {
    // w3 was returned above: approving it with c1 refuses both, and says which one blocked.
    const res = await drc.post('/api/monthly-reports/batch-review', { reportIds: [reports.c1, reports.w3], decision: 'approve' });
    expect(res.status).toBe(409);
    const error = await errorOf(res);
    expect(error.message).toContain('北干渠节水改造');
    expect(error.details?.blocked).toEqual([expect.objectContaining({ id: reports.w3, projectName: '北干渠节水改造', code: 'CONFLICT' })]);
    expect(await statusesOf(['c1', 'w3'])).toEqual(['submitted', 'returned']);
    expect(await auditCount('monthly_report.approved', ['c1'])).toBe(0);
    expect((await drc.post('/api/monthly-reports/batch-review', { reportIds: [reports.c1], decision: 'approve' })).status).toBe(200);
    expect(await statusesOf(['c1'])).toEqual(['approved']);
  });

  it('guards the routes: no session 401, a role without the permission 403, bad input 400 naming the field', async () => {
    const anonymous = new TestClient(app);
    expect((await anonymous.post('/api/monthly-reports/batch-review', { reportIds: [reports.w4], decision: 'approve' })).status).toBe(401);
    expect((await ownerClerk.post('/api/monthly-reports/batch-review', { reportIds: [reports.w4], decision: 'approve' })).status).toBe(403);
    const tooMany = await drc.post('/api/monthly-reports/batch-review', { reportIds: Array.from({ length: 501 }, () => reports.w4), decision: 'approve' });
    expect(tooMany.status).toBe(400);
    expect((await errorOf(tooMany)).field).toBe('reportIds');
    const none = await waterClerk.post('/api/monthly-reports/batch-submit', { reportIds: [] });
    expect(none.status).toBe(400);
    expect((await errorOf(none)).field).toBe('reportIds');
    expect(await statusesOf(['w4'])).toEqual(['draft']);
  });
});
