import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/client';
import { buildDivision, buildUnit, buildUser } from '../../../tests/support/factories';
import { createTestApp, TestClient, type TestApp } from '../../../tests/support/test-app';
import { createTestDatabase } from '../../../tests/support/test-db';
import { projects } from '../projects/projects.tables';

let database: Database;
let app: TestApp;
let drc: TestClient;
let water: TestClient;
let leader: TestClient;
let township: TestClient;
const COUNTY = '620921';
const units = {} as Record<'water' | 'agri' | 'town' | 'company', string>;
let serial = 0;

type TargetView = {
  id: string | null;
  key: string;
  value: string | null;
  version: number | null;
  source: string;
  progress: string | null;
  progressPct: string | null;
  allocations: Array<{ unitId: string; value: string; progress: string | null; progressPct: string | null }>;
  allocatedTotal: string | null;
};
const byKey = (list: { data: TargetView[] }, key: string) => list.data.find((t) => t.key === key)!;

async function seed(values: Partial<typeof projects.$inferInsert>) {
  serial += 1;
  await database.db.insert(projects).values({
    divisionCode: COUNTY,
    reserveNo: `T-${serial}`,
    name: `项目${serial}`,
    ownerUnitId: units.company,
    sector: 'industry',
    totalInvestment: '800',
    stage: 'reserve',
    ...values,
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database);
  await buildDivision(database, { code: COUNTY, name: '河西县' });
  const drcUnit = await buildUnit(database, { divisionCode: COUNTY, name: '河西县发展和改革局', kind: 'drc' });
  units.water = (await buildUnit(database, { divisionCode: COUNTY, name: '河西县水务局', kind: 'department' })).id;
  units.agri = (await buildUnit(database, { divisionCode: COUNTY, name: '河西县农业农村局', kind: 'department' })).id;
  units.town = (await buildUnit(database, { divisionCode: COUNTY, name: '城关镇', kind: 'township' })).id;
  units.company = (await buildUnit(database, { divisionCode: COUNTY, name: '河西县工业投资有限公司', kind: 'owner' })).id;
  const login = async (role: 'drc' | 'department' | 'leader' | 'township', unitId: string) =>
    new TestClient(app).login((await buildUser(database, { role, unitId, divisionCode: COUNTY })).username);
  drc = await login('drc', drcUnit.id);
  water = await login('department', units.water);
  leader = await login('leader', drcUnit.id);
  township = await login('township', units.town);

  const y2026 = (iso: string) => new Date(iso);
  // reserve_new counts projects created in 2026 (Beijing), ≥ 500万, not started yet.
  await seed({ stage: 'reserve', departmentId: units.water, createdAt: y2026('2026-03-01T02:00:00Z') }); // ✓ water
  await seed({ stage: 'planning', totalInvestment: '600', townshipId: units.town, createdAt: y2026('2026-02-01T02:00:00Z') }); // ✓ town
  await seed({ stage: 'reserve', totalInvestment: '300', departmentId: units.water, createdAt: y2026('2026-03-01T02:00:00Z') }); // ✗ < 500万
  await seed({ stage: 'reserve', departmentId: units.agri, createdAt: y2026('2025-12-31T17:00:00Z') }); // ✓ agri: 1 Jan 01:00 in Beijing
  await seed({ stage: 'ready', totalInvestment: '900', departmentId: units.water, createdAt: y2026('2025-06-01T02:00:00Z') }); // ✗ last year
  // construction_projects: ≥ 500万 started in 2026; major_projects: ≥ 1亿 under construction or started in 2026.
  await seed({ stage: 'construction', totalInvestment: '600', actualStart: '2026-04-01', departmentId: units.water, townshipId: units.town, createdAt: y2026('2025-06-01T02:00:00Z') });
  await seed({ stage: 'construction', totalInvestment: '20000', actualStart: '2025-05-01', departmentId: units.water, createdAt: y2026('2025-01-01T02:00:00Z') });
  await seed({ stage: 'completed', totalInvestment: '15000', actualStart: '2026-01-10', departmentId: units.agri, createdAt: y2026('2025-01-01T02:00:00Z') });
  await seed({ stage: 'construction', totalInvestment: '400', actualStart: '2026-02-01', departmentId: units.water, createdAt: y2026('2025-01-01T02:00:00Z') }); // ✗ < 500万
});
afterAll(() => database.close());

