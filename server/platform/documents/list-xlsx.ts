/**
 * A list page's rows as a workbook a clerk hands on: a merged title, a line saying what was
 * filtered and when, one bold bordered header row that stays in view and repeats on every
 * printed page, landscape, fitted to the page width.
 */
import ExcelJS from 'exceljs';

const FONT_NAME = '宋体';
const THIN = { style: 'thin' as const };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const HEADER_ROW = 3;
// Excel's paper codes (ExcelJS's enum lacks A3).
const PAPER_CODES = { A4: 9, A3: 8 } as unknown as Record<'A4' | 'A3', ExcelJS.PaperSize>;

/** One column of a list workbook: its header, the row's value, its width in Excel character units. */
export interface ListColumn<T> {
  header: string;
  value: (row: T, index: number) => string | number | null;
  width: number;
  /** Long text wraps inside its width instead of spilling over. */
  wrap?: boolean;
}

export interface ListWorkbook<T> {
  title: string;
  /** What the rows are: the filters applied, the day. */
  subtitle: string;
  sheetName: string;
  columns: ListColumn<T>[];
  rows: readonly T[];
  /** A4 for a few columns, A3 for a wide list. */
  paper?: 'A4' | 'A3';
}

/** Writes a list as an .xlsx, every row (paging is the page's business, not the file's). */
export async function writeListWorkbook<T>({ title, subtitle, sheetName, columns, rows, paper = 'A4' }: ListWorkbook<T>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Groundwork';
  const sheet = workbook.addWorksheet(sheetName, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
    pageSetup: {
      orientation: 'landscape',
      paperSize: PAPER_CODES[paper],
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  const last = columns.length;

  sheet.mergeCells(1, 1, 1, last);
  const titleCell = sheet.getCell(1, 1);
  titleCell.value = title;
  titleCell.font = { name: FONT_NAME, size: 16, bold: true };
  titleCell.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 28;
  sheet.mergeCells(2, 1, 2, last);
  const subtitleCell = sheet.getCell(2, 1);
  subtitleCell.value = subtitle;
  subtitleCell.font = { name: FONT_NAME, size: 10 };
  subtitleCell.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };

  const header = sheet.getRow(HEADER_ROW);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT_NAME, size: 11, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  header.height = 22;

  for (const [index, row] of rows.entries()) {
    const added = sheet.addRow(columns.map((c) => c.value(row, index) ?? ''));
    columns.forEach((c, i) => {
      const cell = added.getCell(i + 1);
      cell.font = { name: FONT_NAME, size: 10 };
      cell.border = BORDER;
      cell.alignment = { vertical: 'middle', wrapText: c.wrap ?? false };
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
