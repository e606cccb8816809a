import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../platform/db/client';
import { auditLog } from '../../platform/audit/audit.tables';
import { buildDivision, buildUnit, buildUser } from '../../../tests/support/factories';
import { createTestApp, TestClient, type TestApp } from '../../../tests/support/test-app';
import { createTestDatabase } from '../../../tests/support/test-db';
import { projects } from '../projects/projects.tables';
import { monthlyReports, reportingPeriods } from './monthly-reports.tables';
import { flagOverduePeriods } from './periods.service';

/** The day the issue was found on: 2 December 2026 (10:00 in Beijing). */
const TODAY = new Date('2026-12-02T02:00:00Z');
const CITY = '620900';
const COUNTY = '620921';
/** A county whose 发改局 has one clerk. */
const LONE = '620922';

let database: Database;
let app: TestApp;
let drc: TestClient;
let drcOther: TestClient;
let leader: TestClient;
let waterClerk: TestClient;
let cityDrc: TestClient;
let loneClerk: TestClient;
const ids: Record<string, string> = {};

type ApiError = { error: { code: string; message: string; field?: string } };
const errorOf = async (res: Response) => ((await res.json()) as ApiError).error;
const put = (client: TestClient, path: string, body: unknown) => client.request('PUT', path, body);

async function makeProject(name: string, sector: string) {
  const p = await (await waterClerk.post('/api/projects', { name, ownerUnitId: ids.owner, sector, totalInvestment: '12000' })).json();
  await database.db.update(projects).set({ stage: 'construction', actualStart: '2023-05-01' }).where(eq(projects.id, p.id));
  return p.id as string;
}

async function fileAndSubmit(projectId: string, period: string, invested = '100') {
  const draft = await put(waterClerk, `/api/monthly-reports/${projectId}/${period}`, { version: 0, investedThisPeriod: invested, progressText: '主体施工', progressPct: 40 });
  expect(draft.status).toBe(200);
  const { id } = await draft.json();
  const submitted = await waterClerk.post(`/api/monthly-reports/${id}/submit`);
  expect(submitted.status).toBe(200);
  return submitted.json() as Promise<{ id: string; isLate: boolean; isHistoryEntry: boolean }>;
}

const periodRow = async (divisionCode: string, period: string) =>
  (await database.db.select().from(reportingPeriods).where(and(eq(reportingPeriods.divisionCode, divisionCode), eq(reportingPeriods.period, period))))[0];

const historyEntry = (client: TestClient, body: Record<string, unknown>) => client.post('/api/periods/history-entry', body);

beforeAll(async () => {
  database = await createTestDatabase();
  // "Today" for every route: the services read the clock (`new Date()`), which the test fixes.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(TODAY);
  app = createTestApp(database);
  await buildDivision(database, { code: CITY, name: '酒泉市', level: 'city' });
  await buildDivision(database, { code: COUNTY, name: '河西县', parentCode: CITY });
  await buildDivision(database, { code: LONE, name: '北山县', parentCode: CITY });
  const unit = async (divisionCode: string, name: string, kind: 'drc' | 'department' | 'owner' | 'government') => (await buildUnit(database, { divisionCode, name, kind })).id;
  ids.drc = await unit(COUNTY, '河西县发展和改革局', 'drc');
  ids.water = await unit(COUNTY, '河西县水务局', 'department');
  ids.government = await unit(COUNTY, '河西县人民政府', 'government');
  ids.owner = await unit(COUNTY, '河西县城市建设投资有限公司', 'owner');
  ids.loneDrc = await unit(LONE, '北山县发展和改革局', 'drc');
  ids.cityDrc = await unit(CITY, '酒泉市发展和改革委员会', 'drc');
  const login = async (role: 'drc' | 'department' | 'leader', unitId: string, divisionCode: string, displayName: string) =>
    new TestClient(app).login((await buildUser(database, { role, unitId, divisionCode, displayName })).username);
  drc = await login('drc', ids.drc, COUNTY, '张明');
  drcOther = await login('drc', ids.drc, COUNTY, '李华');
  leader = await login('leader', ids.government, COUNTY, '王县长');
  waterClerk = await login('department', ids.water, COUNTY, '水务填报员');
  cityDrc = await login('drc', ids.cityDrc, CITY, '赵市发改');
  loneClerk = await login('drc', ids.loneDrc, LONE, '孙独办');
  ids.p1 = await makeProject('黑河防洪治理工程', 'industry');
  ids.p2 = await makeProject('城区供水管网改造', 'infrastructure');
});
afterAll(async () => {
  vi.useRealTimers();
  await database.close();
});

