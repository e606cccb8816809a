import { and, eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthlyReports } from '../../modules/monthly-reports/monthly-reports.tables';
import { investmentThresholds } from '../../modules/projects/projects.rules';
import { projects } from '../../modules/projects/projects.tables';
import { buildDivision, buildUnit, buildUser } from '../../../tests/support/factories';
import { createTestApp, TestClient, type TestApp } from '../../../tests/support/test-app';
import { createTestDatabase } from '../../../tests/support/test-db';
import { auditLog } from '../audit/audit.tables';
import type { Database } from '../db/client';
import type { Actor } from '../http/context';
import { createMetricContext, createMetricRegistry, defineMetric } from '../metrics/define-metric';
import { getRules, loadRules } from './rules.service';

const PROVINCE = '990000';
const CITY = '990100';
const COUNTY = '990121';
const OTHER_COUNTY = '990122';

let database: Database;
let app: TestApp;
const clients = {} as Record<'province' | 'city' | 'county' | 'leader' | 'other', TestClient>;
let owner: string;
let serial = 0;

type FieldView = { key: string; value: number; ownValue: number | null; source: { level: string; divisionCode: string | null; version: number | null } };
type SetView = { key: string; version: number; fields: FieldView[] };
const field = (set: SetView, key: string) => set.fields.find((f) => f.key === key)!;
const put = (client: TestClient, ruleSet: string, body: unknown) => client.request('PUT', `/api/rules/${ruleSet}`, body);
const thresholdsOf = async (client: TestClient, divisionCode?: string): Promise<SetView> =>
  (await client.get(`/api/rules/projects.thresholds${divisionCode ? `?divisionCode=${divisionCode}` : ''}`)).json();

async function project(totalInvestment: string, invested: Record<string, string>) {
  serial += 1;
  const [p] = await database.db
    .insert(projects)
    .values({ divisionCode: OTHER_COUNTY, reserveNo: `R-${serial}`, name: `规则测试项目${serial}`, ownerUnitId: owner, sector: 'industry', totalInvestment, stage: 'construction', actualStart: '2023-02-01' })
    .returning();
  for (const [period, amount] of Object.entries(invested)) {
    await database.db.insert(monthlyReports).values({ divisionCode: OTHER_COUNTY, projectId: p.id, period, status: 'approved', stage: 'construction', investedThisPeriod: amount, progressText: '施工', progressPct: 50 });
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database);
  await buildDivision(database, { code: PROVINCE, name: '测试省', level: 'province' });
  await buildDivision(database, { code: CITY, name: '测试市', level: 'city', parentCode: PROVINCE });
  await buildDivision(database, { code: COUNTY, name: '甲县', parentCode: CITY });
  await buildDivision(database, { code: OTHER_COUNTY, name: '乙县', parentCode: CITY });
  const login = async (role: 'drc' | 'leader', divisionCode: string, kind: 'drc' | 'government' = 'drc') => {
    const unit = await buildUnit(database, { divisionCode, name: `${divisionCode}${kind === 'drc' ? '发展和改革局' : '人民政府'}`, kind });
    return new TestClient(app).login((await buildUser(database, { role, unitId: unit.id, divisionCode })).username);
  };
  clients.province = await login('drc', PROVINCE);
  clients.city = await login('drc', CITY);
  clients.county = await login('drc', COUNTY);
  clients.leader = await login('leader', COUNTY, 'government');
  clients.other = await login('drc', OTHER_COUNTY);
  owner = (await buildUnit(database, { divisionCode: OTHER_COUNTY, name: '乙县城投公司', kind: 'owner' })).id;
});
afterAll(() => database.close());

