import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/client';
import { buildDivision, buildUnit, buildUser } from '../../../tests/support/factories';
import { createTestApp, TestClient, type TestApp } from '../../../tests/support/test-app';
import { createTestDatabase } from '../../../tests/support/test-db';
import { projects } from '../projects/projects.tables';

let database: Database;
let app: TestApp;
let clerk: TestClient;
const COUNTY = '620921';
const PERIOD = '2024-10';
const names = ['城区雨污分流改造工程', '黑河湿地公园二期'];

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database);
  await buildDivision(database, { code: COUNTY, name: '河西县' });
  const dept = await buildUnit(database, { divisionCode: COUNTY, name: '河西县住房和城乡建设局', kind: 'department' });
  const owner = await buildUnit(database, { divisionCode: COUNTY, name: '河西县城市建设投资有限公司', kind: 'owner' });
  clerk = await new TestClient(app).login((await buildUser(database, { role: 'department', unitId: dept.id, divisionCode: COUNTY })).username);
  for (const name of names) {
    const p = await (await clerk.post('/api/projects', { name, ownerUnitId: owner.id, sector: 'infrastructure', totalInvestment: '5000' })).json();
    await database.db.update(projects).set({ stage: 'construction', actualStart: '2024-03-01' }).where(eq(projects.id, p.id));
  }
});
afterAll(() => database.close());

async function template(): Promise<ExcelJS.Workbook> {
  const res = await clerk.get(`/api/monthly-reports/template.xlsx?period=${PERIOD}`);
  expect(res.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  return workbook;
}

function upload(bytes: ArrayBuffer | Buffer, commit = false) {
  const form = new FormData();
  form.append('file', new File([new Uint8Array(bytes as ArrayBuffer)], '月报.xlsx'));
  return clerk.request('POST', `/api/monthly-reports/import?period=${PERIOD}${commit ? '&commit=true' : ''}`, form);
}

describe('monthly report batch import', () => {
  it('lists the department’s reporting projects in the template and imports them as drafts', async () => {
    const workbook = await template();
    const sheet = workbook.worksheets[0];
    expect([sheet.getCell('B4').value, sheet.getCell('B5').value].sort()).toEqual([...names].sort());
    for (const r of [4, 5]) {
      sheet.getCell(`G${r}`).value = '1,200';
      sheet.getCell(`H${r}`).value = 45;
      sheet.getCell(`I${r}`).value = '管网铺设完成45%';
    }
    const bytes = await workbook.xlsx.writeBuffer();
    const preview = await (await upload(bytes)).json();
    expect(preview).toMatchObject({ canCommit: true, problems: [] });
    expect(preview.records).toHaveLength(2);
    const result = await upload(bytes, true);
    expect(await result.json()).toEqual({ saved: 2 });
    const grid = await (await clerk.get(`/api/monthly-reports?period=${PERIOD}`)).json();
    expect(grid.data.map((r: { report: { status: string; investedThisPeriod: string } }) => `${r.report.status}:${r.report.investedThisPeriod}`)).toEqual(['draft:1200', 'draft:1200']);
  });

  it('names every bad cell by row and column, and imports nothing', async () => {
    const workbook = await template();
    const sheet = workbook.worksheets[0];
    sheet.getCell('G4').value = '待定';
    sheet.getCell('H5').value = 150;
    sheet.getCell('A6').value = 'CB-2024-999999-0001';
    sheet.getCell('G6').value = 10;
    const preview = await (await upload(await workbook.xlsx.writeBuffer())).json();
    expect(preview.canCommit).toBe(false);
    expect(preview.problems.map((p: { row: number; column: string }) => `${p.row}${p.column}`)).toEqual(['4G', '5H', '6A']);
    const refused = await upload(await workbook.xlsx.writeBuffer(), true);
    expect(refused.status).toBe(400);
    const grid = await (await clerk.get(`/api/monthly-reports?period=${PERIOD}`)).json();
    expect(grid.data.every((r: { report: { investedThisPeriod: string } }) => r.report.investedThisPeriod === '1200')).toBe(true);
  });

  it('refuses a city clerk, who sees the county’s projects but fills no county’s drafts by file', async () => {
    await buildDivision(database, { code: '620900', name: '酒泉市', level: 'city' });
    const cityDrc = await new TestClient(app).login((await buildUser(database, { role: 'drc', divisionCode: '620900' })).username);
    const workbook = await template();
    workbook.worksheets[0].getCell('G4').value = 999;
    const form = new FormData();
    form.append('file', new File([new Uint8Array(await workbook.xlsx.writeBuffer())], '月报.xlsx'));
    const res = await cityDrc.request('POST', `/api/monthly-reports/import?period=${PERIOD}&commit=true`, form);
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toBe('请以县级用户身份导入本县的月报');
    const grid = await (await clerk.get(`/api/monthly-reports?period=${PERIOD}`)).json();
    expect(grid.data.every((r: { report: { investedThisPeriod: string } }) => r.report.investedThisPeriod === '1200')).toBe(true);
  });
});
