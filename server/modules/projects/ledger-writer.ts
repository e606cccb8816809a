/**
 * Writes project ledgers (项目台账) and the import template in the layout county offices use
 * and `parseLedger` reads: a merged title, 「单位：万元」, one header row, optional section rows
 * 「一、农业（N个）」, the projects and a 合计 row.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import Decimal from 'decimal.js';
import { sumWan } from '../../../common/amounts';
import { LEDGER_COLUMNS, type LedgerColumn } from '../../../common/ledger-columns';
import { SECTORS, SECTOR_LABELS, CONSTRUCTION_NATURE_LABELS, MATURITY_LABELS, STAGE_LABELS } from '../../../common/projects';
import { columnLetter } from './ledger-parser';

export interface WriteLedgerOptions {
  title: string;
  unit?: '万元';
  /** Group projects by `values.sector` under 「一、农业（N个）」 rows; numbering restarts per group. */
  sections?: boolean;
  /** Ledger keys to write, in ledger order; all columns when omitted. */
  columns?: string[];
}

const FONT = '宋体';
const CN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const THIN = { style: 'thin' as const };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const WRAP_KEYS = new Set(['name', 'ownerUnit', 'park', 'scale', 'remarks', 'tags']);
const UNGROUPED = '其他';

/**
 * Widths in Excel character units; a Chinese character takes about two. Kept as narrow as
 * their content allows (long texts wrap): a printout fits every column to one page's width,
 * so each unit saved makes the print larger.
 */
const WIDTH_BY_KEY: Record<string, number> = { seq: 6, name: 30, ownerUnit: 24, department: 16, scale: 36, remarks: 20, code: 26, reserveNo: 20, township: 14, tags: 16 };

function widthOf(column: LedgerColumn): number {
  const fixed = WIDTH_BY_KEY[column.key];
  if (fixed) return fixed;
  // 「123,456.1234」 万元 (12 characters) fits; a date is 「2024-03-01」.
  if (column.kind === 'amount') return 13;
  if (column.kind === 'date') return 11;
  return Math.min(20, Math.max(10, column.header.length * 2 + 2));
}

function chineseNumeral(n: number): string {
  if (n <= 10) return CN_NUMERALS[n - 1];
  if (n < 20) return `十${CN_NUMERALS[n - 11]}`;
  return String(n);
}

function pickColumns(keys?: string[]): LedgerColumn[] {
  if (!keys) return [...LEDGER_COLUMNS];
  const wanted = new Set(keys);
  return LEDGER_COLUMNS.filter((c) => wanted.has(c.key));
}

/** An exact 万元 string as an Excel number with a format showing exactly its decimals. */
function amountCell(cell: ExcelJS.Cell, wan: string): void {
  const d = new Decimal(wan);
  cell.value = d.toNumber();
  const decimals = d.decimalPlaces();
  cell.numFmt = decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
  cell.alignment = { horizontal: 'right', vertical: 'middle' };
}

function dateCell(cell: ExcelJS.Cell, iso: string): void {
  const [y, m, d] = iso.split('-').map(Number);
  cell.value = new Date(Date.UTC(y, m - 1, d));
  cell.numFmt = 'yyyy-mm-dd';
  cell.alignment = { horizontal: 'center', vertical: 'middle' };
}

