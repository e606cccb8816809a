import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import zlib from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { buildZip, deflatedRepeat, sheetXml, workbookParts } from '../../../tests/support/zip-builder';
import { AppError } from '../http/errors';
import { ARCHIVE_LIMITS, checkOfficeArchive, countSheetElements, MESSAGES, readCentralDirectory, readXlsxUpload } from './xlsx-guard';

const MB = 1024 * 1024;

async function realWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(['序号', '项目名称', '建设单位', '总投资（万元）']);
  for (let i = 1; i <= 200; i++) sheet.addRow([i, `河西县第${i}号项目`, '河西县城投公司', 1000 + i]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The refusal a check throws: status, code and message. */
function refusal(check: () => unknown): { status: number; code: string; message: string; field?: string } {
  try {
    check();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { status: error.status, code: error.code, message: error.message, field: error.field };
  }
  throw new Error('not refused');
}

describe('the Office archive guard', () => {
  it('passes a workbook exceljs wrote, and one whose sizes are in Zip64 records', async () => {
    const real = await realWorkbook();
    expect(() => checkOfficeArchive(real, 'xlsx')).not.toThrow();
    expect(readCentralDirectory(real).map((e) => e.name)).toContain('xl/workbook.xml');
    const zip64 = buildZip(workbookParts(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c></row>')), { zip64: true });
    expect(() => checkOfficeArchive(zip64, 'xlsx')).not.toThrow();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(zip64 as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets[0].getCell('A1').value).toBe('项目名称');
  });

  it('tells a renamed file, an old .xls, a Word document and an empty file apart', async () => {
    expect(refusal(() => checkOfficeArchive(randomBytes(1000), 'xlsx'))).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: MESSAGES.notZip, field: 'file' });
    expect(refusal(() => checkOfficeArchive(Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), randomBytes(512)]), 'xlsx')).message).toBe(MESSAGES.legacy);
    const docx = buildZip([{ name: 'word/document.xml', data: '<w:document/>' }]);
    expect(refusal(() => checkOfficeArchive(docx, 'xlsx')).message).toBe(MESSAGES.notWorkbook);
    expect(() => checkOfficeArchive(docx, 'docx')).not.toThrow();
    expect(refusal(() => checkOfficeArchive(Buffer.alloc(0), 'xlsx')).message).toBe(MESSAGES.empty);
  });

  it('refuses a truncated file, a broken directory and a part whose bytes were changed', async () => {
    const real = await realWorkbook();
    for (const broken of [real.subarray(0, real.length / 2), real.subarray(0, real.length - 1), Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), randomBytes(4096)])]) {
      expect(refusal(() => checkOfficeArchive(broken, 'xlsx'))).toMatchObject({ status: 400, message: MESSAGES.broken });
    }
    const sheet = readCentralDirectory(real).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    const flipped = Buffer.from(real);
    flipped[sheet.localOffset + 30 + sheet.name.length + Math.floor(sheet.compressedSize / 2)] ^= 0x55;
    expect(refusal(() => checkOfficeArchive(flipped, 'xlsx')).message).toBe(MESSAGES.broken);
  });

  it('refuses bombs by their declared sizes before inflating anything', () => {
    const zeros = Buffer.alloc(MB);
    const inflate = vi.spyOn(zlib, 'inflateRawSync');
    expect(refusal(() => checkOfficeArchive(buildZip(workbookParts(deflatedRepeat(zeros, 2000))), 'xlsx')).message).toBe(MESSAGES.tooBig);
    // Refused from the central directory alone: not one part was inflated.
    expect(inflate).not.toHaveBeenCalled();
    inflate.mockRestore();
    // Under the total but a thousand to one.
    expect(refusal(() => checkOfficeArchive(buildZip(workbookParts(deflatedRepeat(zeros, 20))), 'xlsx')).message).toBe(MESSAGES.tooBig);
    const parts = [...workbookParts(sheetXml('')), ...Array.from({ length: ARCHIVE_LIMITS.maxEntries }, (_, i) => ({ name: `xl/media/${i}.bin`, data: 'x' }))];
    expect(refusal(() => checkOfficeArchive(buildZip(parts), 'xlsx')).message).toBe(MESSAGES.tooManyParts);
    expect(refusal(() => checkOfficeArchive(buildZip(workbookParts(sheetXml('')).map((p) => ({ ...p, flags: 0x1 }))), 'xlsx')).message).toBe(MESSAGES.encrypted);
  });

  it('catches a declared size that lies by inflating with a cap', () => {
    const lying = buildZip([...workbookParts(sheetXml('')).slice(0, 4), { name: 'xl/worksheets/sheet1.xml', deflated: deflatedRepeat(Buffer.alloc(MB), 500), declaredSize: 1000 }]);
    const inflate = vi.spyOn(zlib, 'inflateRawSync');
    expect(refusal(() => checkOfficeArchive(lying, 'xlsx')).message).toBe(MESSAGES.tooBig);
    // The part was inflated with a cap a little over its declared size, never to its 500 MB.
    const caps = inflate.mock.calls.map(([, options]) => (options as zlib.ZlibOptions | undefined)?.maxOutputLength ?? Infinity);
    expect(Math.max(...caps)).toBeLessThanOrEqual(1000 + MB);
    inflate.mockRestore();
    // Declared larger than it is: not a bomb, but not whole either.
    const padded = buildZip([...workbookParts(sheetXml('')).slice(0, 4), { name: 'xl/worksheets/sheet1.xml', data: sheetXml(''), declaredSize: 5000 }]);
    expect(refusal(() => checkOfficeArchive(padded, 'xlsx')).message).toBe(MESSAGES.broken);
  });

  it('counts rows and cells, empty ones too, and refuses a sheet with too many', () => {
    expect(countSheetElements(Buffer.from('<cols><col min="1"/></cols><sheetData><row r="1"><c r="A1"/><c r="B1" s="1"><v>1</v></c><c\n r="C1"></c></row><row r="2"/></sheetData><rowBreaks/><conditionalFormatting><cfRule/></conditionalFormatting>'))).toBe(5);
    // 100 rows of 1,000 cells, with real references so that it compresses like a sheet, 11 times over.
    const rows = Array.from({ length: 100 }, (_, r) => `<row r="${r + 1}">${Array.from({ length: 1000 }, (_, c) => `<c r="C${c}R${r + 1}" s="1"/>`).join('')}</row>`).join('');
    const tooMany = buildZip(workbookParts(deflatedRepeat(Buffer.from(rows), 11)));
    expect(refusal(() => checkOfficeArchive(tooMany, 'xlsx', { ...ARCHIVE_LIMITS, maxSheetElements: 1_000_000 })).message).toBe(MESSAGES.tooManyCells);
    expect(() => checkOfficeArchive(tooMany, 'xlsx', { ...ARCHIVE_LIMITS, maxSheetElements: 2_000_000 })).not.toThrow();
  });

  it('reads an upload: the name, the size limit, then the archive', async () => {
    const real = await realWorkbook();
    await expect(readXlsxUpload(new File([new Uint8Array(real)], '台账.xlsx'), { what: '台账', maxBytes: MB })).resolves.toMatchObject({ name: '台账.xlsx' });
    const refused = async (file: File) => {
      const error = (await readXlsxUpload(file, { what: '台账', maxBytes: MB }).catch((e: unknown) => e)) as AppError;
      return [error.status, error.message];
    };
    expect(await refused(new File([new Uint8Array(real)], '台账.xls'))).toEqual([415, '只能导入 .xlsx 格式的台账（.xls 请先另存为 .xlsx）']);
    expect(await refused(new File([], '台账.xlsx'))).toEqual([400, MESSAGES.empty]);
    expect(await refused(new File([new Uint8Array(real), new Uint8Array(MB)], '台账.xlsx'))).toEqual([413, '台账不能超过 1 MB']);
  });
});
