import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS } from '../../../common/ledger-columns';
import type { Database } from '../../platform/db/client';
import { buildDivision, buildUnit, buildUser } from '../../../tests/support/factories';
import { createTestApp, TestClient, type TestApp } from '../../../tests/support/test-app';
import { createTestDatabase } from '../../../tests/support/test-db';
import { generatedProject } from './ledger-fixtures';
import { columnLetter } from './ledger-parser';
import { writeLedger } from './ledger-writer';

let database: Database;
let app: TestApp;
let drc: TestClient;
const COUNTY = '620923';
const PROJECTS = 60;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database);
  await buildDivision(database, { code: COUNTY, name: '瓜州县' });
  const drcUnit = await buildUnit(database, { divisionCode: COUNTY, name: '瓜州县发展和改革局', kind: 'drc' });
  await buildUnit(database, { divisionCode: COUNTY, name: '县发展和改革局', kind: 'department' });
  await buildUnit(database, { divisionCode: COUNTY, name: '城关镇', kind: 'township' });
  drc = await new TestClient(app).login((await buildUser(database, { role: 'drc', unitId: drcUnit.id, divisionCode: COUNTY })).username);
  const ledger = await writeLedger(Array.from({ length: PROJECTS }, (_, i) => ({ ...generatedProject(i), fundCentral: null })), { title: '台账' });
  const form = new FormData();
  form.append('file', new File([new Uint8Array(ledger)], '台账.xlsx'));
  const imported = await drc.request('POST', '/api/projects/import?commit=true', form);
  expect(imported.status, await imported.clone().text()).toBe(200);
});
afterAll(() => database.close());

async function download(path: string): Promise<ExcelJS.Worksheet> {
  const res = await drc.get(path);
  expect(res.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  return workbook.worksheets[0];
}

describe('printing the ledger export', () => {
  it('prints on A3 landscape, one page wide, the header row on every page, page numbers in the footer', async () => {
    const sheet = await download('/api/projects/export.xlsx');
    // Title, unit note, header, a band for each of the five 产业类别, the projects, 合计.
    const lastRow = 3 + 5 + PROJECTS + 1;
    expect(sheet.getCell(`A${lastRow}`).value).toBe(`合计（${PROJECTS}个）`);
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 8,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:3',
      printArea: `A1:${columnLetter(LEDGER_COLUMNS.length)}${lastRow}`,
    });
    const { left, right, top, bottom } = sheet.pageSetup.margins!;
    expect([left, right, top, bottom].every((m) => m >= 0.4 && m <= 1)).toBe(true);
    expect(sheet.headerFooter.oddFooter).toContain('第 &P 页，共 &N 页');
    expect(sheet.headerFooter.oddFooter).toContain('瓜州县项目台账');
  });

  it('prints the import template the same way', async () => {
    const sheet = await download('/api/projects/template.xlsx');
    expect(sheet.pageSetup).toMatchObject({ paperSize: 8, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3', printArea: `A1:${columnLetter(LEDGER_COLUMNS.length)}4` });
  });
});
