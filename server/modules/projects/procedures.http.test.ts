import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/client';
import { buildDivision, buildUnit, buildUser } from '../../../tests/support/factories';
import { createTestApp, TestClient, type TestApp } from '../../../tests/support/test-app';
import { createTestDatabase } from '../../../tests/support/test-db';

let database: Database;
let app: TestApp;
let water: TestClient;
let culture: TestClient;
let drc: TestClient;
let ownerId: string;
let projectId: string;
const COUNTY = '620921';

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database);
  await buildDivision(database, { code: COUNTY, name: '河西县' });
  const waterUnit = await buildUnit(database, { divisionCode: COUNTY, name: '河西县水务局', kind: 'department' });
  const cultureUnit = await buildUnit(database, { divisionCode: COUNTY, name: '河西县文化和旅游局', kind: 'department' });
  const owner = await buildUnit(database, { divisionCode: COUNTY, name: '河西县水务投资有限公司', kind: 'owner' });
  ownerId = owner.id;
  const drcUnit = await buildUnit(database, { divisionCode: COUNTY, name: '河西县发展和改革局', kind: 'drc' });
  drc = await new TestClient(app).login((await buildUser(database, { role: 'drc', unitId: drcUnit.id, divisionCode: COUNTY })).username);
  water = await new TestClient(app).login((await buildUser(database, { role: 'department', unitId: waterUnit.id, divisionCode: COUNTY })).username);
  culture = await new TestClient(app).login((await buildUser(database, { role: 'department', unitId: cultureUnit.id, divisionCode: COUNTY })).username);
  const res = await water.post('/api/projects', { name: '城区应急备用水源工程', ownerUnitId: owner.id, sector: 'infrastructure', totalInvestment: '9600' });
  projectId = (await res.json()).id;
});
afterAll(() => database.close());

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; field?: string } }).error;

function upload(client: TestClient, name: string, bytes: Uint8Array<ArrayBuffer>) {
  const form = new FormData();
  form.append('file', new File([bytes], name));
  return client.request('POST', `/api/projects/${projectId}/documents`, form);
}

describe('preliminary procedures', () => {
  it('records an approval with its number and date, and requires a reason to waive', async () => {
    const { data } = await (await water.get(`/api/projects/${projectId}/procedures`)).json();
    const land = data.find((p: { key: string }) => p.key === 'land_pre_review');
    const missing = await water.patch(`/api/procedures/${land.id}`, { version: land.version, status: 'approved' });
    expect(missing.status).toBe(400);
    expect(await errorOf(missing)).toMatchObject({ field: 'approvalNo' });
    const ok = await water.patch(`/api/procedures/${land.id}`, { version: land.version, status: 'approved', approvalNo: '河自然资预审〔2025〕12号', approvalDate: '2025-05-20' });
    expect(ok.status).toBe(200);

    const safety = data.find((p: { key: string }) => p.key === 'safety');
    const noReason = await water.patch(`/api/procedures/${safety.id}`, { version: safety.version, status: 'not_required' });
    expect(await errorOf(noReason)).toMatchObject({ field: 'waiverReason' });
  });

  it('shows where work is stuck across projects, and hides other departments’ procedures', async () => {
    const { data } = await (await water.get(`/api/projects/${projectId}/procedures`)).json();
    const eia = data.find((p: { key: string }) => p.key === 'eia');
    await water.patch(`/api/procedures/${eia.id}`, { version: eia.version, status: 'in_progress', dueDate: '2020-01-31', blockingProblem: '环评批复需市生态环境局审查' });
    const stuck = await (await water.get('/api/procedures/stuck?key=eia')).json();
    expect(stuck.data).toHaveLength(1);
    expect(stuck.data[0]).toMatchObject({ projectName: '城区应急备用水源工程', isOverdue: true, blockingProblem: '环评批复需市生态环境局审查' });
    const eiaSummary = stuck.summary.find((s: { key: string }) => s.key === 'eia');
    expect(eiaSummary).toMatchObject({ pending: 1, overdue: 1, blocked: 1 });
    expect((await water.get('/api/procedures/stuck')).status).toBe(200);
    expect((await (await culture.get('/api/procedures/stuck')).json()).total).toBe(0);
    expect((await culture.patch(`/api/procedures/${eia.id}`, { version: 2, status: 'approved' })).status).toBe(404);
  });
});

