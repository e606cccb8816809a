/**
 * The cockpit of a city (a roll-up by county, each county opened down to its own cockpit),
 * of a township (its own figures, the county's only as a labelled reference), and its headline:
 * the figures of the latest period whose summary is due, exactly the summary's, on 2 December 2026.
 */
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';
import type { Database } from '../../platform/db/client';
import { buildDivision, buildUnit, buildUser, createProjectAs, insertApprovedReports } from '../../../tests/support/factories';
import { createTestApp, TestClient, type TestApp } from '../../../tests/support/test-app';
import { createTestDatabase } from '../../../tests/support/test-db';
import type { MonthlySummary } from '../monthly-reports/summary.schemas';
import type { CockpitAnswer } from './cockpit.schemas';
import { LAGGING_SHOWN } from './cockpit.service';

type Cockpit = z.output<typeof CockpitAnswer>;
type Summary = z.output<typeof MonthlySummary>;

// 2 December 2026, 11:00 in Beijing: the November summary is not due until 10 December.
const TODAY = new Date('2026-12-02T03:00:00Z');
const CITY = '620900';
const COUNTY = '620921';
const NEIGHBOUR = '620922';
const ELSEWHERE = '621021';

let database: Database;
let app: TestApp;
let cityDrc: TestClient;
let countyDrc: TestClient;
let township: TestClient;
const ids: Record<string, string> = {};

async function read<T>(client: TestClient, path: string): Promise<T> {
  const res = await client.get(path);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json() as Promise<T>;
}

const sum = (values: string[]) => values.reduce((s, v) => s.plus(v), new Decimal(0)).toFixed();

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(TODAY);
  database = await createTestDatabase();
  app = createTestApp(database);
  await buildDivision(database, { code: CITY, name: '金川市', level: 'city' });
  await buildDivision(database, { code: COUNTY, name: '甲县', level: 'county', parentCode: CITY });
  await buildDivision(database, { code: NEIGHBOUR, name: '乙县', level: 'county', parentCode: CITY });
  await buildDivision(database, { code: '621000', name: '银山市', level: 'city' });
  await buildDivision(database, { code: ELSEWHERE, name: '丙县', level: 'county', parentCode: '621000' });
  const unit = async (key: string, name: string, kind: 'drc' | 'township' | 'owner', divisionCode = COUNTY) => (ids[key] = (await buildUnit(database, { divisionCode, name, kind })).id);
  await unit('drc', '甲县发展和改革局', 'drc');
  await unit('town', '城关镇', 'township');
  await unit('village', '红柳乡', 'township');
  await unit('owner', '甲县城投公司', 'owner');
  await unit('neighbourDrc', '乙县发展和改革局', 'drc', NEIGHBOUR);
  await unit('neighbourOwner', '乙县城投公司', 'owner', NEIGHBOUR);
  await unit('elsewhereDrc', '丙县发展和改革局', 'drc', ELSEWHERE);
  await unit('elsewhereOwner', '丙县城投公司', 'owner', ELSEWHERE);
  await unit('cityDrc', '金川市发展和改革委员会', 'drc', CITY);
  const login = async (role: 'drc' | 'township', unitId: string, divisionCode: string) => new TestClient(app).login((await buildUser(database, { role, unitId, divisionCode })).username);
  countyDrc = await login('drc', ids.drc, COUNTY);
  const neighbourDrc = await login('drc', ids.neighbourDrc, NEIGHBOUR);
  const elsewhereDrc = await login('drc', ids.elsewhereDrc, ELSEWHERE);
  cityDrc = await login('drc', ids.cityDrc, CITY);
  township = await login('township', ids.town, COUNTY);

  const inTown = { ownerUnitId: ids.owner, townshipId: ids.town };
  ids.bridge = await createProjectAs(database, countyDrc, '城关大桥', inTown, { stage: 'construction', actualStart: '2025-03-01' });
  ids.road = await createProjectAs(database, countyDrc, '红柳乡道路', { ownerUnitId: ids.owner, townshipId: ids.village }, { stage: 'construction', actualStart: '2025-03-01' });
  ids.park = await createProjectAs(database, neighbourDrc, '乙县物流园', { ownerUnitId: ids.neighbourOwner }, { stage: 'construction', actualStart: '2025-03-01' });
  ids.far = await createProjectAs(database, elsewhereDrc, '丙县水厂', { ownerUnitId: ids.elsewhereOwner }, { stage: 'construction', actualStart: '2025-03-01' });
  // More projects overdue to start than the cockpit lists by name: 22 in 城关镇, 3 in 红柳乡.
  for (let i = 1; i <= 25; i++) {
    await createProjectAs(database, countyDrc, `待开工项目${i}`, { ownerUnitId: ids.owner, townshipId: i <= 22 ? ids.town : ids.village }, { stage: 'ready', plannedStart: '2026-06-01' });
  }
  await insertApprovedReports(database, COUNTY, ids.bridge, { '2025-03': '800', '2025-10': '200', '2026-03': '1000', '2026-10': '500', '2026-11': '300' });
  await insertApprovedReports(database, COUNTY, ids.road, { '2025-03': '400', '2026-03': '200', '2026-10': '100' });
  await insertApprovedReports(database, NEIGHBOUR, ids.park, { '2025-03': '200', '2026-03': '300', '2026-10': '50', '2026-11': '70' });
  await insertApprovedReports(database, ELSEWHERE, ids.far, { '2026-03': '9000' });
}, 180_000);
afterAll(async () => {
  vi.useRealTimers();
  await database?.close();
});