describe('targets', () => {
  it('lists every SPEC §8 key for a year before anything is set', async () => {
    const res = await leader.get('/api/targets?year=2026');
    expect(res.status).toBe(200);
    const list = await res.json();
    expect(list.data.map((t: TargetView) => t.key)).toEqual([
      'reserve_new',
      'funding_projects',
      'promotion_projects',
      'construction_projects',
      'major_projects',
      'funds_in_place',
      'contract_rate',
      'start_rate',
      'funds_rate',
      'fai_growth',
    ]);
    expect(byKey(list, 'funds_in_place')).toMatchObject({ id: null, value: null, unit: 'wan', defaultValue: '3000000' });
    expect(byKey(list, 'reserve_new')).toMatchObject({ progress: '3', progressPct: null });
    expect(list.canManage).toBe(false);
  });

  it('lets only the 发改局 set targets', async () => {
    const body = { targets: [{ key: 'reserve_new', value: '1000' }] };
    expect((await water.request('PUT', '/api/targets/2026', body)).status).toBe(403);
    expect((await leader.request('PUT', '/api/targets/2026', body)).status).toBe(403);
    expect((await township.request('PUT', '/api/targets/2026', body)).status).toBe(403);
    expect(byKey(await (await drc.get('/api/targets?year=2026')).json(), 'reserve_new').id).toBeNull();
  });

  it('computes progress from the projects, and never invents it for pending sources', async () => {
    const res = await drc.request('PUT', '/api/targets/2026', {
      targets: [
        { key: 'reserve_new', value: '1000' },
        { key: 'construction_projects', value: '600' },
        { key: 'major_projects', value: '100' },
        { key: 'funds_in_place', value: '3000000' },
        { key: 'contract_rate', value: '95' },
        { key: 'fai_growth', value: '10' },
      ],
    });
    expect(res.status).toBe(200);
    const list = await res.json();
    expect(list.canManage).toBe(true);
    expect(byKey(list, 'reserve_new')).toMatchObject({ value: '1000', version: 1, source: 'computed', progress: '3', progressPct: '0.3' });
    expect(byKey(list, 'construction_projects')).toMatchObject({ value: '600', progress: '2', progressPct: '0.3' });
    expect(byKey(list, 'major_projects')).toMatchObject({ value: '100', progress: '2', progressPct: '2.0' });
    for (const key of ['funds_in_place', 'contract_rate']) expect(byKey(list, key)).toMatchObject({ source: 'pending', progress: null, progressPct: null });
    // FAI growth comes from the summary of the latest closed period; with none closed there is none yet.
    expect(byKey(list, 'fai_growth')).toMatchObject({ source: 'computed', progress: null });
    expect(byKey(list, 'funds_in_place').value).toBe('3000000');
    expect(byKey(list, 'funding_projects')).toMatchObject({ id: null, value: null, source: 'pending', progress: null });
    // Another year has its own targets and its own progress.
    const other = await (await drc.get('/api/targets?year=2025')).json();
    expect(byKey(other, 'reserve_new')).toMatchObject({ value: null, progress: '1' });
  });

  it('refuses to overwrite a target without the version read, and checks values per unit', async () => {
    const stale = await drc.request('PUT', '/api/targets/2026', { targets: [{ key: 'reserve_new', value: '1200' }] });
    expect(stale.status).toBe(409);
    const fractional = await drc.request('PUT', '/api/targets/2026', { targets: [{ key: 'major_projects', value: '100.5', version: 1 }] });
    expect(fractional.status).toBe(400);
    expect((await fractional.json()).error.field).toBe('targets.0.value');
    const unknown = await drc.request('PUT', '/api/targets/2026', { targets: [{ key: 'happiness', value: '1' }] });
    expect(unknown.status).toBe(400);
    const ok = await drc.request('PUT', '/api/targets/2026', { targets: [{ key: 'reserve_new', value: '1200', version: 1 }] });
    expect(ok.status).toBe(200);
    expect(byKey(await ok.json(), 'reserve_new')).toMatchObject({ value: '1200', version: 2, progressPct: '0.3' });
  });

  it('decomposes a target to departments and townships with per-unit progress', async () => {
    const list = await (await drc.get('/api/targets?year=2026')).json();
    const reserve = byKey(list, 'reserve_new');
    const construction = byKey(list, 'construction_projects');
    const body = { version: reserve.version, allocations: [
      { unitId: units.water, value: '300' },
      { unitId: units.agri, value: '200' },
      { unitId: units.town, value: '50' },
    ] };
    expect((await water.request('PUT', `/api/targets/${reserve.id}/allocations`, body)).status).toBe(403);
    const res = await drc.request('PUT', `/api/targets/${reserve.id}/allocations`, body);
    expect(res.status).toBe(200);
    const saved = (await res.json()) as TargetView;
    expect(saved.allocatedTotal).toBe('550');
    const share = (unitId: string) => saved.allocations.find((a) => a.unitId === unitId);
    expect(share(units.water)).toMatchObject({ value: '300', progress: '1', progressPct: '0.3' });
    expect(share(units.agri)).toMatchObject({ value: '200', progress: '1' });
    expect(share(units.town)).toMatchObject({ value: '50', progress: '1', progressPct: '2.0' });

    // The split is replaced whole and needs the current version.
    expect((await drc.request('PUT', `/api/targets/${reserve.id}/allocations`, body)).status).toBe(409);
    const ownerUnit = await drc.request('PUT', `/api/targets/${construction.id}/allocations`, {
      version: construction.version,
      allocations: [{ unitId: units.company, value: '10' }],
    });
    expect(ownerUnit.status).toBe(400);
    expect((await ownerUnit.json()).error.field).toBe('allocations.0.unitId');
    const counted = await drc.request('PUT', `/api/targets/${construction.id}/allocations`, {
      version: construction.version,
      allocations: [
        { unitId: units.water, value: '100' },
        { unitId: units.town, value: '40' },
        { unitId: units.agri, value: '60' },
      ],
    });
    const c = (await counted.json()) as TargetView;
    // The project started in April belongs to both the 水务局 and 城关镇; the completed one to 农业农村局.
    expect(c.allocations.map((a) => [a.unitId, a.progress]).sort()).toEqual(
      [
        [units.water, '1'],
        [units.town, '1'],
        [units.agri, '1'],
      ].sort(),
    );

    // Departments and townships read the decomposition too.
    const seen = byKey(await (await township.get('/api/targets?year=2026')).json(), 'reserve_new');
    expect(seen.allocations).toHaveLength(3);
  });

  it('answers 404 for a target outside the caller region', async () => {
    const elsewhere = await buildUnit(database, { kind: 'drc' });
    const other = await new TestClient(app).login((await buildUser(database, { role: 'drc', unitId: elsewhere.id, divisionCode: elsewhere.divisionCode })).username);
    const reserve = byKey(await (await drc.get('/api/targets?year=2026')).json(), 'reserve_new');
    expect((await other.request('PUT', `/api/targets/${reserve.id}/allocations`, { version: reserve.version, allocations: [] })).status).toBe(404);
    expect((await other.get(`/api/targets?year=2026&divisionCode=${COUNTY}`)).status).toBe(404);
  });
});