function writeValue(cell: ExcelJS.Cell, column: LedgerColumn, value: string | null | undefined): void {
  if (value === null || value === undefined || value === '') return;
  if (column.kind === 'amount') return amountCell(cell, value);
  if (column.kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return dateCell(cell, value);
  if ((column.kind === 'decimal' || column.kind === 'integer') && /^-?\d+(\.\d+)?$/.test(value)) {
    cell.value = Number(value);
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
    return;
  }
  cell.value = value;
  cell.alignment = { vertical: 'middle', wrapText: WRAP_KEYS.has(column.key) };
}

/**
 * How a ledger prints: A3 landscape (paper size 8), all columns fitted to the page width and
 * as many pages down as the rows need, the column header repeated on every page (set per
 * sheet), margins in inches (1.5 cm at the sides, 2 cm top and bottom).
 */
const PRINT_SETUP: Partial<ExcelJS.PageSetup> = {
  paperSize: 8 as ExcelJS.PaperSize,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  margins: { left: 0.6, right: 0.6, top: 0.8, bottom: 0.8, header: 0.3, footer: 0.3 },
};

interface SheetLayout {
  sheet: ExcelJS.Worksheet;
  columns: LedgerColumn[];
  headerRow: number;
  /** Rows are added by number and committed at once, so the streaming writer can flush them. */
  nextRow: number;
}

function nextRow(layout: SheetLayout): ExcelJS.Row {
  return layout.sheet.getRow(layout.nextRow++);
}

function startSheet(workbook: ExcelJS.Workbook, name: string, title: string, columns: LedgerColumn[]): SheetLayout {
  const headerRow = 3;
  const nameIndex = columns.findIndex((c) => c.key === 'name');
  // Views and print setup go in at creation: the streaming writer takes them only there.
  const sheet = workbook.addWorksheet(name, {
    properties: { defaultRowHeight: 20 },
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: nameIndex >= 0 ? nameIndex + 1 : 0 }],
    pageSetup: { ...PRINT_SETUP, printTitlesRow: `${headerRow}:${headerRow}` },
    headerFooter: { oddFooter: `&L&"${FONT}"&9${title.replace(/&/g, '&&')}&C&"${FONT}"&9第 &P 页，共 &N 页` },
  });
  sheet.columns = columns.map((c) => ({ key: c.key, width: widthOf(c), style: { font: { name: FONT, size: 10 } } }));
  const last = columns.length;

  const titleRow = sheet.getRow(1);
  const titleCell = titleRow.getCell(1);
  titleCell.value = title;
  titleCell.font = { name: FONT, size: 16, bold: true };
  titleCell.alignment = { horizontal: 'center', vertical: 'middle' };
  titleRow.height = 32;
  if (last > 1) sheet.mergeCells(1, 1, 1, last);
  titleRow.commit();

  const unitRow = sheet.getRow(2);
  const unitCell = unitRow.getCell(1);
  unitCell.value = '单位：万元';
  unitCell.font = { name: FONT, size: 10 };
  unitCell.alignment = { horizontal: 'right', vertical: 'middle' };
  if (last > 1) sheet.mergeCells(2, 1, 2, last);
  unitRow.commit();

  const header = sheet.getRow(headerRow);
  columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = column.header;
    cell.font = { name: FONT, size: 10, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  });
  header.height = 36;
  header.commit();
  return { sheet, columns, headerRow, nextRow: headerRow + 1 };
}

/** Prints the title down to the last row written (set before the workbook is committed: it is a name of the workbook). */
function setPrintArea(layout: SheetLayout): void {
  // Rows fixed with `$`: exceljs fixes only the columns of what it is given.
  layout.sheet.pageSetup.printArea = `A$1:${columnLetter(layout.columns.length)}$${layout.nextRow - 1}`;
}

function borderRow(row: ExcelJS.Row, count: number): void {
  for (let c = 1; c <= count; c++) row.getCell(c).border = BORDER;
}

function addDataRow(layout: SheetLayout, values: Record<string, string | null>, seq: number): ExcelJS.Row {
  const row = nextRow(layout);
  layout.columns.forEach((column, i) => {
    const cell = row.getCell(i + 1);
    if (column.key === 'seq') writeValue(cell, column, String(seq));
    else writeValue(cell, column, values[column.key]);
  });
  borderRow(row, layout.columns.length);
  return row;
}