describe('the headline', () => {
  it('states the figures of 1—10月 on 2 December, equal to the summary’s, and marks the open months 初步', async () => {
    const cockpit = await read<Cockpit>(countyDrc, '/api/cockpit');
    const summary = await read<Summary>(countyDrc, '/api/summaries/2026-10');
    expect(cockpit.year).toBe(2026);
    expect(cockpit.headline).toMatchObject({ period: '2026-10', label: '10月', cumulativeLabel: '1—10月', figureStatus: 'preliminary' });
    expect(cockpit.headline.figureNote).toBe(summary.figureNote);
    // 1000 + 500 + 200 + 100 = 1800 against 800 + 200 + 400 = 1400 → +28.6%.
    expect(cockpit.totals).toEqual(summary.totals);
    expect(cockpit.totals).toMatchObject({ yearCumulative: '1800', lastYearCumulative: '1400', growthPct: '28.6' });
    const november = cockpit.investment.find((m) => m.period === '2026-11')!;
    expect(november).toMatchObject({ amount: '300', figureStatus: 'preliminary', isAfterHeadline: true });
    expect(cockpit.investment.find((m) => m.period === '2026-10')).toMatchObject({ isAfterHeadline: false, yearCumulative: '1800' });
    // December is open since 1 December: shown, 初步, with what is approved so far.
    expect(cockpit.investment.find((m) => m.period === '2026-12')).toMatchObject({ amount: '0', figureStatus: 'preliminary', isAfterHeadline: true });
  });

  it('counts every lagging project and lists only the first ones by name', async () => {
    const cockpit = await read<Cockpit>(countyDrc, '/api/cockpit');
    const summary = await read<Summary>(countyDrc, '/api/summaries/2026-10');
    expect(cockpit.laggingCounts).toEqual(summary.laggingCounts);
    expect(cockpit.laggingCounts).toMatchObject({ total: 25, start_overdue: 25 });
    expect(cockpit.lagging).toHaveLength(LAGGING_SHOWN);
    expect(cockpit.lagging).toEqual(summary.lagging.slice(0, LAGGING_SHOWN));
  });

  it('refuses a year with no period due yet', async () => {
    const res = await countyDrc.get('/api/cockpit?year=2027');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ field: 'year' });
  });
});

