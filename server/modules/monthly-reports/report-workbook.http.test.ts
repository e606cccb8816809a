import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/client';
import { buildDivision, buildUnit, buildUser } from '../../../tests/support/factories';
import { createTestApp, TestClient, type TestApp } from '../../../tests/support/test-app';
import { createTestDatabase } from '../../../tests/support/test-db';
import { buildZip, sheetXml, workbookParts } from '../../../tests/support/zip-builder';
import { projects } from '../projects/projects.tables';
import { monthlyReports } from './monthly-reports.tables';

// More projects in scope than the old 500-row cut, few enough to keep the test quick.
const IN_SCOPE = 600;
const COUNTY = '620922';
const PERIOD = '2024-11';

let database: Database;
let app: TestApp;
let drc: TestClient;
let submittedProjectId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database);
  await buildDivision(database, { code: COUNTY, name: '金塔县' });
  const drcUnit = await buildUnit(database, { divisionCode: COUNTY, name: '金塔县发展和改革局', kind: 'drc' });
  const owner = await buildUnit(database, { divisionCode: COUNTY, name: '金塔县城市建设投资有限公司', kind: 'owner' });
  const user = await buildUser(database, { role: 'drc', unitId: drcUnit.id, divisionCode: COUNTY });
  drc = await new TestClient(app).login(user.username);
  const row = (i: number, stage: string) => ({
    divisionCode: COUNTY,
    reserveNo: `CB-2024-${COUNTY}-${String(i).padStart(4, '0')}`,
    name: `金塔县第${i}号建设项目`,
    ownerUnitId: owner.id,
    sector: 'infrastructure',
    totalInvestment: '1000',
    stage,
  });
  await database.db.insert(projects).values(Array.from({ length: IN_SCOPE + 1 }, (_, i) => row(i + 1, i % 3 === 0 ? 'preliminary' : 'construction')));
  // Not reporting: a reserve project is not in the monthly cycle.
  await database.db.insert(projects).values(row(9001, 'reserve'));
  // One project has already submitted this period: it can change only through a correction.
  const [submitted] = await database.db.select({ id: projects.id }).from(projects).where(eq(projects.reserveNo, row(IN_SCOPE + 1, 'construction').reserveNo));
  submittedProjectId = submitted.id;
  await database.db.insert(monthlyReports).values({ divisionCode: COUNTY, projectId: submitted.id, period: PERIOD, stage: 'construction', status: 'submitted', investedThisPeriod: '5' });
}, 60_000);
afterAll(() => database.close());

