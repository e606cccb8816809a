import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../platform/db/client';
import { buildDivision, buildUnit, buildUser, createProjectAs, insertApprovedReports } from '../../../tests/support/factories';
import { createTestApp, TestClient, type TestApp } from '../../../tests/support/test-app';
import { createTestDatabase } from '../../../tests/support/test-db';
import { headlineOf } from './headline';
import { monthlyReports, summarySnapshots } from './monthly-reports.tables';
import { markSnapshotsStale } from './summary-snapshots';

// The day: 2 December 2026 (Beijing), when the November summary is not yet due.
const TODAY = new Date('2026-12-02T03:00:00Z');
const CITY = '621000';
const COUNTY = '621001';
const OTHER = '621002';

let database: Database;
let app: TestApp;
let drc: TestClient;
let clerk: TestClient;
let approver: TestClient;
let otherDrc: TestClient;
let cityDrc: TestClient;
const ids: Record<string, string> = {};

interface Figure {
  period: string;
  yearCumulative: string;
  lastYearCumulative: string | null;
  growthPct: string | null;
  projects: number;
}
interface Summary {
  period: string;
  cumulativeLabel: string;
  generatedAt: string;
  asOf: string;
  figureStatus: string;
  figureNote: string;
  recomputeReason: string | null;
  totals: Figure;
  byCounty: Array<Figure & { key: string; label: string }>;
  lagging: Array<{ id: string; reason: string; detail: string }>;
  laggingCounts: Record<string, number>;
  laggingDefinition: string;
  growthTarget: { targetPct: string; completionPct: string | null };
}

const summaryOf = async (client: TestClient, path: string): Promise<Summary> => {
  const res = await client.get(path);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
};

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(TODAY);
  database = await createTestDatabase();
  app = createTestApp(database);
  await buildDivision(database, { code: CITY, name: '金川市', level: 'city' });
  await buildDivision(database, { code: COUNTY, name: '甲县', level: 'county', parentCode: CITY });
  await buildDivision(database, { code: OTHER, name: '乙县', level: 'county', parentCode: CITY });
  const unit = async (key: string, name: string, kind: 'drc' | 'department' | 'township' | 'owner', divisionCode = COUNTY) =>
    (ids[key] = (await buildUnit(database, { divisionCode, name, kind })).id);
  await unit('drc', '甲县发展和改革局', 'drc');
  await unit('water', '甲县水务局', 'department');
  await unit('town', '城关镇', 'township');
  await unit('owner', '甲县城投公司', 'owner');
  await unit('otherDrc', '乙县发展和改革局', 'drc', OTHER);
  await unit('otherOwner', '乙县城投公司', 'owner', OTHER);
  await unit('cityDrc', '金川市发展和改革委员会', 'drc', CITY);
  const login = async (role: 'drc' | 'department', unitId: string, divisionCode = COUNTY) => new TestClient(app).login((await buildUser(database, { role, unitId, divisionCode })).username);
  drc = await login('drc', ids.drc);
  clerk = await login('department', ids.water);
  approver = await login('department', ids.water);
  otherDrc = await login('drc', ids.otherDrc, OTHER);
  cityDrc = await login('drc', ids.cityDrc, CITY);

  const fields = { ownerUnitId: ids.owner, departmentId: ids.water, townshipId: ids.town };
  ids.built = await createProjectAs(database, drc, '黑河防洪治理工程', fields, { stage: 'construction', actualStart: '2025-03-01' });
  ids.overdue = await createProjectAs(database, drc, '城关镇污水管网改造', fields, { stage: 'ready', plannedStart: '2026-11-20' });
  ids.future = await createProjectAs(database, drc, '城东供热站', fields, { stage: 'ready', plannedStart: '2026-12-20' });
  ids.other = await createProjectAs(database, otherDrc, '乙县物流园', { ownerUnitId: ids.otherOwner }, { stage: 'construction', actualStart: '2025-03-01' });
  await insertApprovedReports(database, COUNTY, ids.built, { '2025-01': '700', '2025-03': '800', '2026-01': '1000', '2026-03': '100', '2026-05': '200', '2026-10': '100' });
  await insertApprovedReports(database, OTHER, ids.other, { '2025-03': '200', '2026-03': '300', '2026-10': '50' });
}, 120_000);
afterAll(async () => {
  vi.useRealTimers();
  await database?.close();
});