describe('rules as data', () => {
  it('answers the defaults, with their source, before anything is saved', async () => {
    const set = await thresholdsOf(clients.leader);
    expect(set.version).toBe(0);
    expect(field(set, 'countedMinWan')).toMatchObject({ value: 500, ownValue: null, source: { level: 'default', divisionCode: null } });
    expect(await getRules(database.db, COUNTY, investmentThresholds)).toEqual({ countedMinWan: 500, majorMinWan: 10_000, largeMinWan: 100_000 });
  });

  it('resolves field by field: the county overrides the city, which overrides the province and the defaults', async () => {
    expect((await put(clients.province, 'projects.thresholds', { version: 0, values: { countedMinWan: 800, majorMinWan: 12_000 } })).status).toBe(200);
    expect((await put(clients.city, 'projects.thresholds', { version: 0, values: { majorMinWan: 20_000 } })).status).toBe(200);
    const res = await put(clients.county, 'projects.thresholds', { version: 0, values: { countedMinWan: 1000 }, note: '本县口径' });
    expect(res.status).toBe(200);
    const saved: SetView = await res.json();
    expect(field(saved, 'countedMinWan')).toMatchObject({ value: 1000, ownValue: 1000, source: { level: 'county', divisionCode: COUNTY, version: 1 } });
    expect(field(saved, 'majorMinWan')).toMatchObject({ value: 20_000, ownValue: null, source: { level: 'city', divisionCode: CITY } });
    expect(field(saved, 'largeMinWan')).toMatchObject({ value: 100_000, source: { level: 'default' } });
    // The other county sets nothing: the city's and the province's values reach it.
    expect(await getRules(database.db, OTHER_COUNTY, investmentThresholds)).toEqual({ countedMinWan: 800, majorMinWan: 20_000, largeMinWan: 100_000 });
    const rulesOf = await loadRules(database.db, investmentThresholds, CITY);
    expect(rulesOf(COUNTY).countedMinWan).toBe(1000);
    expect(rulesOf(OTHER_COUNTY).countedMinWan).toBe(800);
    // The city's view of a county below it.
    expect(field(await thresholdsOf(clients.city, COUNTY), 'countedMinWan').value).toBe(1000);
  });

  it('appends versions, refuses a stale one, and writes the audit entry', async () => {
    expect((await put(clients.county, 'projects.thresholds', { version: 0, values: { countedMinWan: 900 } })).status).toBe(409);
    const res = await put(clients.county, 'projects.thresholds', { version: 1, values: { countedMinWan: 1200 } });
    expect(res.status).toBe(200);
    expect((await res.json()).version).toBe(2);
    const versions = await (await clients.county.get('/api/rules/projects.thresholds/versions')).json();
    expect(versions.data.map((v: { version: number; values: unknown }) => [v.version, v.values])).toEqual([
      [2, { countedMinWan: 1200 }],
      [1, { countedMinWan: 1000 }],
    ]);
    expect(versions.data[1].note).toBe('本县口径');
    const audit = await database.db.select().from(auditLog).where(and(eq(auditLog.divisionCode, COUNTY), eq(auditLog.action, 'rules.saved')));
    expect(audit.map((e) => e.summary)).toEqual(expect.arrayContaining(['修改规则设置：项目投资额口径（第 2 版）']));
    // Back to following the city and province: an empty version.
    expect((await put(clients.county, 'projects.thresholds', { version: 2, values: {} })).status).toBe(200);
    expect((await getRules(database.db, COUNTY, investmentThresholds)).countedMinWan).toBe(800);
  });

  it('refuses an invalid rule with 400 naming the field, in Chinese', async () => {
    const negative = await put(clients.county, 'projects.thresholds', { version: 3, values: { countedMinWan: -5 } });
    expect(negative.status).toBe(400);
    const body = (await negative.json()).error;
    expect(body.field).toBe('values.countedMinWan');
    expect(body.message).toMatch(/纳入统计的项目起点/);
    // A value that breaks the whole as it would apply (major under the inherited 统计起点 800).
    const crossed = await (await put(clients.county, 'projects.thresholds', { version: 3, values: { majorMinWan: 700 } })).json();
    expect(crossed.error).toMatchObject({ field: 'values.majorMinWan' });
    expect(crossed.error.message).toContain('重大项目标准应高于统计起点');
    const unknown = await (await put(clients.county, 'projects.thresholds', { version: 3, values: { nonsense: 1 } })).json();
    expect(unknown.error.field).toBe('values.nonsense');
    const list = await (await put(clients.county, 'inbox.reminders', { version: 0, values: { milestoneLeadDays: [7, 'x'] } })).json();
    expect(list.error.field).toMatch(/^values\.milestoneLeadDays/);
    expect((await put(clients.county, 'no.such-set', { version: 0, values: {} })).status).toBe(400);
  });

  it('lets only the 发改局 save, for its own division', async () => {
    expect((await put(clients.leader, 'libraries.reserve', { version: 0, values: { reserveRatioTarget: 4 } })).status).toBe(403);
    const list = await (await clients.leader.get('/api/rules')).json();
    expect(list.canManage).toBe(false);
    expect(list.data.map((s: { key: string }) => s.key)).toEqual(expect.arrayContaining(['projects.thresholds', 'libraries.reserve', 'inbox.reminders', 'monthly-reports.report', 'targets.defaults']));
    expect((await clients.county.get(`/api/rules?divisionCode=${OTHER_COUNTY}`)).status).toBe(404);
  });
});