async function template(): Promise<ExcelJS.Worksheet> {
  const res = await drc.get(`/api/monthly-reports/template.xlsx?period=${PERIOD}`);
  expect(res.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  return workbook.worksheets[0];
}

function upload(bytes: ArrayBuffer | Buffer, commit = false) {
  const form = new FormData();
  form.append('file', new File([new Uint8Array(bytes as ArrayBuffer)], '月报.xlsx'));
  return drc.request('POST', `/api/monthly-reports/import?period=${PERIOD}${commit ? '&commit=true' : ''}`, form);
}

async function draftsSaved(): Promise<number> {
  const [row] = await database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(monthlyReports)
    .where(and(eq(monthlyReports.divisionCode, COUNTY), eq(monthlyReports.period, PERIOD), eq(monthlyReports.status, 'draft')));
  return row.n;
}

describe('batch-entry workbook beyond 500 projects', () => {
  it('lists every project in scope that still has to report, and no other', async () => {
    const sheet = await template();
    const reserveNos: string[] = [];
    sheet.eachRow((row, r) => {
      if (r > 3) reserveNos.push(String(row.getCell(1).value));
    });
    expect(reserveNos).toHaveLength(IN_SCOPE);
    expect(new Set(reserveNos).size).toBe(IN_SCOPE);
    expect(reserveNos).not.toContain(`CB-2024-${COUNTY}-9001`);
    expect(reserveNos).not.toContain(`CB-2024-${COUNTY}-${String(IN_SCOPE + 1).padStart(4, '0')}`);
    expect(sheet.getCell('A3').value).toBe('储备编号');
    expect(String(sheet.getCell('A1').value)).toContain('2024年11月');
  });

  it('names bad cells past row 500 by row and column in Chinese, and writes nothing', async () => {
    const sheet = await template();
    for (let r = 4; r < 4 + IN_SCOPE; r++) sheet.getCell(`G${r}`).value = 12.5;
    sheet.getCell('G10').value = '待定';
    sheet.getCell('H590').value = 150;
    sheet.getCell(`A${4 + IN_SCOPE}`).value = 'CB-2024-999999-0001';
    sheet.getCell(`G${4 + IN_SCOPE}`).value = 1;
    const bytes = await sheet.workbook.xlsx.writeBuffer();
    const preview = await (await upload(bytes)).json();
    expect(preview.canCommit).toBe(false);
    expect(preview.problems.map((p: { row: number; column: string }) => `${p.row}${p.column}`)).toEqual(['10G', '590H', `${4 + IN_SCOPE}A`]);
    expect(preview.problems[1].message).toBe('第 590 行 H 列：形象进度应为 0–100 的整数：150');
    const refused = await upload(bytes, true);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toBe('表格存在 3 处问题，整份未导入，请修改后重新上传');
    expect(await draftsSaved()).toBe(0);
  });

  it('imports every row of the template as drafts in one go', async () => {
    const sheet = await template();
    for (let r = 4; r < 4 + IN_SCOPE; r++) {
      sheet.getCell(`G${r}`).value = r;
      sheet.getCell(`H${r}`).value = 40;
      sheet.getCell(`I${r}`).value = `第${r}行形象进度`;
    }
    const bytes = await sheet.workbook.xlsx.writeBuffer();
    const preview = await (await upload(bytes)).json();
    expect(preview).toMatchObject({ canCommit: true, problems: [] });
    expect(preview.records).toHaveLength(IN_SCOPE);
    const saved = await upload(bytes, true);
    expect(await saved.json()).toEqual({ saved: IN_SCOPE });
    expect(await draftsSaved()).toBe(IN_SCOPE);
    const last = await drc.get(`/api/monthly-reports?period=${PERIOD}&status=draft&pageSize=500&page=2`);
    const page = await last.json();
    expect(page.total).toBe(IN_SCOPE);
    expect(page.data.every((r: { report: { progressPct: number } }) => r.report.progressPct === 40)).toBe(true);

    // The filled template comes back with the drafts' values; importing it again edits them, still all rows.
    const again = await template();
    expect(again.getCell(`G${3 + IN_SCOPE}`).value).toBe(3 + IN_SCOPE);
    for (let r = 4; r < 4 + IN_SCOPE; r++) again.getCell(`H${r}`).value = 60;
    expect(await (await upload(await again.workbook.xlsx.writeBuffer(), true)).json()).toEqual({ saved: IN_SCOPE });
    expect(await draftsSaved()).toBe(IN_SCOPE);
    const [report] = await database.db.select().from(monthlyReports).where(and(eq(monthlyReports.divisionCode, COUNTY), eq(monthlyReports.period, PERIOD), eq(monthlyReports.status, 'draft'))).limit(1);
    expect(report.progressPct).toBe(60);
    expect(report.version).toBe(2);
    // The submitted report was not in the file and is untouched.
    const [submitted] = await database.db.select().from(monthlyReports).where(eq(monthlyReports.projectId, submittedProjectId));
    expect(submitted).toMatchObject({ status: 'submitted', investedThisPeriod: '5.0000' });
  });

  it('finds the template sheet behind a sheet of notes, as Excel saves it, and reads only that sheet', async () => {
    const filled = await template();
    const workbook = new ExcelJS.Workbook();
    const notes = workbook.addWorksheet('填表说明');
    notes.getCell('A1').value = '请只填写绿色列';
    for (let r = 2; r <= 20; r++) notes.getCell(`A${r}`).value = `说明第${r}行`;
    const sheet = workbook.addWorksheet('月报填报');
    filled.eachRow((row, r) => {
      sheet.getRow(r).values = row.values;
    });
    sheet.getCell('G4').value = '1.5亿';
    const other = workbook.addWorksheet('草稿');
    other.getCell('A3').value = '储备编号';
    other.getCell('A4').value = 'CB-2024-999999-0001';
    const preview = await (await upload(await workbook.xlsx.writeBuffer())).json();
    expect(preview).toMatchObject({ canCommit: true, problems: [] });
    expect(preview.records).toHaveLength(IN_SCOPE);
    expect(preview.records[0]).toMatchObject({ row: 4, values: { investedThisPeriod: '15000' } });
  });

  it('refuses a file without the template header, and a damaged one, in Chinese', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').getCell('A1').value = '项目名称';
    const missing = await upload(await workbook.xlsx.writeBuffer());
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toMatchObject({ field: 'file', message: '未找到表头：请使用本系统下载的月报填报模板（须包含「储备编号」列）' });
    // A sound archive whose sheet breaks off after the header: the reader fails mid-stream.
    const header = '<row r="3"><c r="A3" t="inlineStr"><is><t>储备编号</t></is></c></row>';
    const broken = buildZip(workbookParts(sheetXml(`${header}<row r="4"><c r="A4" t="inlineStr"><is><t>CB-1</t></is></c></row><row r="5"><c r="A5"`)));
    const damaged = await upload(broken);
    expect(damaged.status).toBe(400);
    expect((await damaged.json()).error).toMatchObject({ field: 'file', message: '无法读取该 .xlsx 文件，可能已损坏，请用 Excel 或 WPS 打开后重新保存' });
    expect(await draftsSaved()).toBe(IN_SCOPE);
  });
});