describe('warnings judged on the day', () => {
  it('lists as 逾期未开工 only a planned start already passed, never one later this month', async () => {
    // The open December period on 2 December: a start planned for 20 December is not overdue.
    const december = await summaryOf(drc, '/api/summaries/2026-12');
    expect(december.asOf).toBe('2026-12-02');
    const overdue = december.lagging.filter((l) => l.reason === 'start_overdue');
    expect(overdue.map((l) => l.id)).toEqual([ids.overdue]);
    expect(overdue[0].detail).toBe('计划 2026-11-20 开工，截至 2026-12-02 未开工');
    // Nothing invested in November alone is not "2 months without investment" on 2 December.
    expect(december.lagging.filter((l) => l.reason === 'idle')).toEqual([]);
    // A past period is judged at its last day.
    const november = await summaryOf(drc, '/api/summaries/2026-11');
    expect(november.asOf).toBe('2026-11-30');
    expect(november.lagging.filter((l) => l.reason === 'start_overdue').map((l) => l.id)).toEqual([ids.overdue]);
    const october = await summaryOf(drc, '/api/summaries/2026-10');
    expect(october.lagging.filter((l) => l.reason === 'start_overdue')).toEqual([]);
  });

  it('counts the lagging projects in full, by one stated definition', async () => {
    const summary = await summaryOf(drc, '/api/summaries/2026-12');
    expect(summary.laggingCounts).toEqual({ total: summary.lagging.length, behind_plan: 0, idle: 0, start_overdue: 1 });
    expect(summary.laggingDefinition).toContain('逾期未开工——尚未开工且计划开工日期早于判断日');
  });
});

describe('one headline per question', () => {
  it('defaults to the latest period whose summary is due, labelled 初步 while it is open', async () => {
    const headline = await summaryOf(drc, '/api/summaries');
    expect(headline).toMatchObject({ period: '2026-10', cumulativeLabel: '1—10月', figureStatus: 'preliminary' });
    expect(headline.figureNote).toMatch(/^初步 · 报送期未关闭，已报 \d+%$/);
    expect(await headlineOf(database.db, COUNTY, TODAY)).toEqual({ period: '2026-10', label: '10月', cumulativeLabel: '1—10月', year: 2026, figureStatus: 'preliminary' });
    // 1000 + 100 + 200 + 100 against 700 + 800 → −6.7%.
    expect(headline.totals).toMatchObject({ yearCumulative: '1400', lastYearCumulative: '1500', growthPct: '-6.7' });
  });

  it('states the targets page’s 增速 for the same period, with the same number and label', async () => {
    expect((await drc.request('PUT', '/api/targets/2026', { targets: [{ key: 'fai_growth', value: '8' }] })).status).toBe(200);
    const summary = await summaryOf(drc, '/api/summaries');
    const list = await (await drc.get('/api/targets?year=2026')).json();
    expect(list.figuresOf).toEqual({ period: '2026-10', periodLabel: '10月', cumulativeLabel: '1—10月', figureStatus: 'preliminary', figureNote: summary.figureNote });
    const growth = list.data.find((t: { key: string }) => t.key === 'fai_growth');
    expect(growth).toMatchObject({ ofPeriod: true, progress: summary.totals.growthPct });
    expect(summary.growthTarget).toEqual({ targetPct: '8', completionPct: '-83.8' });
    expect(growth.progressPct).toBe(summary.growthTarget.completionPct);
  });

  it('rolls a city up by county: one row per county, the totals their sum', async () => {
    const summary = await summaryOf(cityDrc, '/api/summaries/2026-10');
    expect(summary.byCounty.map((c) => c.label).sort()).toEqual(['乙县', '甲县']);
    const sum = (pick: (f: Figure) => string | number) => summary.byCounty.reduce((total, c) => total + Number(pick(c)), 0);
    expect(sum((c) => c.yearCumulative)).toBe(Number(summary.totals.yearCumulative));
    expect(sum((c) => c.period)).toBe(Number(summary.totals.period));
    expect(sum((c) => c.projects)).toBe(summary.totals.projects);
    expect(summary.byCounty.find((c) => c.label === '乙县')).toMatchObject({ yearCumulative: '350', lastYearCumulative: '200', growthPct: '75.0' });
    expect(summary.figureNote).toMatch(/^初步 · 0\/2 个县区已关闭报送期，已报 \d+%$/);
    expect((await summaryOf(drc, '/api/summaries/2026-10')).byCounty).toEqual([]);
  });
});

