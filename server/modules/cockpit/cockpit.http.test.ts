import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/client';
import { buildDivision, buildUnit, buildUser } from '../../../tests/support/factories';
import { createTestApp, TestClient, type TestApp } from '../../../tests/support/test-app';
import { createTestDatabase } from '../../../tests/support/test-db';
import { monthlyReports } from '../monthly-reports/monthly-reports.tables';
import { projects } from '../projects/projects.tables';

let database: Database;
let app: TestApp;
let drc: TestClient;
let leader: TestClient;
const COUNTY = '620921';
const ids: Record<string, string> = {};

async function approved(projectId: string, period: string, invested: string) {
  await database.db.insert(monthlyReports).values({ divisionCode: COUNTY, projectId, period, revision: 1, status: 'approved', stage: 'construction', investedThisPeriod: invested, progressText: '施工', progressPct: 50 });
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database);
  await buildDivision(database, { code: COUNTY, name: '河西县' });
  const unit = async (key: string, name: string, kind: 'drc' | 'department' | 'township' | 'owner' | 'government') => (ids[key] = (await buildUnit(database, { divisionCode: COUNTY, name, kind })).id);
  await unit('drc', '河西县发展和改革局', 'drc');
  await unit('gov', '河西县人民政府', 'government');
  await unit('town', '城关镇', 'township');
  await unit('owner', '河西县交通建设投资有限公司', 'owner');
  drc = await new TestClient(app).login((await buildUser(database, { role: 'drc', unitId: ids.drc, divisionCode: COUNTY })).username);
  leader = await new TestClient(app).login((await buildUser(database, { role: 'leader', unitId: ids.gov, divisionCode: COUNTY })).username);
  for (const [key, name, start] of [['a', '国道312线改建工程', '2024-03-15'], ['b', '县城集中供热改造', '2024-03-15']] as const) {
    const p = await (await drc.post('/api/projects', { name, ownerUnitId: ids.owner, townshipId: ids.town, sector: 'infrastructure', totalInvestment: '20000' })).json();
    ids[key] = p.id;
    await database.db.update(projects).set({ stage: 'construction', actualStart: start }).where(eq(projects.id, p.id));
  }
  await approved(ids.a, '2024-01', '1000');
  await approved(ids.a, '2024-03', '2000');
  await approved(ids.b, '2024-03', '500');
  await approved(ids.a, '2023-03', '1500');
});
afterAll(() => database.close());

describe('cockpit', () => {
  it('shows monthly investment against last year and starts per month, as worked out by hand', async () => {
    const res = await leader.get('/api/cockpit?year=2024');
    expect(res.status).toBe(200);
    const cockpit = await res.json();
    const jan = cockpit.investment.find((p: { period: string }) => p.period === '2024-01');
    const mar = cockpit.investment.find((p: { period: string }) => p.period === '2024-03');
    expect(jan).toMatchObject({ label: '1—2月', amount: '1000', yearCumulative: '1000', lastYearCumulative: '0', growthPct: null });
    // 1—3月: 1000 + 2000 + 500 = 3500 against 1500 last year → +133.3%.
    expect(mar).toMatchObject({ amount: '2500', yearCumulative: '3500', lastYearCumulative: '1500', growthPct: '133.3' });
    expect(cockpit.startsCompletions[2]).toEqual({ month: 3, starts: 2, completions: 0 });
    expect(cockpit.byTownship[0]).toMatchObject({ name: '城关镇', projects: 2, filter: { townshipId: ids.town } });
  });

  it('refuses the cockpit to roles without summary access', async () => {
    const owner = await new TestClient(app).login((await buildUser(database, { role: 'owner', unitId: ids.owner, divisionCode: COUNTY })).username);
    expect((await owner.get('/api/cockpit?year=2024')).status).toBe(403);
  });
});

