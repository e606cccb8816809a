import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/client';
import { recordTransitions } from '../../platform/workflow/workflow.tables';
import { buildDivision, buildUnit, buildUser } from '../../../tests/support/factories';
import { createTestApp, TestClient, type TestApp } from '../../../tests/support/test-app';
import { createTestDatabase } from '../../../tests/support/test-db';
import { projects, projectYearPlans } from '../projects/projects.tables';
import { monthlyReports, summarySnapshots } from './monthly-reports.tables';
import { flagOverduePeriods } from './periods.service';

let database: Database;
let app: TestApp;
let drc: TestClient;
let waterClerk: TestClient;
let waterApprover: TestClient;
let townA: TestClient;
const COUNTY = '620921';
const ids: Record<string, string> = {};

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; field?: string } }).error;

async function makeProject(client: TestClient, name: string, fields: Record<string, unknown>, start: string) {
  const p = await (await client.post('/api/projects', { name, ownerUnitId: ids.owner, ...fields })).json();
  await database.db.update(projects).set({ stage: 'construction', actualStart: start }).where(eq(projects.id, p.id));
  return p.id as string;
}

/** Last year's approved figures, as a county that has used the platform for a year would have them. */
async function approvedLastYear(projectId: string, period: string, invested: string) {
  await database.db.insert(monthlyReports).values({ divisionCode: COUNTY, projectId, period, revision: 1, status: 'approved', stage: 'construction', investedThisPeriod: invested, progressText: '主体施工', progressPct: 30 });
}

async function fileAndSubmit(client: TestClient, projectId: string, period: string, fields: Record<string, unknown>) {
  const draft = await client.request('PUT', `/api/monthly-reports/${projectId}/${period}`, { version: 0, progressText: '主体结构施工', ...fields });
  expect(draft.status).toBe(200);
  const { id } = await draft.json();
  const submitted = await client.post(`/api/monthly-reports/${id}/submit`);
  return { id: id as string, submitted };
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database);
  await buildDivision(database, { code: COUNTY, name: '河西县' });
  const unit = async (key: string, name: string, kind: 'drc' | 'department' | 'township' | 'owner') => (ids[key] = (await buildUnit(database, { divisionCode: COUNTY, name, kind })).id);
  await unit('drc', '河西县发展和改革局', 'drc');
  await unit('water', '河西县水务局', 'department');
  await unit('culture', '河西县文化和旅游局', 'department');
  await unit('townA', '城关镇', 'township');
  await unit('townB', '红柳乡', 'township');
  await unit('owner', '河西县城市建设投资有限公司', 'owner');
  const login = async (role: 'drc' | 'department' | 'township', unitId: string) =>
    new TestClient(app).login((await buildUser(database, { role, unitId, divisionCode: COUNTY })).username);
  drc = await login('drc', ids.drc);
  waterClerk = await login('department', ids.water);
  waterApprover = await login('department', ids.water);
  const culture = await login('department', ids.culture);
  townA = await login('township', ids.townA);

  ids.p1 = await makeProject(waterClerk, '黑河防洪治理工程', { sector: 'infrastructure', townshipId: ids.townA, totalInvestment: '12000' }, '2023-05-01');
  ids.p2 = await makeProject(culture, '丝路文化产业园', { sector: 'services', townshipId: ids.townB, totalInvestment: '8000' }, '2023-03-01');
  ids.p3 = await makeProject(waterClerk, '村级供水管网维修', { sector: 'infrastructure', townshipId: ids.townA, totalInvestment: '300' }, '2023-03-01');
  await database.db.insert(projectYearPlans).values({ divisionCode: COUNTY, projectId: ids.p1, year: 2024, planned: '9000' });
  await approvedLastYear(ids.p1, '2023-01', '500');
  await approvedLastYear(ids.p1, '2023-03', '700');
  await approvedLastYear(ids.p2, '2023-03', '800');
  await approvedLastYear(ids.p3, '2023-03', '100');
});
afterAll(() => database.close());