describe('no reports for periods that have not started', () => {
  it('refuses to save a 2027-03 report on 2026-12-02, naming the period, and does not open the period', async () => {
    const res = await put(waterClerk, `/api/monthly-reports/${ids.p1}/2027-03`, { version: 0, investedThisPeriod: '100', progressText: '施工', progressPct: 10 });
    expect(res.status).toBe(409);
    const error = await errorOf(res);
    expect(error).toMatchObject({ code: 'PERIOD_NOT_STARTED', field: 'period' });
    expect(error.message).toContain('2027年3月报送期尚未开始');
    expect(await periodRow(COUNTY, '2027-03')).toBeUndefined();
    // Looking at the period shows it, with nothing to fill, and still does not open it.
    const grid = await (await waterClerk.get('/api/monthly-reports?period=2027-03')).json();
    expect(grid.data.find((r: { projectId: string }) => r.projectId === ids.p1).allowedActions).not.toContain('edit');
    const periods = await (await drc.get('/api/periods?year=2027')).json();
    expect(periods.data.find((p: { period: string }) => p.period === '2027-03').status).toBe('future');
    expect(await periodRow(COUNTY, '2027-03')).toBeUndefined();
    // The current period takes reports as before.
    expect((await put(waterClerk, `/api/monthly-reports/${ids.p1}/2026-12`, { version: 0, investedThisPeriod: '10', progressText: '施工', progressPct: 41 })).status).toBe(200);
  });

  it('refuses to submit a future report that slipped in before, and to import a workbook for a future period', async () => {
    const [draft] = await database.db
      .insert(monthlyReports)
      .values({ divisionCode: COUNTY, projectId: ids.p2, period: '2027-03', stage: 'construction', investedThisPeriod: '5', progressText: '施工', progressPct: 5 })
      .returning();
    const submitted = await waterClerk.post(`/api/monthly-reports/${draft.id}/submit`);
    expect(submitted.status).toBe(409);
    expect(await errorOf(submitted)).toMatchObject({ code: 'PERIOD_NOT_STARTED', field: 'period' });
    expect(await periodRow(COUNTY, '2027-03')).toBeUndefined();

    const template = await waterClerk.get('/api/monthly-reports/template.xlsx?period=2026-12');
    expect(template.status).toBe(200);
    const form = new FormData();
    form.append('file', new File([new Uint8Array(await template.arrayBuffer())], '月报.xlsx'));
    const imported = await waterClerk.request('POST', '/api/monthly-reports/import?period=2027-03&commit=true', form);
    expect(imported.status).toBe(409);
    expect(await errorOf(imported)).toMatchObject({ code: 'PERIOD_NOT_STARTED', field: 'period' });
    expect(await periodRow(COUNTY, '2027-03')).toBeUndefined();
  });
});

