import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAuditEntries } from '../../platform/audit/audit.service';
import type { Database } from '../../platform/db/client';
import { buildDivision, buildUnit, buildUser } from '../../../tests/support/factories';
import { createTestApp, TestClient, type TestApp } from '../../../tests/support/test-app';
import { createTestDatabase } from '../../../tests/support/test-db';
import { buildDefectiveLedger, buildMessyLedger } from './ledger-fixtures';
import { parseLedger } from './ledger-parser';
import { writeLedger } from './ledger-writer';

let database: Database;
let app: TestApp;
let drc: TestClient;
let water: TestClient;
const COUNTY = '620921';

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database);
  await buildDivision(database, { code: COUNTY, name: '河西县' });
  const drcUnit = await buildUnit(database, { divisionCode: COUNTY, name: '河西县发展和改革局', kind: 'drc' });
  const waterUnit = await buildUnit(database, { divisionCode: COUNTY, name: '河西县水务局', kind: 'department' });
  await buildUnit(database, { divisionCode: COUNTY, name: '河西县农业农村局', kind: 'department' });
  await buildUnit(database, { divisionCode: COUNTY, name: '城关镇', kind: 'township' });
  drc = await new TestClient(app).login((await buildUser(database, { role: 'drc', unitId: drcUnit.id, divisionCode: COUNTY })).username);
  water = await new TestClient(app).login((await buildUser(database, { role: 'department', unitId: waterUnit.id, divisionCode: COUNTY })).username);
});
afterAll(() => database.close());

function upload(client: TestClient, bytes: Buffer, name = '台账.xlsx', commit = false) {
  const form = new FormData();
  form.append('file', new File([new Uint8Array(bytes)], name));
  return client.request('POST', `/api/projects/import${commit ? '?commit=true' : ''}`, form);
}
const total = async (client: TestClient) => (await (await client.get('/api/projects?pageSize=1')).json()).total as number;