describe('the 前期手续 list: paging, filters, export', () => {
  // The drc's county-wide list: two departments, two townships, a keyword, every procedure type.
  let townA: string;
  let townB: string;
  let waterDept: string;
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const inDays = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    townA = (await buildUnit(database, { divisionCode: COUNTY, name: '城关镇', kind: 'township' })).id;
    townB = (await buildUnit(database, { divisionCode: COUNTY, name: '清泉镇', kind: 'township' })).id;
    waterDept = (await buildUnit(database, { divisionCode: COUNTY, name: '河西县水利局', kind: 'department' })).id;
    for (const [name, townshipId] of [
      ['清泉镇污水处理厂', townB],
      ['清泉镇农贸市场', townB],
      ['城关镇老旧小区改造', townA],
    ] as const) {
      const res = await drc.post('/api/projects', { name, ownerUnitId: ownerId, departmentId: waterDept, townshipId, sector: 'infrastructure', totalInvestment: '3000' });
      expect(res.status).toBe(201);
    }
    const sewage = (await (await drc.get('/api/projects?q=污水处理')).json()).data[0];
    const { data } = await (await drc.get(`/api/projects/${sewage.id}/procedures`)).json();
    const eia = data.find((p: { key: string }) => p.key === 'eia');
    await drc.patch(`/api/procedures/${eia.id}`, { version: eia.version, status: 'in_progress', dueDate: inDays(10) });
    const land = data.find((p: { key: string }) => p.key === 'land_pre_review');
    await drc.patch(`/api/procedures/${land.id}`, { version: land.version, dueDate: inDays(-5) });
  });

  it('pages on the server with the total of every matching procedure', async () => {
    const first = await (await drc.get(`/api/procedures/stuck?departmentId=${waterDept}&pageSize=5&page=1`)).json();
    const perProject = first.summary.reduce((n: number, s: { pending: number }) => n + s.pending, 0);
    expect(first.total).toBe(perProject);
    expect(first.total).toBeGreaterThan(10);
    expect(first.data).toHaveLength(5);
    const last = await (await drc.get(`/api/procedures/stuck?departmentId=${waterDept}&pageSize=5&page=${Math.ceil(first.total / 5)}`)).json();
    expect(last.data.length).toBe(first.total - 5 * (Math.ceil(first.total / 5) - 1));
    const ids = new Set<string>();
    for (let page = 1; page <= Math.ceil(first.total / 5); page++) {
      for (const row of (await (await drc.get(`/api/procedures/stuck?departmentId=${waterDept}&pageSize=5&page=${page}`)).json()).data) ids.add(row.id);
    }
    expect(ids.size).toBe(first.total);
  });

  it('filters by department, township, procedure type, status, 办理时限 and keyword', async () => {
    const rows = async (query: string) => (await (await drc.get(`/api/procedures/stuck?pageSize=200&${query}`)).json()) as { data: Array<Record<string, unknown>>; total: number };
    const byTown = await rows(`townshipId=${townB}`);
    expect(new Set(byTown.data.map((r) => r.projectName))).toEqual(new Set(['清泉镇污水处理厂', '清泉镇农贸市场']));
    expect(byTown.data.every((r) => r.townshipName === '清泉镇' && r.departmentName === '河西县水利局')).toBe(true);
    const byKeyword = await rows(`q=${encodeURIComponent('污水')}`);
    expect(new Set(byKeyword.data.map((r) => r.projectName))).toEqual(new Set(['清泉镇污水处理厂']));
    expect((await rows(`departmentId=${waterDept}&key=eia`)).total).toBe(3);
    expect((await rows(`departmentId=${waterDept}&status=in_progress`)).data.map((r) => r.name)).toEqual(['环境影响评价']);
    expect((await rows(`departmentId=${waterDept}&due=soon`)).data.map((r) => r.key)).toEqual(['eia']);
    const overdue = await rows(`departmentId=${waterDept}&due=overdue`);
    expect(overdue.data.map((r) => [r.key, r.isOverdue])).toEqual([['land_pre_review', true]]);
    expect((await rows(`departmentId=${waterDept}&overdue=true`)).total).toBe(1);
    const undated = await rows(`departmentId=${waterDept}&due=none`);
    expect(undated.total + 2).toBe((await rows(`departmentId=${waterDept}`)).total);
    // The cards count per procedure over the department chosen, whatever the type filter.
    const cards = (await (await drc.get(`/api/procedures/stuck?departmentId=${waterDept}&key=eia`)).json()).summary;
    expect(cards.find((c: { key: string }) => c.key === 'eia')).toMatchObject({ pending: 3 });
    expect(cards.length).toBeGreaterThan(1);
  });

  it('names a bad filter', async () => {
    const res = await drc.get('/api/procedures/stuck?due=someday');
    expect(res.status).toBe(400);
    expect((await errorOf(res)).field).toBe('due');
    expect((await errorOf(await drc.get('/api/procedures/stuck?departmentId=x'))).field).toBe('departmentId');
  });

  it('exports every filtered row as an .xlsx with the filters named', async () => {
    const res = await drc.get(`/api/procedures/stuck/export.xlsx?departmentId=${waterDept}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('前期手续办理情况表');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0];
    const total = (await (await drc.get(`/api/procedures/stuck?departmentId=${waterDept}`)).json()).total;
    expect(total).toBeGreaterThan(20);
    expect(sheet.rowCount).toBe(3 + total);
    expect(String(sheet.getCell(2, 1).value)).toContain('主管部门：河西县水利局');
    expect(sheet.getRow(3).values).toContain('卡点问题');
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', printTitlesRow: '3:3' });
    const names = new Set<unknown>();
    sheet.eachRow((row, n) => n > 3 && names.add(row.getCell(2).value));
    expect(names).toEqual(new Set(['清泉镇污水处理厂', '清泉镇农贸市场', '城关镇老旧小区改造']));
    // The export reaches no further than the list: another department gets its own rows only.
    const theirs = await culture.get(`/api/procedures/stuck/export.xlsx?departmentId=${waterDept}`);
    const theirBook = new ExcelJS.Workbook();
    await theirBook.xlsx.load(await theirs.arrayBuffer());
    expect(theirBook.worksheets[0].rowCount).toBe(3);
  });
});

describe('documents', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

  it('stores a file checked by its content and lets it be downloaded', async () => {
    const res = await upload(water, '现场照片.png', png);
    expect(res.status).toBe(201);
    const doc = await res.json();
    expect(doc).toMatchObject({ filename: '现场照片.png', mediaType: 'image/png', size: png.length });
    const download = await water.get(`/api/documents/${doc.id}/download`);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(png);
    expect((await culture.get(`/api/documents/${doc.id}/download`)).status).toBe(404);
  });

  it('refuses a renamed file and an unsupported type', async () => {
    const fake = await upload(water, '批复.pdf', new TextEncoder().encode('<html>not a pdf</html>'));
    expect(fake.status).toBe(415);
    expect((await errorOf(fake)).message).toContain('不符');
    const exe = await upload(water, 'setup.exe', new Uint8Array([0x4d, 0x5a, 0, 0]));
    expect(exe.status).toBe(415);
    const { data } = await (await water.get(`/api/projects/${projectId}/documents`)).json();
    expect(data).toHaveLength(1);
  });
});

describe('saved filters', () => {
  it('saves, lists and deletes the caller’s own filters', async () => {
    const saved = await (await water.post('/api/saved-filters', { name: '亿元以上在建', query: 'band=gte1yi&stage=construction' })).json();
    expect((await (await water.get('/api/saved-filters')).json()).data).toEqual([saved]);
    expect((await (await culture.get('/api/saved-filters')).json()).data).toEqual([]);
    expect((await culture.request('DELETE', `/api/saved-filters/${saved.id}`)).status).toBe(404);
    expect((await water.request('DELETE', `/api/saved-filters/${saved.id}`)).status).toBe(204);
  });
});

describe('procedure templates', () => {
  it('lets the 发改局 change a checklist for projects created from then on', async () => {
    const { data } = await (await drc.get('/api/procedure-templates')).json();
    const filing = data.find((t: { approvalType: string }) => t.approvalType === 'filing');
    expect(filing.isDefault).toBe(true);
    const items = [...filing.items, { key: 'water_permit', name: '取水许可', office: '水务局', isRequiredForStart: true }];
    expect((await water.request('PUT', '/api/procedure-templates/filing', { version: 0, items })).status).toBe(403);
    const saved = await drc.request('PUT', '/api/procedure-templates/filing', { version: 0, items });
    expect(saved.status).toBe(200);
    expect((await drc.request('PUT', '/api/procedure-templates/filing', { version: 0, items })).status).toBe(409);

    const p = await (await water.post('/api/projects', { name: '工业园区取水工程', ownerUnitId: ownerId, sector: 'industry', approvalType: 'filing', totalInvestment: '2000' })).json();
    const checklist = await (await water.get(`/api/projects/${p.id}/procedures`)).json();
    expect(checklist.data.map((x: { name: string }) => x.name)).toContain('取水许可');
    const old = await (await water.get(`/api/projects/${projectId}/procedures`)).json();
    expect(old.data.map((x: { name: string }) => x.name)).not.toContain('取水许可');
  });
});