describe('figures kept apart', () => {
  it('uses imported last-year dispatch figures for growth, and keeps official statistics separate', async () => {
    const saved = await drc.request('PUT', '/api/investment-figures', {
      items: [
        { period: '2023-03', kind: 'dispatch', scope: 'total', yearCumulative: '2800' },
        { period: '2024-03', kind: 'official', scope: 'total', yearCumulative: '3300', note: '县统计局公布' },
        { period: '2023-03', kind: 'official', scope: 'total', yearCumulative: '3000' },
      ],
    });
    expect(saved.status).toBe(200);
    const summary = await (await drc.get('/api/summaries/2024-03')).json();
    // Dispatch: 3500 against the imported 2800 → +25.0%. Official: 3300 against 3000 → +10.0%.
    expect(summary.totals).toMatchObject({ yearCumulative: '3500', lastYearCumulative: '2800', growthPct: '25.0' });
    expect(summary.official).toEqual({ yearCumulative: '3300', growthPct: '10.0' });
    expect((await leader.request('PUT', '/api/investment-figures', { items: [{ period: '2024-03', kind: 'official', scope: 'total', yearCumulative: '1' }] })).status).toBe(403);
  });
});

describe('map', () => {
  it('accepts a township outline and refuses what is not one', async () => {
    const feature = { type: 'Feature', properties: { name: '城关镇' }, geometry: { type: 'Polygon', coordinates: [[[95.1, 40.1], [95.3, 40.1], [95.3, 40.3], [95.1, 40.1]]] } };
    expect((await drc.request('PUT', '/api/map', { geojson: { type: 'FeatureCollection', features: [feature] } })).status).toBe(200);
    const bad = await drc.request('PUT', '/api/map', { geojson: { type: 'FeatureCollection', features: [{ ...feature, geometry: { type: 'Point', coordinates: [95, 40] } }] } });
    expect(bad.status).toBe(400);
    const cockpit = await (await leader.get('/api/cockpit?year=2024')).json();
    expect(cockpit.map.geojson.features).toHaveLength(1);
  });
});

describe('FAI growth target', () => {
  it('takes its progress from the summary of the period the targets page states (a past year: its last period)', async () => {
    expect((await drc.post('/api/periods/2024-03/close')).status).toBe(200);
    const { data, figuresOf } = await (await leader.get('/api/targets?year=2024')).json();
    const summary = await (await leader.get('/api/summaries/2024-12')).json();
    expect(figuresOf).toMatchObject({ period: '2024-12', cumulativeLabel: '1—12月', figureStatus: summary.figureStatus });
    expect(data.find((t: { key: string }) => t.key === 'fai_growth')).toMatchObject({ source: 'computed', progress: summary.totals.growthPct });
  });
});

describe('cockpit on a read replica', () => {
  it('reads its figures from the replica and writes nothing there', async () => {
    // A stand-in replica: a second database holding the same county, a little ahead of the primary.
    const replica = await createTestDatabase();
    try {
      for (const table of ['divisions', 'org_units', 'projects', 'monthly_reports', 'reporting_settings']) {
        const rows = await database.query(`select to_jsonb(t) as row from ${table} t`);
        for (const { row } of rows as Array<{ row: unknown }>) {
          await replica.query(`insert into ${table} select * from jsonb_populate_record(null::${table}, $1::jsonb) on conflict do nothing`, [JSON.stringify(row)]);
        }
      }
      await replica.db.insert(monthlyReports).values({ divisionCode: COUNTY, projectId: ids.b, period: '2024-01', revision: 1, status: 'approved', stage: 'construction', investedThisPeriod: '700', progressText: '施工', progressPct: 20 });
      const periodsBefore = await replica.query('select count(*)::int as n from reporting_periods');

      const withReplica = createTestApp(database, {}, { replica });
      const viewer = await new TestClient(withReplica).login((await buildUser(database, { role: 'leader', unitId: ids.gov, divisionCode: COUNTY })).username);
      const cockpit = await (await viewer.get('/api/cockpit?year=2024')).json();
      expect(cockpit.investment.find((p: { period: string }) => p.period === '2024-01')).toMatchObject({ amount: '1700' });
      const primary = await (await leader.get('/api/cockpit?year=2024')).json();
      expect(primary.investment.find((p: { period: string }) => p.period === '2024-01')).toMatchObject({ amount: '1000' });
      expect(await replica.query('select count(*)::int as n from reporting_periods')).toEqual(periodsBefore);
    } finally {
      await replica.close();
    }
  });
});