describe('kept summaries follow corrections', () => {
  it('recomputes 1—10月 after an earlier month is reopened and corrected, and says why', async () => {
    for (const period of ['2026-01', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']) {
      expect((await drc.post(`/api/periods/${period}/close`)).status).toBe(200);
    }
    const first = await summaryOf(drc, '/api/summaries/2026-10');
    expect(first).toMatchObject({ figureStatus: 'final', figureNote: '正式 · 报送期已关闭', recomputeReason: null });
    expect(first.totals.yearCumulative).toBe('1400');

    const request = await (await clerk.post('/api/periods/2026-03/reopen-requests', { reason: '3月投资额按监理月报更正' })).json();
    expect((await drc.post(`/api/period-reopen-requests/${request.id}/decision`, { approve: true })).status).toBe(204);
    // Read while March is open: October is still closed, so the figure is kept again — and must not stick.
    expect((await summaryOf(drc, '/api/summaries/2026-10')).totals.yearCumulative).toBe('1400');

    const [march] = await database.db
      .select()
      .from(monthlyReports)
      .where(and(eq(monthlyReports.projectId, ids.built), eq(monthlyReports.period, '2026-03')));
    const revised = await (await clerk.post(`/api/monthly-reports/${march.id}/revise`, { reason: '按监理月报核实' })).json();
    expect(revised.status).toBe('draft');
    const saved = await clerk.request('PUT', `/api/monthly-reports/${ids.built}/2026-03`, { version: revised.version, investedThisPeriod: '400', progressText: '主体施工', progressPct: 50 });
    expect(saved.status, await saved.clone().text()).toBe(200);
    expect((await clerk.post(`/api/monthly-reports/${revised.id}/submit`)).status).toBe(200);
    expect((await approver.post(`/api/monthly-reports/${revised.id}/approve`, {})).status).toBe(200);
    expect((await drc.post('/api/periods/2026-03/close')).status).toBe(200);

    vi.setSystemTime(new Date(TODAY.getTime() + 60_000));
    const again = await summaryOf(drc, '/api/summaries/2026-10');
    expect(again.totals.yearCumulative).toBe('1700');
    expect(again.generatedAt > first.generatedAt).toBe(true);
    expect(again.recomputeReason).toBe('因 2026-03 月报更正重新计算');
    // Kept again, and served as kept.
    expect((await summaryOf(drc, '/api/summaries/2026-10')).generatedAt).toBe(again.generatedAt);
    vi.setSystemTime(TODAY);
  });

  it('marks stale what the corrected month feeds: later periods of the year, next year, the roll-ups above', async () => {
    const keep = (divisionCode: string, period: string) =>
      database.db.insert(summarySnapshots).values({ divisionCode, period, scopeKey: 'test', summary: {} }).onConflictDoNothing();
    for (const period of ['2025-12', '2026-03', '2026-12', '2027-05', '2028-01']) await keep(COUNTY, period);
    await keep(CITY, '2026-06');
    await keep(OTHER, '2026-06');
    await markSnapshotsStale(database.db, COUNTY, '2026-03', '2026-03 月报更正');
    await markSnapshotsStale(database.db, COUNTY, '2026-03', '2026-03 月报更正');
    await markSnapshotsStale(database.db, COUNTY, '2026-05', '2026-05 报送期重开');
    const rows = await database.db.select().from(summarySnapshots).where(eq(summarySnapshots.scopeKey, 'test'));
    const stale = Object.fromEntries(rows.map((r) => [`${r.divisionCode}:${r.period}`, r.staleReason]));
    expect(stale).toEqual({
      [`${COUNTY}:2025-12`]: null,
      [`${COUNTY}:2026-03`]: '2026-03 月报更正',
      [`${COUNTY}:2026-12`]: '2026-03 月报更正；2026-05 报送期重开',
      [`${COUNTY}:2027-05`]: '2026-03 月报更正；2026-05 报送期重开',
      [`${COUNTY}:2028-01`]: null,
      [`${CITY}:2026-06`]: '甲县 2026-03 月报更正；甲县 2026-05 报送期重开',
      [`${OTHER}:2026-06`]: null,
    });
  });
});