describe('monthly reports', () => {
  it('computes cumulative figures from the approved months before, never typed', async () => {
    const jan = await fileAndSubmit(waterClerk, ids.p1, '2024-01', { investedThisPeriod: '600', progressPct: 40 });
    expect(jan.submitted.status).toBe(200);
    expect(await jan.submitted.json()).toMatchObject({ status: 'submitted', yearCumulative: '600', sinceStartCumulative: '1800', isLate: true });
    expect((await waterApprover.post(`/api/monthly-reports/${jan.id}/approve`, {})).status).toBe(200);

    const mar = await fileAndSubmit(waterClerk, ids.p1, '2024-03', { investedThisPeriod: '900', progressPct: 55 });
    // 600 (1—2月) + 900 = 1500 this year; 500 + 700 + 600 + 900 = 2700 since the start.
    expect(await mar.submitted.json()).toMatchObject({ yearCumulative: '1500', sinceStartCumulative: '2700' });
    expect((await waterApprover.post(`/api/monthly-reports/${mar.id}/approve`, { comment: '同意' })).status).toBe(200);
  });

  it('is immutable once submitted; the submitter cannot approve it', async () => {
    const r = await fileAndSubmit(waterClerk, ids.p3, '2024-01', { investedThisPeriod: '50', progressPct: 50 });
    const edit = await waterClerk.request('PUT', `/api/monthly-reports/${ids.p3}/2024-01`, { version: 2, investedThisPeriod: '60', progressText: 'x', progressPct: 50 });
    expect(edit.status).toBe(409);
    expect((await waterClerk.post(`/api/monthly-reports/${r.id}/approve`, {})).status).toBe(403);
  });

  it('requires a written explanation when the cumulative exceeds the total or progress goes back', async () => {
    const draft = await (await waterClerk.request('PUT', `/api/monthly-reports/${ids.p3}/2024-03`, { version: 0, investedThisPeriod: '250', progressText: '管网铺设', progressPct: 60 })).json();
    const refused = await waterClerk.post(`/api/monthly-reports/${draft.id}/submit`);
    expect(refused.status).toBe(400);
    const error = await errorOf(refused);
    expect(error.field).toBe('explanation');
    expect(error.message).toContain('超过总投资');

    const p2 = await (await waterApprover.request('PUT', `/api/monthly-reports/${ids.p1}/2024-04`, { version: 0, investedThisPeriod: '100', progressText: '复工', progressPct: 50 })).json();
    const back = await waterApprover.post(`/api/monthly-reports/${p2.id}/submit`);
    expect((await errorOf(back)).message).toContain('低于上期');
    const fixed = await waterApprover.request('PUT', `/api/monthly-reports/${ids.p1}/2024-04`, { version: p2.version, investedThisPeriod: '100', progressText: '复工', progressPct: 50, explanation: '设计变更，部分已完工程量核减' });
    expect(fixed.status).toBe(200);
    expect((await waterApprover.post(`/api/monthly-reports/${p2.id}/submit`)).status).toBe(200);
  });

  it('requires what the stage asks for', async () => {
    const draft = await (await waterClerk.request('PUT', `/api/monthly-reports/${ids.p1}/2024-05`, { version: 0, investedThisPeriod: '10' })).json();
    const res = await waterClerk.post(`/api/monthly-reports/${draft.id}/submit`);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain('形象进度');
  });

  it('returns with a reason, and a correction is a new revision that the summary then uses', async () => {
    const first = await fileAndSubmit(waterClerk, ids.p1, '2024-06', { investedThisPeriod: '300', progressPct: 60 });
    expect((await waterApprover.post(`/api/monthly-reports/${first.id}/return`, {})).status).toBe(400);
    expect((await waterApprover.post(`/api/monthly-reports/${first.id}/return`, { comment: '投资额与监理月报不一致' })).status).toBe(200);
    const revised = await (await waterClerk.post(`/api/monthly-reports/${first.id}/revise`, { reason: '按监理月报核实后修改' })).json();
    expect(revised).toMatchObject({ revision: 2, status: 'draft', investedThisPeriod: '300', revisionReason: '按监理月报核实后修改' });
    await waterClerk.request('PUT', `/api/monthly-reports/${ids.p1}/2024-06`, { version: revised.version, investedThisPeriod: '280', progressText: '主体结构施工', progressPct: 60 });
    await waterClerk.post(`/api/monthly-reports/${revised.id}/submit`);
    await waterApprover.post(`/api/monthly-reports/${revised.id}/approve`, {});
    const detail = await (await drc.get(`/api/monthly-reports/${revised.id}`)).json();
    expect(detail.revisions.map((r: { revision: number; status: string }) => `${r.revision}:${r.status}`)).toEqual(['1:returned', '2:approved']);
    const history = async (id: string) =>
      (await database.db.select().from(recordTransitions).where(and(eq(recordTransitions.recordKind, 'monthly_report'), eq(recordTransitions.recordId, id))).orderBy(asc(recordTransitions.at))).map(
        (t) => `${t.fromState ?? '-'}→${t.toState}:${t.action}${t.reason ? `:${t.reason}` : ''}`,
      );
    expect(await history(first.id)).toEqual(['-→draft:create', 'draft→submitted:submit', 'submitted→returned:return:投资额与监理月报不一致']);
    expect(await history(revised.id)).toEqual(['returned→draft:revise:按监理月报核实后修改', 'draft→submitted:submit', 'submitted→approved:approve']);
  });
});