describe('a city’s cockpit', () => {
  it('rolls up its counties: totals equal their sum and the city summary’s, with a ranking of counties', async () => {
    const cockpit = await read<Cockpit>(cityDrc, '/api/cockpit');
    const summary = await read<Summary>(cityDrc, '/api/summaries/2026-10');
    expect(cockpit.view).toMatchObject({ divisionCode: CITY, level: 'city', title: '金川市', whose: '金川市各县区合计', isOwnScope: false, parent: null });
    // 甲县 1800 + 乙县 350 = 2150 (丙县 is another city's).
    expect(cockpit.totals).toEqual(summary.totals);
    expect(cockpit.totals.yearCumulative).toBe('2150');
    expect(cockpit.byCounty.map((c) => [c.name, c.yearCumulative])).toEqual([['甲县', '1800'], ['乙县', '350']]);
    expect(sum(cockpit.byCounty.map((c) => c.yearCumulative))).toBe(cockpit.totals.yearCumulative);
    expect(cockpit.byCounty[1]).toMatchObject({ divisionCode: NEIGHBOUR, lastYearCumulative: '200', growthPct: '75.0', lagging: 0 });
    // Every county's line equals that county's own summary.
    for (const county of cockpit.byCounty) {
      const own = await read<Summary>(cityDrc, `/api/summaries/2026-10?divisionCode=${county.divisionCode}`);
      expect(county).toMatchObject({ yearCumulative: own.totals.yearCumulative, growthPct: own.totals.growthPct, lagging: own.laggingCounts.total });
      expect(county.reporting).toEqual({ expected: own.reporting.expected, submitted: own.reporting.submitted });
    }
    expect(cockpit.byCounty.reduce((n, c) => n + c.reporting.expected, 0)).toBe(summary.reporting.expected);
    expect(cockpit.byCounty.reduce((n, c) => n + c.lagging, 0)).toBe(cockpit.laggingCounts.total);
    expect(cockpit.reporting).toEqual(summary.reporting);
    expect(cockpit.bySector.map((s) => s.yearCumulative)).toEqual(summary.bySector.map((s) => s.yearCumulative));
    expect(cockpit.byTownship).toEqual([]);
    // The reserve ratio counts the whole city: 25 projects not yet started, 3 under construction.
    expect(cockpit.reserveRatio).toMatchObject({ reserveCount: 25, implementedCount: 3 });
  });

  it('measures the city’s targets on every county under it', async () => {
    const { data } = await read<{ data: Array<{ key: string; progress: string | null }> }>(cityDrc, '/api/targets?year=2026');
    const progress = (key: string) => data.find((t) => t.key === key)?.progress;
    // 25 projects created this year not yet started (all in 甲县); 3 of 1亿元 or more under construction.
    expect(progress('reserve_new')).toBe('25');
    expect(progress('major_projects')).toBe('3');
  });

  it('opens each of its counties down to the county’s own cockpit, and nothing outside it', async () => {
    const county = await read<Cockpit>(cityDrc, `/api/cockpit?divisionCode=${COUNTY}`);
    const own = await read<Cockpit>(countyDrc, '/api/cockpit');
    expect(county.view).toMatchObject({ divisionCode: COUNTY, level: 'county', title: '甲县', parent: { divisionCode: CITY, name: '金川市' }, canUploadMap: false });
    expect(county.totals).toEqual(own.totals);
    expect(county.byTownship.map((t) => t.name).sort()).toEqual(['城关镇', '红柳乡']);
    expect(county.reserveRatio).toEqual(own.reserveRatio);
    expect(county.laggingCounts).toEqual(own.laggingCounts);
    for (const [client, code] of [[cityDrc, ELSEWHERE], [cityDrc, '620000'], [countyDrc, NEIGHBOUR], [countyDrc, CITY], [cityDrc, '620999']] as const) {
      const res = await client.get(`/api/cockpit?divisionCode=${code}`);
      expect(res.status, code).toBe(404);
    }
    expect((await cityDrc.get('/api/cockpit?divisionCode=6209')).status).toBe(400);
  });

  it('shows the counties on a map of counties uploaded with their 行政区划代码, and refuses one outside the city', async () => {
    const square = (x: number) => ({ type: 'Polygon', coordinates: [[[x, 40], [x + 1, 40], [x + 1, 41], [x, 41], [x, 40]]] });
    const feature = (adcode: number | string, x: number) => ({ type: 'Feature', properties: { name: '某县', adcode }, geometry: square(x) });
    const outside = await cityDrc.request('PUT', '/api/map', { geojson: { type: 'FeatureCollection', features: [feature(Number(COUNTY), 95), feature(ELSEWHERE, 96)] }, nameProperty: 'adcode' });
    expect(outside.status).toBe(400);
    expect((await outside.json()).error.message).toBe('第 2 个要素的行政区划代码 621021 不是本辖区内的县区');
    const noCode = await cityDrc.request('PUT', '/api/map', { geojson: { type: 'FeatureCollection', features: [feature(COUNTY, 95)] }, nameProperty: 'name' });
    expect((await noCode.json()).error.message).toBe('第 1 个要素缺少 6 位行政区划代码属性「name」');
    const saved = await cityDrc.request('PUT', '/api/map', { geojson: { type: 'FeatureCollection', features: [feature(Number(COUNTY), 95), feature(NEIGHBOUR, 96)] }, nameProperty: 'adcode' });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const cockpit = await read<Cockpit>(cityDrc, '/api/cockpit');
    expect(cockpit.view.canUploadMap).toBe(true);
    expect(cockpit.map).toMatchObject({ areaKind: 'county', nameProperty: 'adcode' });
    expect(cockpit.map!.geojson.features.map((f) => String(f.properties?.adcode))).toEqual([COUNTY, NEIGHBOUR]);
    // The county's own cockpit keeps its township map (none uploaded here).
    expect((await read<Cockpit>(cityDrc, `/api/cockpit?divisionCode=${COUNTY}`)).map).toBeNull();
  });
});

