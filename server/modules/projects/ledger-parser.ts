/**
 * Reads project ledgers (项目台账, .xlsx) the way county offices keep them: titles and a
 * 「单位：元」 note above the header, two-row merged headers, section rows, merged cells over
 * several projects, a 合计 row, Chinese amounts and dates. Pure: a buffer in, values and
 * problems out; the import on top decides what to store.
 */
import ExcelJS from 'exceljs';
import { formatWan, parseAmountWan, sumWan, compareWan, toHalfWidth } from '../../../common/amounts';
import { parseLedgerDate } from '../../../common/cn-dates';
import { LEDGER_COLUMNS, type LedgerColumn } from '../../../common/ledger-columns';
import { SECTOR_LABELS } from '../../../common/projects';

export type LedgerUnit = '万元' | '元' | '亿元';

export interface LedgerProblem {
  sheet: string;
  row: number;
  /** Excel column letter, e.g. 'E'. */
  column?: string;
  /** Ledger key, e.g. 'totalInvestment'. */
  field?: string;
  /** Self-contained Chinese message, e.g. 「第 12 行 N 列（总投资）：无法识别的金额：待定」. */
  message: string;
}

export interface LedgerRecord {
  sheet: string;
  row: number;
  section: string | null;
  /** By ledger key: text trimmed; amounts as 万元 decimal strings; dates 'YYYY-MM-DD'; lists '、'-joined. */
  values: Record<string, string | null>;
  /** The cell text as found, by ledger key (non-empty cells only). */
  raw: Record<string, string>;
}

export interface LedgerSheetResult {
  name: string;
  headerRows: number[];
  /** Unit of amount columns whose header names none (from the 「单位：…」 note or the default). */
  unit: LedgerUnit;
  columns: { key: string; header: string; column: string }[];
  totalRow?: { row: number; declared: Record<string, string>; computed: Record<string, string>; matches: boolean };
}

export interface LedgerParseResult {
  sheets: LedgerSheetResult[];
  records: LedgerRecord[];
  problems: LedgerProblem[];
}

export interface ParseLedgerOptions {
  /** Unit of amounts when neither the header nor a 「单位：…」 note names one; 万元 by default. */
  defaultUnit?: '万元' | '元';
}

/** The header is looked for in the first rows only; below them a sheet is data. */
const HEADER_SCAN_ROWS = 30;
/** A row is a header when it names at least this many distinct ledger columns. */
const MIN_HEADER_KEYS = 3;
const REQUIRED_KEYS = LEDGER_COLUMNS.filter((c) => c.required).map((c) => c.key);
const COLUMN_BY_KEY = new Map(LEDGER_COLUMNS.map((c) => [c.key, c]));
/** Multi-line cells in these columns keep their lines, separated by '；'. */
const MULTILINE_KEYS = new Set(['scale', 'remarks']);
const START_DATE_KEYS = new Set(['plannedStart', 'actualStart']);

type Scalar = string | number | boolean | Date | null;

// ---------------------------------------------------------------------------------------
// Header text → ledger key

interface NormalizedHeader {
  name: string;
  unit: LedgerUnit | null;
}

const UNIT_IN_BRACKETS = /\((?:单位[:：]?)?(亿元|万元|元)\)/;

function normalizeHeader(text: string): NormalizedHeader {
  let t = toHalfWidth(text).replace(/\s+/g, '');
  let unit: LedgerUnit | null = null;
  const bracketed = UNIT_IN_BRACKETS.exec(t);
  if (bracketed) {
    unit = bracketed[1] as LedgerUnit;
    t = t.replace(new RegExp(UNIT_IN_BRACKETS.source, 'g'), '');
  } else {
    const trailing = /(亿元|万元)$/.exec(t);
    if (trailing && t.length > trailing[1].length) {
      unit = trailing[1] as LedgerUnit;
      t = t.slice(0, trailing.index);
    }
  }
  t = t.replace(/[*＊★☆]/g, '').replace(/^其中[:：]?/, '').replace(/[:：]$/, '');
  return { name: t, unit };
}