describe('the 发改局 summary', () => {
  it('totals and year-over-year growth match the figures worked out by hand', async () => {
    const p2 = await fileAndSubmit(drc, ids.p2, '2024-03', { investedThisPeriod: '760', progressPct: 35 });
    expect(p2.submitted.status).toBe(200);
    expect((await waterApprover.post(`/api/monthly-reports/${p2.id}/approve`, {})).status).toBe(404);
    const otherDrc = await new TestClient(app).login((await buildUser(database, { role: 'drc', unitId: ids.drc, divisionCode: COUNTY })).username);
    expect((await otherDrc.post(`/api/monthly-reports/${p2.id}/approve`, {})).status).toBe(200);

    const summary = await (await drc.get('/api/summaries/2024-03')).json();
    expect(summary).toMatchObject({ periodLabel: '3月', cumulativeLabel: '1—3月' });
    // This period: 900 (p1) + 760 (p2). Year to date: 600 + 900 + 760 = 2260.
    // Same period last year: p1 500 + 700, p2 800 = 2000 (p3 is under 500万 and not counted).
    // Growth: (2260 − 2000) ÷ 2000 = 13.0%.
    expect(summary.totals).toMatchObject({ period: '1660', yearCumulative: '2260', lastYearCumulative: '2000', growthPct: '13.0', projects: 2 });
    const sector = Object.fromEntries(summary.bySector.map((s: { key: string; growthPct: string }) => [s.key, s.growthPct]));
    // Infrastructure 1500 vs 1200 → +25.0%; services 760 vs 800 → −5.0%.
    expect(sector).toEqual({ infrastructure: '25.0', services: '-5.0' });
    // p1: 1500 of a 9000 plan after 3 months (plan to date 2250, −20% margin → 1800): lagging, 16.7% of the year's plan.
    const lag = summary.lagging.find((l: { id: string }) => l.id === ids.p1);
    expect(lag).toMatchObject({ reason: 'behind_plan' });
    expect(lag.detail).toContain('16.7%');
  });

  it('prints the same figures into the Word report and the Excel tables', async () => {
    const docx = await drc.get('/api/summaries/2024-03/report.docx?docNumber=' + encodeURIComponent('河发改〔2024〕31号'));
    expect(docx.status).toBe(200);
    const xml = await (await JSZip.loadAsync(await docx.arrayBuffer())).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const heading of ['一、', '二、', '三、', '四、', '五、']) expect(text).toContain(heading);
    expect(text).toContain('河发改〔2024〕31号');
    expect(text).toContain('2,260万元');
    expect(text).toContain('同比增长13.0%');

    const xlsx = await drc.get('/api/summaries/2024-03/tables.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const cells: string[] = [];
    workbook.getWorksheet('分领域')!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value && typeof cell.value === 'object' && 'result' in cell.value ? cell.value.result : cell.value))));
    expect(cells).toContain('1500');
    expect((await drc.get('/api/summaries/2024-04/quarterly.docx')).status).toBe(400);
    expect((await drc.get('/api/summaries/2024-03/quarterly.docx')).status).toBe(200);
  });

  it('shows a township only its own projects', async () => {
    const summary = await (await townA.get('/api/summaries/2024-03')).json();
    expect(summary.totals).toMatchObject({ yearCumulative: '1500', lastYearCumulative: '1200', growthPct: '25.0' });
    expect(summary.byTownship.map((t: { label: string }) => t.label)).toEqual(['城关镇']);
  });
});