describe('a township’s cockpit', () => {
  it('is titled with the township and states its own figures, the county’s only as a labelled reference', async () => {
    const cockpit = await read<Cockpit>(township, '/api/cockpit');
    expect(cockpit.view).toMatchObject({ divisionCode: COUNTY, title: '城关镇', whose: '城关镇（本乡镇项目）', isOwnScope: true, canUploadMap: false });
    // Only 城关大桥: 1000 + 500 against 800 + 200.
    expect(cockpit.totals).toMatchObject({ yearCumulative: '1500', lastYearCumulative: '1000', growthPct: '50.0' });
    expect(cockpit.totals).toEqual((await read<Summary>(township, '/api/summaries/2026-10')).totals);
    expect(cockpit.byTownship.map((t) => t.name)).toEqual(['城关镇']);
    // Its own reserve ratio: 22 not started against 1 under construction; the county's: 25 against 2.
    expect(cockpit.reserveRatio).toMatchObject({ reserveCount: 22, implementedCount: 1, ratio: '22.0' });
    expect(cockpit.countyReserveRatio).toMatchObject({ reserveCount: 25, implementedCount: 2, ratio: '12.5' });
    expect(cockpit.laggingCounts.total).toBe(22);
    // The county's own users get no separate reference: their figures are the county's.
    expect((await read<Cockpit>(countyDrc, '/api/cockpit')).countyReserveRatio).toBeNull();
  });
});

describe('a closed headline period', () => {
  // Last: it closes the county's October period for good.
  it('is final in the county, and the city stays 初步 until every county has closed it', async () => {
    expect((await countyDrc.post('/api/periods/2026-10/close')).status).toBe(200);
    const cockpit = await read<Cockpit>(countyDrc, '/api/cockpit');
    expect(cockpit.headline.figureStatus).toBe('final');
    expect(cockpit.investment.find((m) => m.period === '2026-10')!.figureStatus).toBe('final');
    expect(cockpit.investment.find((m) => m.period === '2026-11')!.figureStatus).toBe('preliminary');
    expect((await read<Cockpit>(cityDrc, '/api/cockpit')).headline.figureStatus).toBe('preliminary');
  });
});