function addBandRow(layout: SheetLayout, text: string, sums?: Record<string, string>): ExcelJS.Row {
  const row = nextRow(layout);
  const { columns } = layout;
  // The label spans the columns before the first amount, so it never hides a figure.
  const firstAmount = columns.findIndex((c) => c.kind === 'amount');
  const span = sums && firstAmount > 0 ? firstAmount : columns.length;
  if (span > 1) layout.sheet.mergeCells(row.number, 1, row.number, span);
  const label = row.getCell(1);
  label.value = text;
  label.font = { name: FONT, size: 10, bold: true };
  label.alignment = { horizontal: sums ? 'center' : 'left', vertical: 'middle' };
  if (sums) {
    columns.forEach((column, i) => {
      if (column.kind !== 'amount' || sums[column.key] === undefined) return;
      const cell = row.getCell(i + 1);
      amountCell(cell, sums[column.key]);
      cell.font = { name: FONT, size: 10, bold: true };
    });
  }
  borderRow(row, columns.length);
  return row;
}

function groupBySector(records: Array<Record<string, string | null>>): Array<{ label: string; records: Array<Record<string, string | null>> }> {
  const order = [...SECTORS.map((s) => SECTOR_LABELS[s])];
  const groups = new Map<string, Array<Record<string, string | null>>>();
  for (const record of records) {
    const label = record.sector && record.sector.trim() ? record.sector.trim() : UNGROUPED;
    if (!order.includes(label)) order.push(label);
    const list = groups.get(label) ?? [];
    list.push(record);
    groups.set(label, list);
  }
  // 其他 (no sector) goes last.
  const ordered = order.filter((l) => l !== UNGROUPED && groups.has(l));
  if (groups.has(UNGROUPED)) ordered.push(UNGROUPED);
  return ordered.map((label) => ({ label, records: groups.get(label)! }));
}

/** Writes records (values by ledger key, amounts in 万元) as a ledger workbook. */
export async function writeLedger(records: Array<Record<string, string | null>>, options: WriteLedgerOptions): Promise<Buffer> {
  // Streamed: rows are written out as they are committed, so a province-wide export does
  // not hold every styled cell in memory at once.
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  workbook.creator = 'Groundwork';
  const layout = startSheet(workbook, '项目台账', options.title, pickColumns(options.columns));
  if (options.sections) {
    groupBySector(records).forEach((group, i) => {
      addBandRow(layout, `${chineseNumeral(i + 1)}、${group.label}（${group.records.length}个）`).commit();
      group.records.forEach((record, j) => addDataRow(layout, record, j + 1).commit());
    });
  } else {
    records.forEach((record, i) => addDataRow(layout, record, i + 1).commit());
  }
  const sums: Record<string, string> = {};
  for (const column of layout.columns) {
    if (column.kind === 'amount') sums[column.key] = sumWan(records.map((r) => r[column.key]));
  }
  addBandRow(layout, `合计（${records.length}个）`, sums).commit();
  setPrintArea(layout);
  layout.sheet.commit();
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}

const EXAMPLE: Record<string, string> = {
  code: '2404-620000-04-01-123456',
  name: '河西县现代农业产业园建设项目',
  ownerUnit: '河西县农业投资发展有限公司',
  department: '县农业农村局',
  sector: '农业',
  industry: 'A01 农业',
  township: '城关镇',
  park: '现代农业产业园',
  nature: '新建',
  scale: '新建日光温室200座；配套灌溉管网12公里',
  totalInvestment: '12000',
  fundCentral: '2000',
  fundProvincial: '1000',
  fundCounty: '500',
  fundSelfRaised: '8500',
  plannedStart: '2024-03-01',
  plannedCompletion: '2025-12-31',
  stage: '前期',
  maturity: '具备开工条件',
  annualPlan: '5000',
  leader: '张三',
  tags: '乡村振兴、专项建设债券',
  longitude: '103.8343',
  latitude: '36.0611',
  remarks: '示例行，填写时请删除',
};