describe('frozen periods', () => {
  it('refuses changes to a closed period until the 发改局 approves a reopen request', async () => {
    const closed = await drc.post('/api/periods/2024-05/close');
    expect(closed.status).toBe(200);
    // A frozen period's summary is computed once and kept.
    const first = await (await drc.get('/api/summaries/2024-05')).json();
    expect(await database.db.select().from(summarySnapshots).where(eq(summarySnapshots.period, '2024-05'))).toHaveLength(1);
    expect((await (await drc.get('/api/summaries/2024-05')).json()).generatedAt).toBe(first.generatedAt);
    // A snapshot frozen before summaries carried their thresholds was computed with the defaults.
    const { thresholds: _dropped, ...legacy } = first;
    await database.db.update(summarySnapshots).set({ summary: legacy }).where(eq(summarySnapshots.period, '2024-05'));
    const fromLegacy = await drc.get('/api/summaries/2024-05');
    expect(fromLegacy.status).toBe(200);
    expect((await fromLegacy.json()).thresholds).toEqual({ countedMinWan: 500, majorMinWan: 10_000, largeMinWan: 100_000 });
    const refused = await waterClerk.request('PUT', `/api/monthly-reports/${ids.p1}/2024-05`, { version: 1, investedThisPeriod: '20', progressText: 'x', progressPct: 60 });
    expect(refused.status).toBe(409);
    expect((await errorOf(refused)).message).toContain('已关闭');

    const request = await (await waterClerk.post('/api/periods/2024-05/reopen-requests', { reason: '漏报黑河防洪治理工程5月投资' })).json();
    expect((await drc.post(`/api/period-reopen-requests/${request.id}/decision`, { approve: true, comment: '同意' })).status).toBe(204);
    // The kept summary is marked stale (recomputed, with the reason, once the period is closed again).
    expect((await database.db.select().from(summarySnapshots).where(eq(summarySnapshots.period, '2024-05'))).map((r) => r.staleReason)).toEqual(['2024-05 报送期重开']);
    const reopened = await waterClerk.request('PUT', `/api/monthly-reports/${ids.p1}/2024-05`, { version: 1, investedThisPeriod: '20', progressText: '收尾', progressPct: 60 });
    expect(reopened.status).toBe(200);
    expect((await drc.post(`/api/period-reopen-requests/${request.id}/decision`, { approve: false })).status).toBe(409);

    const kinds = (kind: string, id: string) =>
      database.db.select().from(recordTransitions).where(and(eq(recordTransitions.recordKind, kind), eq(recordTransitions.recordId, id))).orderBy(asc(recordTransitions.at));
    expect((await kinds('period', '2024-05')).map((t) => `${t.fromState}→${t.toState}:${t.action}`)).toEqual(['open→closed:close', 'closed→open:reopen']);
    expect((await kinds('period_reopen_request', request.id)).map((t) => `${t.fromState ?? '-'}→${t.toState}:${t.action}`)).toEqual(['-→pending:request', 'pending→approved:approve']);
  });

  it('records missing reports at close, per department', async () => {
    await drc.post('/api/periods/2024-07/close');
    const lateness = await (await drc.get('/api/periods/2024-07/lateness')).json();
    const water = lateness.byDepartment.find((d: { departmentName: string }) => d.departmentName === '河西县水务局');
    expect(water).toMatchObject({ missing: 2, late: 0 });
  });
});

describe('lateness at the deadline', () => {
  it('flags missing reports once the deadline passes, and a report filed afterwards as late', async () => {
    await waterClerk.get('/api/monthly-reports?period=2024-08');
    await flagOverduePeriods(database);
    let lateness = await (await drc.get('/api/periods/2024-08/lateness')).json();
    expect(lateness.projects.filter((p: { projectId: string }) => p.projectId === ids.p1).map((p: { kind: string }) => p.kind)).toEqual(['missing']);
    await fileAndSubmit(waterClerk, ids.p1, '2024-08', { investedThisPeriod: '10', progressPct: 65 });
    await flagOverduePeriods(database);
    lateness = await (await drc.get('/api/periods/2024-08/lateness')).json();
    expect(lateness.projects.filter((p: { projectId: string }) => p.projectId === ids.p1).map((p: { kind: string }) => p.kind)).toEqual(['late']);
  });
});

describe('site photos', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
  const upload = (client: TestClient, id: string, name: string, bytes: Uint8Array<ArrayBuffer>) => {
    const form = new FormData();
    form.append('file', new File([bytes], name));
    return client.request('POST', `/api/monthly-reports/${id}/photos`, form);
  };

  it('attaches photos to a draft, checked by content, and refuses them once submitted', async () => {
    const draft = await (await waterClerk.request('PUT', `/api/monthly-reports/${ids.p1}/2024-09`, { version: 0, investedThisPeriod: '5', progressText: '附属工程', progressPct: 70 })).json();
    expect((await upload(waterClerk, draft.id, '现场.png', png)).status).toBe(201);
    expect((await upload(waterClerk, draft.id, '伪装.png', new TextEncoder().encode('not an image'))).status).toBe(415);
    const { data } = await (await drc.get(`/api/monthly-reports/${draft.id}/photos`)).json();
    expect(data.map((p: { filename: string }) => p.filename)).toEqual(['现场.png']);
    await waterClerk.post(`/api/monthly-reports/${draft.id}/submit`);
    expect((await upload(waterClerk, draft.id, '补拍.png', png)).status).toBe(409);
  });
});