describe('history-entry mode (补录历史数据)', () => {
  it('is turned on by the 发改局 for a past period, audited; its reports are never late and its lateness is not flagged', async () => {
    expect((await historyEntry(waterClerk, { period: '2025-03', enabled: true, reason: '平台上线，补录2025年数据' })).status).toBe(403);
    const current = await historyEntry(drc, { period: '2026-12', enabled: true, reason: '误操作' });
    expect(current.status).toBe(400);
    expect((await errorOf(current)).field).toBe('period');

    const on = await historyEntry(drc, { period: '2025-03', enabled: true, reason: '平台上线，补录2025年数据' });
    expect(on.status).toBe(200);
    expect((await on.json()).data[0]).toMatchObject({ period: '2025-03', historyEntry: true, historyEntryByName: '张明', historyEntryReason: '平台上线，补录2025年数据' });
    const [audit] = await database.db.select().from(auditLog).where(and(eq(auditLog.divisionCode, COUNTY), eq(auditLog.action, 'period.history_entry_started')));
    expect(audit).toMatchObject({ actorName: '张明', entityId: '2025-03' });
    expect(audit.summary).toContain('平台上线，补录2025年数据');

    // Back-entered: on time however long after the deadline; an ordinary past period is late.
    expect(await fileAndSubmit(ids.p1, '2025-03')).toMatchObject({ isLate: false, isHistoryEntry: true });
    expect(await fileAndSubmit(ids.p2, '2025-03')).toMatchObject({ isLate: false, isHistoryEntry: true });
    expect(await fileAndSubmit(ids.p1, '2025-04')).toMatchObject({ isLate: true, isHistoryEntry: false });

    await flagOverduePeriods(database, TODAY);
    const lateness = async (period: string) => (await (await drc.get(`/api/periods/${period}/lateness`)).json()).projects.map((p: { kind: string; projectId: string }) => `${p.kind}:${p.projectId}`).sort();
    expect(await lateness('2025-03')).toEqual([]);
    expect(await lateness('2025-04')).toEqual([`late:${ids.p1}`, `missing:${ids.p2}`].sort());
    const summary = async (period: string) => (await (await drc.get(`/api/summaries/${period}`)).json()).reporting;
    expect(await summary('2025-03')).toMatchObject({ submitted: 2, late: 0 });
    expect(await summary('2025-04')).toMatchObject({ submitted: 1, late: 1 });
  });

  it('is turned off again, audited; reports entered in it stay on time', async () => {
    const off = await historyEntry(drc, { period: '2025-03', enabled: false, reason: '2025年3月补录完成' });
    expect(off.status).toBe(200);
    expect((await off.json()).data[0]).toMatchObject({ historyEntry: false, historyEntryReason: '2025年3月补录完成' });
    expect(await database.db.select().from(auditLog).where(and(eq(auditLog.divisionCode, COUNTY), eq(auditLog.action, 'period.history_entry_ended')))).toHaveLength(1);
    await flagOverduePeriods(database, TODAY);
    const answer = await (await drc.get('/api/periods/2025-03/lateness')).json();
    expect(answer.projects).toEqual([]);
    const periods = await (await drc.get('/api/periods?year=2025')).json();
    expect(periods.data.find((p: { period: string }) => p.period === '2025-03')).toMatchObject({ historyEntry: false, historyEntryByName: '张明' });
  });

  it('covers a whole past year at once, and imports last year per project through the batch workbook as history entries', async () => {
    expect((await historyEntry(drc, { year: 2027, enabled: true, reason: '补录' })).status).toBe(400);
    const year = await historyEntry(drc, { year: 2024, enabled: true, reason: '补录2024年各项目月报' });
    expect(year.status).toBe(200);
    const answer = await year.json();
    expect(answer.data).toHaveLength(11);
    expect(answer.data.every((p: { historyEntry: boolean }) => p.historyEntry)).toBe(true);

    const template = await waterClerk.get('/api/monthly-reports/template.xlsx?period=2024-05');
    expect(template.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await template.arrayBuffer());
    const sheet = workbook.worksheets[0];
    const reserveNos = new Set((await database.db.select({ reserveNo: projects.reserveNo }).from(projects).where(eq(projects.divisionCode, COUNTY))).map((p) => p.reserveNo));
    let filled = 0;
    sheet.eachRow((row) => {
      if (!reserveNos.has(String(row.getCell(1).value))) return;
      row.getCell(7).value = 300;
      row.getCell(8).value = 35;
      row.getCell(9).value = '主体施工';
      filled++;
    });
    expect(filled).toBe(2);
    const form = new FormData();
    form.append('file', new File([new Uint8Array(await workbook.xlsx.writeBuffer())], '2024年5月月报.xlsx'));
    const imported = await waterClerk.request('POST', '/api/monthly-reports/import?period=2024-05&commit=true', form);
    expect(await imported.json()).toEqual({ saved: 2 });
    const grid = await (await waterClerk.get('/api/monthly-reports?period=2024-05')).json();
    const reports = grid.data.map((r: { report: { id: string; isHistoryEntry: boolean } }) => r.report);
    expect(reports.every((r: { isHistoryEntry: boolean }) => r.isHistoryEntry)).toBe(true);
    const submitted = await waterClerk.post(`/api/monthly-reports/${reports[0].id}/submit`);
    expect(await submitted.json()).toMatchObject({ isLate: false, isHistoryEntry: true });
  });

  it('takes last year’s totals, per sector too, for the year-over-year figures', async () => {
    await database.db.insert(monthlyReports).values({ divisionCode: COUNTY, projectId: ids.p1, period: '2026-11', status: 'approved', stage: 'construction', investedThisPeriod: '30000', progressText: '施工', progressPct: 60 });
    const saved = await put(drc, '/api/investment-figures', {
      items: [
        { period: '2025-11', kind: 'dispatch', scope: 'total', yearCumulative: '50000', note: '2025年调度数' },
        { period: '2025-11', kind: 'dispatch', scope: 'sector:industry', yearCumulative: '20000' },
      ],
    });
    expect(saved.status).toBe(200);
    const summary = await (await drc.get('/api/summaries/2026-11')).json();
    expect(summary.totals.lastYearCumulative).toBe('50000');
    expect(summary.bySector.find((s: { key: string }) => s.key === 'industry')).toMatchObject({ yearCumulative: '30000', lastYearCumulative: '20000', growthPct: '50.0' });
    expect((await put(waterClerk, '/api/investment-figures', { items: [{ period: '2025-11', kind: 'dispatch', scope: 'total', yearCumulative: '1' }] })).status).toBe(403);
  });
});

