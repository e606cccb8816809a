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