describe('figures follow the rules', () => {
  it('counts the summary projects by the division’s 统计起点 (1000万 instead of 500万)', async () => {
    await project('600', { '2024-03': '100' });
    await project('1200', { '2024-03': '300' });
    // The province's 800 applies to 乙县 at this point; go back to the 500万 default first.
    await put(clients.province, 'projects.thresholds', { version: 1, values: {} });
    await put(clients.city, 'projects.thresholds', { version: 1, values: {} });
    const before = await (await clients.other.get('/api/summaries/2024-03')).json();
    expect(before.totals).toMatchObject({ projects: 2, yearCumulative: '400' });
    expect(before.thresholds).toEqual({ countedMinWan: 500, majorMinWan: 10_000, largeMinWan: 100_000 });
    expect((await put(clients.other, 'projects.thresholds', { version: 0, values: { countedMinWan: 1000 } })).status).toBe(200);
    const after = await (await clients.other.get('/api/summaries/2024-03')).json();
    expect(after.totals).toMatchObject({ projects: 1, yearCumulative: '300' });
    expect(after.byBand.map((b: { key: string; label: string; projects: number }) => [b.key, b.label, b.projects])).toEqual([['gte500w', '1000万元以上', 1]]);
    // The summary carries the thresholds it was computed with, for the documents to name them.
    expect(after.thresholds).toEqual({ countedMinWan: 1000, majorMinWan: 10_000, largeMinWan: 100_000 });
    const list = await (await clients.other.get('/api/projects?band=gte500w')).json();
    expect(list.total).toBe(1);
  });

  it('takes the Word report’s growth target from the 发改局’s target of the year', async () => {
    await project('5000', { '2023-03': '1000', '2024-03': '1050' });
    const text = async () => {
      const res = await clients.other.get('/api/summaries/2024-03/report.docx');
      expect(res.status).toBe(200);
      const xml = await (await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()))).file('word/document.xml')!.async('string');
      return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
    };
    const first = await text();
    expect(first).toContain('全年增长10%的目标');
    // 乙县 counts from 1000万 since the test above: the report says so, never the default 500万.
    expect(first).toContain('全县纳入调度的1000万元以上各类项目');
    expect(first).not.toContain('500万元以上');
    expect((await clients.other.request('PUT', '/api/targets/2024', { targets: [{ key: 'fai_growth', value: '12' }] })).status).toBe(200);
    const withTarget = await text();
    expect(withTarget).toContain('全年增长12%的目标');
    expect(withTarget).not.toContain('全年增长10%的目标');
  });
});

describe('metric registry', () => {
  const actor = { id: 'x', divisionCode: OTHER_COUNTY, dataScope: 'division', role: 'drc', permissions: [] } as unknown as Actor;

  it('gives a target its progress from a provider, and null without one', async () => {
    const registry = createMetricRegistry([defineMetric({ key: 'funding_projects', label: '向上争取项目', unit: 'count', compute: async (ctx) => (ctx.year === 2024 ? '7' : null) })]);
    const ctx = createMetricContext({ database, actor, divisionCode: OTHER_COUNTY, year: 2024 });
    expect(await registry.compute('funding_projects', ctx)).toBe('7');
    expect(await registry.compute('promotion_projects', ctx)).toBeNull();
    expect(registry.has('promotion_projects')).toBe(false);
    expect(() => createMetricRegistry([registry.get('funding_projects')!, registry.get('funding_projects')!])).toThrow(/twice/);
  });

  it('serves the built-in targets through the registry (major projects by the 重大项目 rule)', async () => {
    const list = await (await clients.other.get('/api/targets?year=2024')).json();
    const byKey = (key: string) => list.data.find((t: { key: string }) => t.key === key);
    expect(byKey('major_projects')).toMatchObject({ source: 'computed', progress: '0' });
    expect(byKey('funding_projects')).toMatchObject({ source: 'pending', progress: null });
    expect(byKey('fai_growth')).toMatchObject({ source: 'computed', value: '12' });
    expect((await put(clients.other, 'projects.thresholds', { version: 1, values: { countedMinWan: 1000, majorMinWan: 1100 } })).status).toBe(200);
    const after = await (await clients.other.get('/api/targets?year=2024')).json();
    // 1200万 and 5000万 under construction now reach the 重大项目 standard of 1100万.
    expect(after.data.find((t: { key: string }) => t.key === 'major_projects').progress).toBe('2');
  });
});