describe('who approves a reopen request (重开审批人)', () => {
  it('sends a lone clerk’s request to the city, says so, and the city’s 发改局 reopens the period', async () => {
    const periods = await (await loneClerk.get('/api/periods?year=2026')).json();
    expect(periods.reopenApprover).toMatchObject({ rule: 'same_unit_other_user', kind: 'city', isFallback: true });
    expect(periods.reopenApprover.label).toContain('酒泉市');
    expect((await loneClerk.post('/api/periods/2026-11/close')).status).toBe(200);
    const requested = await loneClerk.post('/api/periods/2026-11/reopen-requests', { reason: '漏报一个项目' });
    expect(requested.status).toBe(201);
    const request = await requested.json();
    expect(request).toMatchObject({ approverKind: 'city', allowedActions: [] });
    expect(request.approverNote).toContain('自动转酒泉市');
    expect((await loneClerk.post(`/api/period-reopen-requests/${request.id}/decision`, { approve: true })).status).toBe(403);

    const seen = (await (await cityDrc.get('/api/period-reopen-requests')).json()).data.find((r: { id: string }) => r.id === request.id);
    expect(seen).toMatchObject({ divisionName: '北山县', allowedActions: ['approve', 'reject'] });
    expect((await cityDrc.post(`/api/period-reopen-requests/${request.id}/decision`, { approve: true, comment: '同意补报' })).status).toBe(204);
    const after = await (await loneClerk.get('/api/periods?year=2026')).json();
    expect(after.data.find((p: { period: string }) => p.period === '2026-11').status).toBe('open');
  });

  it('keeps four eyes inside a county with a second 发改局 user: the city cannot decide its requests', async () => {
    expect((await drc.post('/api/periods/2026-10/close')).status).toBe(200);
    const request = await (await drc.post('/api/periods/2026-10/reopen-requests', { reason: '更正投资额' })).json();
    expect(request).toMatchObject({ approverKind: 'unit' });
    expect(request.approverLabel).toContain('李华');
    expect((await cityDrc.post(`/api/period-reopen-requests/${request.id}/decision`, { approve: true })).status).toBe(404);
    expect((await drcOther.post(`/api/period-reopen-requests/${request.id}/decision`, { approve: true })).status).toBe(204);
  });

  it('is a rule on 规则设置: with 本级领导 chosen, the county’s leader account approves', async () => {
    const rules = await (await drc.get('/api/rules/monthly-reports.reopen')).json();
    expect(rules.fields[0]).toMatchObject({ key: 'reopenApprover', kind: 'choice', value: 'same_unit_other_user' });
    expect(rules.fields[0].options.map((o: { value: string }) => o.value)).toEqual(['same_unit_other_user', 'unit_leader', 'city']);
    const bad = await put(drc, '/api/rules/monthly-reports.reopen', { version: 0, values: { reopenApprover: 'nobody' } });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).field).toBe('values.reopenApprover');
    expect((await put(drc, '/api/rules/monthly-reports.reopen', { version: 0, values: { reopenApprover: 'unit_leader' } })).status).toBe(200);

    expect((await drc.post('/api/periods/2026-09/close')).status).toBe(200);
    const request = await (await drc.post('/api/periods/2026-09/reopen-requests', { reason: '补报9月投资' })).json();
    expect(request).toMatchObject({ approverKind: 'leader' });
    expect(request.approverLabel).toContain('王县长');
    const refused = await drcOther.post(`/api/period-reopen-requests/${request.id}/decision`, { approve: true });
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).message).toContain('王县长');
    expect((await leader.post(`/api/period-reopen-requests/${request.id}/decision`, { approve: true, comment: '同意' })).status).toBe(204);
    expect((await periodRow(COUNTY, '2026-09')).status).toBe('open');
  });
});