describe('ledger import', () => {
  it('previews a messy county ledger without writing, then commits it whole', async () => {
    const ledger = await buildMessyLedger();
    const preview = await (await upload(drc, ledger)).json();
    expect(preview.problems).toEqual([]);
    expect(preview.canCommit).toBe(true);
    expect(preview.summary).toMatchObject({ create: 6, update: 0 });
    const farmland = preview.records.find((r: { values: { name: string } }) => r.values.name === '河西县高标准农田建设项目');
    expect(farmland.values).toMatchObject({ totalInvestment: '12000', fundCentral: '6000', sector: '农业', plannedCompletion: '2025-12-31' });
    expect(await total(drc)).toBe(0);

    const result = await (await upload(drc, ledger, '台账.xlsx', true)).json();
    expect(result).toMatchObject({ created: 6, updated: 0 });
    const { data } = await (await drc.get(`/api/projects?q=${encodeURIComponent('住院')}`)).json();
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ name: '河西县第二人民医院住院楼', sector: 'social', totalInvestment: '20000.5' });
  });

  it('updates the same projects when the same ledger comes again', async () => {
    const before = await total(drc);
    const preview = await (await upload(drc, await buildMessyLedger())).json();
    expect(preview.summary).toMatchObject({ create: 0, update: 6 });
    const result = await (await upload(drc, await buildMessyLedger(), '台账.xlsx', true)).json();
    expect(result).toMatchObject({ created: 0, updated: 6 });
    expect(await total(drc)).toBe(before);
  });

  it('refuses a defective ledger whole, naming every problem by row and column, and writes nothing', async () => {
    const before = await total(drc);
    const audits = await countAuditEntries(database.db);
    const preview = await (await upload(drc, await buildDefectiveLedger())).json();
    expect(preview.canCommit).toBe(false);
    const amount = preview.problems.find((p: { row: number; column?: string }) => p.row === 3 && p.column === 'E');
    expect(amount.message).toContain('待定');
    expect(preview.problems.some((p: { row: number; field?: string }) => p.row === 5 && p.field === 'name')).toBe(true);
    const res = await upload(drc, await buildDefectiveLedger(), '台账.xlsx', true);
    expect(res.status).toBe(400);
    const error = (await res.json()).error;
    expect(error.message).toContain('整份台账未导入');
    expect(error.details.problems.length).toBe(preview.problems.length);
    expect(await total(drc)).toBe(before);
    expect(await countAuditEntries(database.db)).toBe(audits);
  });

  it('lets a department import only projects it is responsible for', async () => {
    const ledger = await writeLedger(
      [{ name: '灌区节水改造工程', ownerUnit: '河西县水务投资有限公司', department: '河西县农业农村局', sector: '基础设施', totalInvestment: '3000' }],
      { title: '水务局台账' },
    );
    const preview = await (await upload(water, ledger)).json();
    expect(preview.canCommit).toBe(false);
    expect(preview.problems[0].message).toContain('不是本单位');
  });

  it('moves a stage on re-import only along the stage table: a 终止 project cannot come back as 在建', async () => {
    const row = { name: '河西县城区供水管网改造工程', ownerUnit: '河西县供排水公司', department: '河西县水务局', sector: '基础设施', totalInvestment: '2600' };
    const created = await (await upload(drc, await writeLedger([{ ...row, stage: '储备' }], { title: '台账' }), '台账.xlsx', true)).json();
    expect(created).toMatchObject({ created: 1 });
    const { data } = await (await drc.get(`/api/projects?q=${encodeURIComponent('供水管网')}`)).json();
    const id = data[0].id as string;

    // A legal move (储备 → 前期) goes through and is on the timeline.
    expect(await (await upload(drc, await writeLedger([{ ...row, stage: '前期' }], { title: '台账' }), '台账.xlsx', true)).json()).toMatchObject({ updated: 1 });
    const terminated = await drc.post(`/api/projects/${id}/transitions`, { to: 'terminated', reason: '规划调整，项目取消' });
    expect(terminated.status).toBe(200);
    const timeline = async () => ((await (await drc.get(`/api/projects/${id}/timeline`)).json()).data as Array<{ toStage: string }>);
    expect((await timeline()).map((t) => t.toStage)).toEqual(['reserve', 'preliminary', 'terminated']);

    const revived = await writeLedger([{ ...row, stage: '在建', actualStart: '2025-03-01' }], { title: '台账' });
    const preview = await (await upload(drc, revived)).json();
    expect(preview.canCommit).toBe(false);
    const stageProblem = preview.problems.find((p: { field?: string }) => p.field === 'stage');
    expect(stageProblem.column).toBeTruthy();
    expect(stageProblem.message).toContain(`第 ${stageProblem.row} 行 ${stageProblem.column} 列`);
    expect(stageProblem.message).toContain('不能从「终止」直接转为「在建」');

    const res = await upload(drc, revived, '台账.xlsx', true);
    expect(res.status).toBe(400);
    const after = await (await drc.get(`/api/projects/${id}`)).json();
    expect(after.stage).toBe('terminated');
    expect((await timeline()).map((t) => t.toStage)).toEqual(['reserve', 'preliminary', 'terminated']);
  });

  it('refuses files that are not real .xlsx ledgers', async () => {
    const renamed = await upload(drc, Buffer.from('项目名称,总投资\n甲,100'), '台账.xlsx');
    expect(renamed.status).toBe(415);
    const broken = await upload(drc, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), '台账.xlsx');
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.message).toMatch(/无法读取|xlsx|损坏/);
    const csv = await upload(drc, Buffer.from('a,b'), '台账.csv');
    expect(csv.status).toBe(415);
  });
});