const FORMAT_BY_KIND: Record<LedgerColumn['kind'], string> = {
  text: '文本',
  amount: '数字，单位万元，最多四位小数（精确到元）；可写 12000、12,000、1.2亿、3500万元；不能为负数',
  date: '日期，如 2024-03-01、2024/3/1、2024.3、2024年3月、2025年底、2025年三季度；只写到月或年时，开工取首日、竣工取末日',
  integer: '整数',
  decimal: '小数，如 103.8343',
  list: '多个用顿号“、”分隔',
};

const CHOICES: Record<string, readonly string[]> = {
  sector: SECTORS.map((s) => SECTOR_LABELS[s]),
  nature: Object.values(CONSTRUCTION_NATURE_LABELS),
  maturity: Object.values(MATURITY_LABELS),
  stage: Object.values(STAGE_LABELS),
};

const NOTES = [
  '1. 请保留表头行，可在表头上方加标题和“单位：万元”；金额单位以表头括号内单位为准，其次为“单位：”说明行，默认万元。',
  '2. 带“必填”的列每个项目都要填写；项目代码留空的项目作为储备项目，由系统生成储备编号。',
  '3. 可用“一、农业项目”这样的分类行分组，没有产业类别列时按分类行确定产业类别。',
  '4. “合计”行不会导入，但会与明细之和核对；不一致时导入会提示。',
  '5. 任一单元格有误时整份台账都不会导入，请按提示的行号和列号修改后重新上传。',
];

/** The import template: header, one example row, and a 「填表说明」 sheet. */
export async function writeTemplate(options: { title?: string; columns?: string[] } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Groundwork';
  const layout = startSheet(workbook, '项目台账', options.title ?? '项目台账', pickColumns(options.columns));
  const exampleRow = addDataRow(layout, EXAMPLE, 1);
  exampleRow.eachCell((cell) => {
    cell.font = { name: FONT, size: 10, italic: true, color: { argb: 'FF808080' } };
  });
  setPrintArea(layout);
  // Drop-down lists for the columns with code lists.
  const validations = (layout.sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  layout.columns.forEach((column, i) => {
    const choices = CHOICES[column.key];
    if (!choices) return;
    const letter = layout.sheet.getColumn(i + 1).letter;
    validations.add(`${letter}${layout.headerRow + 1}:${letter}2000`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${choices.join(',')}"`],
      showErrorMessage: false,
    });
  });

  const guide = workbook.addWorksheet('填表说明');
  guide.columns = [
    { width: 22, style: { font: { name: FONT, size: 10 } } },
    { width: 8, style: { font: { name: FONT, size: 10 } } },
    { width: 60, style: { font: { name: FONT, size: 10 } } },
    { width: 40, style: { font: { name: FONT, size: 10 } } },
  ];
  guide.mergeCells(1, 1, 1, 4);
  const title = guide.getCell(1, 1);
  title.value = '填表说明';
  title.font = { name: FONT, size: 14, bold: true };
  title.alignment = { horizontal: 'center' };
  for (const note of NOTES) {
    const row = guide.addRow([note]);
    guide.mergeCells(row.number, 1, row.number, 4);
    row.getCell(1).alignment = { wrapText: true, vertical: 'middle' };
    row.height = 30;
  }
  guide.addRow([]);
  const head = guide.addRow(['列', '必填', '填写要求', '也可识别的表头写法']);
  head.eachCell((cell) => {
    cell.font = { name: FONT, size: 10, bold: true };
    cell.border = BORDER;
  });
  for (const column of layout.columns) {
    const choices = CHOICES[column.key];
    const format = choices ? `${FORMAT_BY_KIND[column.kind]}；可选：${choices.join('、')}` : FORMAT_BY_KIND[column.kind];
    const row = guide.addRow([column.header, column.required ? '必填' : '', format, column.aliases.join('、')]);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = BORDER;
      cell.alignment = { wrapText: true, vertical: 'middle' };
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