function withoutBrackets(name: string): string {
  return name.replace(/\([^)]*\)/g, '');
}

const EXACT_HEADERS = new Map<string, string>();
const LOOSE_HEADERS = new Map<string, string>();
for (const column of LEDGER_COLUMNS) {
  for (const text of [column.header, ...column.aliases]) {
    const { name } = normalizeHeader(text);
    if (!EXACT_HEADERS.has(name)) EXACT_HEADERS.set(name, column.key);
    const loose = withoutBrackets(name);
    if (!LOOSE_HEADERS.has(loose)) LOOSE_HEADERS.set(loose, column.key);
  }
}

function matchHeader(text: string): string | null {
  if (!text) return null;
  const { name } = normalizeHeader(text);
  return EXACT_HEADERS.get(name) ?? LOOSE_HEADERS.get(withoutBrackets(name)) ?? null;
}

/** The short Chinese label of a column for messages: 「总投资」 rather than 「总投资（万元）」. */
function labelOf(key: string): string {
  const column = COLUMN_BY_KEY.get(key);
  return column ? column.header.replace(/[（(](?:亿元|万元|元)[）)]/g, '') : key;
}

/**
 * Texts to try, in order, for a column under a two-row header: the parent and child
 * together (「实际」+「开工时间」), the parent without its group word (「计划工期」+「开工」),
 * the child alone, the child completed (「中央」+「资金」), and finally the parent alone
 * (「总投资」 over 「合计」).
 */
function headerCandidates(top: string, bottom: string): string[] {
  if (!bottom || top === bottom) return [top];
  if (!top) return [bottom];
  const parent = normalizeHeader(top).name;
  const child = normalizeHeader(bottom).name;
  const parentStem = parent.replace(/(工期|时间|日期|资金来源|来源|资金|投资)$/, '');
  return [parent + child, parentStem + child, child, `${child}时间`, `${child}资金`, parent];
}

// ---------------------------------------------------------------------------------------
// Cells