describe('export and template', () => {
  it('exports the filtered list in the layout the import reads', async () => {
    const res = await drc.get(`/api/projects/export.xlsx?sector=industry`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const parsed = await parseLedger(Buffer.from(await res.arrayBuffer()));
    expect(parsed.problems).toEqual([]);
    expect(parsed.records.map((r) => r.values.name).sort()).toEqual(['河西县光伏组件生产线项目', '河西县农产品深加工项目', '河西县新材料产业园标准化厂房'].sort());
    expect(parsed.records.every((r) => r.values.sector === '工业')).toBe(true);
  });

  it('serves a template whose example row imports', async () => {
    const res = await drc.get('/api/projects/template.xlsx');
    expect(res.status).toBe(200);
    const parsed = await parseLedger(Buffer.from(await res.arrayBuffer()));
    expect(parsed.records.length).toBeGreaterThanOrEqual(1);
  });
});

describe('units that differ only by the county prefix', () => {
  // A county that already has both spellings (made before the unit service refused the second).
  const TWIN = '620931';
  let clerk: TestClient;
  let countyAgri: string;
  let fullAgri: string;
  let water: string;

  beforeAll(async () => {
    await buildDivision(database, { code: TWIN, name: '河西县' });
    const drcUnit = await buildUnit(database, { divisionCode: TWIN, name: '河西县发展和改革局', kind: 'drc' });
    countyAgri = (await buildUnit(database, { divisionCode: TWIN, name: '县农业农村局', kind: 'department' })).id;
    fullAgri = (await buildUnit(database, { divisionCode: TWIN, name: '河西县农业农村局', kind: 'department' })).id;
    water = (await buildUnit(database, { divisionCode: TWIN, name: '河西县水务局', kind: 'department' })).id;
    await buildUnit(database, { divisionCode: TWIN, name: '河西县牧业发展有限公司', kind: 'owner' });
    clerk = await new TestClient(app).login((await buildUser(database, { role: 'drc', unitId: drcUnit.id, divisionCode: TWIN })).username);
  });

  const row = (name: string, department: string, ownerUnit = '河西县牧业发展有限公司') => ({ name, ownerUnit, department, sector: '农业', totalInvestment: '1000' });
  const departmentOf = async (name: string) => {
    const { data } = await (await clerk.get(`/api/projects?q=${encodeURIComponent(name)}`)).json();
    return data[0].departmentId as string;
  };

  it('matches the exact full name first, then a short name only when one unit has it, and reports the ambiguity on its row', async () => {
    const ledger = await writeLedger(
      [
        row('河西县高标准农田建设项目', '河西县农业农村局'),
        row('河西县设施农业示范园', '县农业农村局'),
        row('河西县饮水安全巩固工程', '县水务局'),
        row('河西县农村人居环境整治项目', '农业农村局'),
      ],
      { title: '台账' },
    );
    const preview = await (await upload(clerk, ledger)).json();
    expect(preview.canCommit).toBe(false);
    expect(preview.problems).toHaveLength(1);
    const [ambiguous] = preview.problems;
    expect(ambiguous).toMatchObject({ row: 7, field: 'department' });
    expect(ambiguous.message).toContain('「县农业农村局」');
    expect(ambiguous.message).toContain('「河西县农业农村局」');

    const clear = await writeLedger([row('河西县高标准农田建设项目', '河西县农业农村局'), row('河西县设施农业示范园', '县农业农村局'), row('河西县饮水安全巩固工程', '县水务局')], { title: '台账' });
    expect(await (await upload(clerk, clear, '台账.xlsx', true)).json()).toMatchObject({ created: 3 });
    expect(await departmentOf('高标准农田')).toBe(fullAgri);
    expect(await departmentOf('设施农业')).toBe(countyAgri);
    expect(await departmentOf('饮水安全')).toBe(water);
  });

  it('takes an owner written without the county name as the one unit it names, and never creates a twin', async () => {
    const units = async () => (await (await clerk.get('/api/units?pageSize=500')).json()).total as number;
    const before = await units();
    const ledger = await writeLedger(
      [
        row('河西县肉牛养殖基地', '河西县农业农村局', '县牧业发展有限公司'),
        row('河西县有机肥加工厂', '河西县农业农村局', '河西县绿源农业科技有限公司'),
        row('河西县蔬菜冷链仓储项目', '河西县农业农村局', '县绿源农业科技有限公司'),
      ],
      { title: '台账' },
    );
    const preview = await (await upload(clerk, ledger)).json();
    // Two spellings of one new owner in a file would become two units that differ only by the prefix.
    expect(preview.problems).toHaveLength(1);
    expect(preview.problems[0]).toMatchObject({ row: 6, field: 'ownerUnit' });
    expect(preview.problems[0].message).toContain('河西县绿源农业科技有限公司');

    const fixed = await writeLedger([row('河西县肉牛养殖基地', '河西县农业农村局', '县牧业发展有限公司')], { title: '台账' });
    expect(await (await upload(clerk, fixed, '台账.xlsx', true)).json()).toMatchObject({ created: 1, newOwners: 0 });
    expect(await units()).toBe(before);
    // The same ledger again updates the project it made: matched by name and the owner unit it resolved to.
    expect(await (await upload(clerk, fixed, '台账.xlsx', true)).json()).toMatchObject({ created: 0, updated: 1 });
  });
});