function scalarOf(value: ExcelJS.CellValue | undefined): Scalar {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value !== 'object') return null;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return scalarOf((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in value) return scalarOf((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  return null;
}

function isoDay(date: Date): string {
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}

function textOf(value: Scalar): string {
  if (value === null) return '';
  if (value instanceof Date) return isoDay(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value).trim();
}

/** Column number → Excel letters: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/** A formula saved without its cached result (some generators do that): we cannot compute it. */
function isUncalculatedFormula(row: ExcelJS.Row, col: number): boolean {
  const value = row.findCell(col)?.value;
  return typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value) && (value as ExcelJS.CellFormulaValue).result === undefined;
}

function cellScalar(row: ExcelJS.Row | undefined, col: number): Scalar {
  // A merged cell answers with its master's value, so one 建设单位 merged down over three
  // projects reads as that unit on each of the three rows.
  return scalarOf(row?.findCell(col)?.value);
}

// ---------------------------------------------------------------------------------------
// Sections and special rows

const CN_NUMERAL = '[一二三四五六七八九十百零〇]+';
const SECTION_LEVEL1 = new RegExp(`^${CN_NUMERAL}[、.．]`);
const SECTION_LEVEL2 = new RegExp(`^[(（]${CN_NUMERAL}[)）][、.．]?`);
const SECTION_PART = new RegExp(`^第${CN_NUMERAL}(?:部分|类|篇)[、.．:：]?`);
const SECTION_COUNT = /[(（]\s*(?:共\s*)?\d+\s*(?:个|项)(?:项目)?\s*[)）]\s*$/;
const TOTAL_ROW = /^(?:全县|全部|项目)?(?:总合计|合计|总计|共计)/;
const SUBTOTAL_ROW = /^小计/;
const BARE_NUMERAL = new RegExp(`^(?:${CN_NUMERAL}|\\(${CN_NUMERAL}\\))$`);

/** Half-width, without any whitespace: how row texts are compared. */
function compact(text: string): string {
  return toHalfWidth(text).replace(/\s+/g, '');
}
const FOOTER_ROW = /^(?:注|说明|备注|填报|制表|审核|负责人|联系人|联系电话)/;

function sectionLevel(text: string): 1 | 2 | null {
  if (SECTION_LEVEL1.test(text) || SECTION_PART.test(text)) return 1;
  if (SECTION_LEVEL2.test(text)) return 2;
  return null;
}

function sectionLabel(text: string): string {
  return text
    .replace(SECTION_LEVEL1, '')
    .replace(SECTION_LEVEL2, '')
    .replace(SECTION_PART, '')
    .replace(SECTION_COUNT, '')
    .trim();
}

/** 「一、农业项目（107个）」 → 农业; 「（三）城建项目」 → 基础设施; unknown → null. */
export function sectorFromSection(label: string): string | null {
  const t = label.replace(/\s+/g, '');
  if (/基础设施|城建|城镇建设|城市建设/.test(t)) return SECTOR_LABELS.infrastructure;
  if (/民生|社会事业/.test(t)) return SECTOR_LABELS.social;
  if (/服务业|三产|第三产业/.test(t)) return SECTOR_LABELS.services;
  if (/工业/.test(t)) return SECTOR_LABELS.industry;
  if (/农业|农林|种植|养殖/.test(t)) return SECTOR_LABELS.agriculture;
  return null;
}

// ---------------------------------------------------------------------------------------
// Values

const PLACEHOLDER = /^[-—－–/／\\]+$/;

function cleanText(key: string, text: string): string | null {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  let out: string;
  if (MULTILINE_KEYS.has(key)) {
    out = '';
    for (const line of lines) out += out === '' || /[；;。，,、：:]$/.test(out) ? line : `；${line}`;
  } else {
    // A long name wrapped by hand is still one name.
    out = lines.join('');
  }
  return out === '' || PLACEHOLDER.test(out) ? null : out;
}

type ValueResult = { ok: true; value: string | null } | { ok: false; message: string };

function convertValue(column: LedgerColumn, value: Scalar, text: string, unit: LedgerUnit): ValueResult {
  if (column.kind === 'text' || column.kind === 'integer') {
    return { ok: true, value: cleanText(column.key, text) };
  }
  if (column.kind === 'list') {
    const items = toHalfWidth(text)
      .split(/[、,;/\n\s]+/)
      .map((s) => s.trim())
      .filter((s) => s && !PLACEHOLDER.test(s));
    return { ok: true, value: items.length ? items.join('、') : null };
  }
  if (column.kind === 'amount') {
    if (typeof value === 'string' && (PLACEHOLDER.test(value.trim()) || value.trim() === '无')) return { ok: true, value: null };
    if (value instanceof Date || typeof value === 'boolean') return { ok: false, message: `无法识别的金额：${text}` };
    const parsed = parseAmountWan(typeof value === 'number' ? value : text, unit);
    return parsed.ok ? { ok: true, value: parsed.wan } : parsed;
  }
  if (column.kind === 'date') {
    if (typeof value === 'string' && PLACEHOLDER.test(value.trim())) return { ok: true, value: null };
    if (typeof value === 'boolean' || value === null) return { ok: false, message: `无法识别的日期：${text}` };
    const parsed = parseLedgerDate(value, START_DATE_KEYS.has(column.key) ? 'start' : 'end');
    return parsed.ok ? { ok: true, value: parsed.date } : parsed;
  }
  // decimal: coordinates
  const compact = toHalfWidth(text).replace(/\s+/g, '');
  if (PLACEHOLDER.test(compact)) return { ok: true, value: null };
  if (!/^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(compact)) return { ok: false, message: `无法识别的数值：${text}` };
  const n = Number(compact);
  const limit = column.key === 'latitude' ? 90 : column.key === 'longitude' ? 180 : Infinity;
  if (Math.abs(n) > limit) return { ok: false, message: `${column.header}超出范围：${text}` };
  return { ok: true, value: compact.replace(/^\+/, '') };
}

// ---------------------------------------------------------------------------------------
// Header detection

interface HeaderLayout {
  rows: number[];
  /** Column number → key; each key at most once. */
  columns: { col: number; key: string; header: string; unit: LedgerUnit | null }[];
}

function readRowTexts(sheet: ExcelJS.Worksheet, rowNumber: number, width: number): string[] {
  const row = sheet.findRow(rowNumber);
  const texts: string[] = [''];
  for (let c = 1; c <= width; c++) texts.push(textOf(cellScalar(row, c)).replace(/\s+/g, ' '));
  return texts;
}

function keysOfRow(texts: string[]): Set<string> {
  const keys = new Set<string>();
  for (let c = 1; c < texts.length; c++) {
    const key = matchHeader(texts[c]);
    if (key) keys.add(key);
  }
  return keys;
}

function resolveColumns(top: string[], bottom: string[] | null): HeaderLayout['columns'] {
  const taken = new Set<string>();
  const columns: HeaderLayout['columns'] = [];
  for (let c = 1; c < top.length; c++) {
    const upper = top[c];
    const lower = bottom ? bottom[c] : '';
    for (const candidate of headerCandidates(upper, lower)) {
      const key = matchHeader(candidate);
      if (key && !taken.has(key)) {
        taken.add(key);
        const header = !lower || lower === upper ? upper : !upper ? lower : `${upper}/${lower}`;
        // A unit on the child wins over one on the parent (「资金来源（万元）」 over 「中央」).
        const unit = (lower && lower !== upper ? normalizeHeader(lower).unit : null) ?? normalizeHeader(upper).unit;
        columns.push({ col: c, key, header, unit });
        break;
      }
    }
  }
  return columns;
}

function hasParentChild(top: string[], bottom: string[]): boolean {
  for (let c = 1; c < top.length; c++) if (top[c] && bottom[c] && top[c] !== bottom[c]) return true;
  return false;
}

function findHeader(sheet: ExcelJS.Worksheet, width: number): HeaderLayout | null {
  const last = Math.min(sheet.rowCount, HEADER_SCAN_ROWS);
  const texts: string[][] = [];
  const keyCounts: number[] = [];
  let best = 0;
  for (let r = 1; r <= last; r++) {
    texts[r] = readRowTexts(sheet, r, width);
    keyCounts[r] = keysOfRow(texts[r]).size;
    if (keyCounts[r] > (keyCounts[best] ?? 0)) best = r;
  }
  if (best === 0 || keyCounts[best] < MIN_HEADER_KEYS) return null;

  // Two-row headers. When the parents are merged down over their rows, the best single row
  // is the child row (merged cells read the same in both rows) and the pair above it needs
  // only to match as many columns. When the best row is the parent, the row below must add
  // columns, or it is simply the first project. A title row names no column itself and is
  // never taken for a parent.
  let layout: HeaderLayout = { rows: [best], columns: resolveColumns(texts[best], null) };
  for (const top of [best - 1, best]) {
    const bottom = top + 1;
    if (top < 1 || bottom > last || keyCounts[top] < 2) continue;
    if (!hasParentChild(texts[top], texts[bottom])) continue;
    const columns = resolveColumns(texts[top], texts[bottom]);
    const isBetter = top === best ? columns.length > layout.columns.length : columns.length >= layout.columns.length;
    if (isBetter) layout = { rows: [top, bottom], columns };
  }
  return layout;
}

function findSheetUnit(sheet: ExcelJS.Worksheet, beforeRow: number, width: number): LedgerUnit | null {
  for (let r = 1; r < beforeRow; r++) {
    for (const text of readRowTexts(sheet, r, width)) {
      const m = /单位[:：]\s*(亿元|万元|元)/.exec(toHalfWidth(text).replace(/\s+/g, ''));
      if (m) return m[1] as LedgerUnit;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Sheet

interface SheetOutput {
  info: LedgerSheetResult;
  records: LedgerRecord[];
  problems: LedgerProblem[];
}

function parseSheet(sheet: ExcelJS.Worksheet, options: ParseLedgerOptions): SheetOutput | null {
  const width = sheet.columnCount;
  const header = findHeader(sheet, width);
  if (!header) return null;
  const name = sheet.name;
  const problems: LedgerProblem[] = [];
  const records: LedgerRecord[] = [];
  const headerTop = header.rows[0];
  const headerEnd = header.rows[header.rows.length - 1];
  const sheetUnit = findSheetUnit(sheet, headerTop, width) ?? options.defaultUnit ?? '万元';

  const mapped = header.columns.map((c) => ({ ...c, def: COLUMN_BY_KEY.get(c.key)!, letter: columnLetter(c.col), unit: c.unit ?? sheetUnit }));
  const present = new Set(mapped.map((c) => c.key));
  for (const key of REQUIRED_KEYS) {
    if (!present.has(key)) {
      problems.push({ sheet: name, row: headerTop, field: key, message: `工作表“${name}”缺少必填列：${labelOf(key)}` });
    }
  }
  const nameColumn = mapped.find((c) => c.key === 'name');
  const ownerColumn = mapped.find((c) => c.key === 'ownerUnit');
  const amountColumns = mapped.filter((c) => c.def.kind === 'amount');

  const cellProblem = (row: number, column: (typeof mapped)[number], message: string): LedgerProblem => ({
    sheet: name,
    row,
    column: column.letter,
    field: column.key,
    message: `第 ${row} 行 ${column.letter} 列（${labelOf(column.key)}）：${message}`,
  });

  let level1: string | null = null;
  let level2: string | null = null;
  const badAmountKeys = new Set<string>();
  const totalRows: { row: number; declared: Record<string, string> }[] = [];

  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber <= headerEnd) return;
    let first = '';
    let firstCol = 0;
    let second = '';
    const distinct = new Set<string>();
    for (let c = 1; c <= width; c++) {
      const text = textOf(cellScalar(row, c));
      if (!text) continue;
      if (!first) {
        first = compact(text);
        firstCol = c;
      } else if (!second && compact(text) !== first) {
        second = compact(text);
      }
      distinct.add(text);
    }
    if (!first) return;

    if (TOTAL_ROW.test(first)) {
      const declared: Record<string, string> = {};
      for (const column of amountColumns) {
        if (column.col === firstCol) continue;
        const value = cellScalar(row, column.col);
        const text = textOf(value);
        if (!text || compact(text) === first) continue;
        const converted = convertValue(column.def, value, text, column.unit);
        if (!converted.ok) problems.push(cellProblem(rowNumber, column, converted.message));
        else if (converted.value !== null) declared[column.key] = converted.value;
      }
      totalRows.push({ row: rowNumber, declared });
      return;
    }
    if (SUBTOTAL_ROW.test(first)) return;

    const nameText = nameColumn ? compact(textOf(cellScalar(row, nameColumn.col))) : '';
    let level = sectionLevel(first);
    let heading = first;
    if (BARE_NUMERAL.test(first) && second) {
      // 「一 | 农业项目（107个）」: the numeral in 序号, the heading in 项目名称.
      level = first.startsWith('(') ? 2 : 1;
      heading = second;
    }
    const nameIsHeading = !nameText || nameText === heading;
    // 「农业项目（107个）」 without a numeral: a heading when nothing else but subtotals is on the row.
    const ownerText = ownerColumn ? textOf(cellScalar(row, ownerColumn.col)) : '';
    const countedHeading = SECTION_COUNT.test(heading) && nameIsHeading && !ownerText;
    if ((level && nameIsHeading) || (countedHeading && !level)) {
      const label = sectionLabel(heading);
      if (level === 2) level2 = label;
      else {
        level1 = label;
        level2 = null;
      }
      return;
    }
    if (distinct.size === 1) {
      // One text across the whole row: a merged note (「注：…」, 「填报人：…」) or a footer.
      const nameCell = nameColumn ? row.findCell(nameColumn.col) : undefined;
      const mergedAcross = nameCell?.isMerged && nameCell.master.col !== nameCell.col;
      if (mergedAcross || FOOTER_ROW.test(first)) return;
    }

    const values: Record<string, string | null> = {};
    const raw: Record<string, string> = {};
    const failed = new Set<string>();
    let hasContent = false;
    for (const column of mapped) {
      const value = cellScalar(row, column.col);
      const text = textOf(value);
      if (text) {
        raw[column.key] = text;
        if (column.key !== 'seq') hasContent = true;
      }
      if (!text) {
        values[column.key] = null;
        if (isUncalculatedFormula(row, column.col)) {
          failed.add(column.key);
          if (column.def.kind === 'amount') badAmountKeys.add(column.key);
          problems.push(cellProblem(rowNumber, column, '公式没有计算结果，请在 Excel 中打开并保存后再导入'));
        }
        continue;
      }
      const converted = convertValue(column.def, value, text, column.unit);
      if (converted.ok) values[column.key] = converted.value;
      else {
        values[column.key] = null;
        failed.add(column.key);
        if (column.def.kind === 'amount') badAmountKeys.add(column.key);
        problems.push(cellProblem(rowNumber, column, converted.message));
      }
    }
    // Pre-numbered empty template rows: only 序号 filled.
    if (!hasContent) return;
    const section = level2 ?? level1;
    // Without a 产业类别 column (or with it left blank) the section a project sits under says it.
    if (!values.sector) {
      const fromSection = (level2 && sectorFromSection(level2)) || (level1 && sectorFromSection(level1)) || null;
      if (fromSection) values.sector = fromSection;
    }
    for (const key of REQUIRED_KEYS) {
      const column = mapped.find((c) => c.key === key);
      if (column && values[key] === null && !failed.has(key)) {
        problems.push(cellProblem(rowNumber, column, `${labelOf(key)}不能为空`));
      }
    }
    records.push({ sheet: name, row: rowNumber, section, values, raw });
  });

  const info: LedgerSheetResult = {
    name,
    headerRows: header.rows,
    unit: sheetUnit,
    columns: mapped.map((c) => ({ key: c.key, header: c.header, column: c.letter })),
  };
  if (totalRows.length > 0) {
    const computed: Record<string, string> = {};
    for (const column of amountColumns) computed[column.key] = sumWan(records.map((r) => r.values[column.key]));
    for (const total of totalRows) {
      let matches = true;
      for (const column of amountColumns) {
        const declared = total.declared[column.key];
        if (declared === undefined || badAmountKeys.has(column.key)) continue;
        if (compareWan(declared, computed[column.key]) !== 0) {
          matches = false;
          const label = labelOf(column.key);
          problems.push(
            cellProblem(total.row, column, `合计行${label} ${formatWan(declared)} 万元与明细之和 ${formatWan(computed[column.key])} 万元不符`),
          );
        }
      }
      info.totalRow = { row: total.row, declared: total.declared, computed, matches };
    }
  }
  return { info, records, problems };
}

/** Parses every sheet of a ledger workbook that has a recognisable header. */
export async function parseLedger(buffer: Buffer | ArrayBuffer, options: ParseLedgerOptions = {}): Promise<LedgerParseResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    const data = Buffer.isBuffer(buffer) ? buffer : Buffer.from(buffer);
    await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    return { sheets: [], records: [], problems: [{ sheet: '', row: 0, message: '无法读取文件：请上传 Excel 2007 及以上版本的 .xlsx 文件' }] };
  }
  const result: LedgerParseResult = { sheets: [], records: [], problems: [] };
  for (const sheet of workbook.worksheets) {
    const parsed = parseSheet(sheet, options);
    if (!parsed) continue;
    result.sheets.push(parsed.info);
    for (const record of parsed.records) result.records.push(record);
    for (const problem of parsed.problems) result.problems.push(problem);
  }
  if (result.sheets.length === 0) {
    result.problems.push({ sheet: '', row: 0, message: '未找到项目台账表头：表头应包含“项目名称”“建设单位”“总投资”等列' });
  }
  return result;
}
