/**
 * Dates as county ledgers write them: Excel dates and serial numbers, `2024.3`, `2024年3月`,
 * `2025年底`, `2025年三季度` … An imprecise date becomes the first day of its period when it
 * is a start and the last day when it is an end, and says how precise it was.
 */
import { toHalfWidth } from './amounts';

export type DateRole = 'start' | 'end';
export type DatePrecision = 'day' | 'month' | 'year';
export type LedgerDateResult =
  | { ok: true; date: string; precision: DatePrecision }
  | { ok: false; message: string };

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
// Excel serial of 9999-12-31, the largest date Excel knows.
const MAX_SERIAL = 2_958_465;
const MS_PER_DAY = 86_400_000;
// Serial 0 is 1899-12-31 only on paper; because Excel counts 1900-02-29 (serial 60), every
// serial after 59 is one day ahead of the real calendar, so day 1 effectively is 1899-12-30.
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 上: 1, 下: 2 };

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function ok(date: string, precision: DatePrecision): LedgerDateResult {
  return { ok: true, date, precision };
}

function fail(message: string): LedgerDateResult {
  return { ok: false, message };
}

function checkYear(year: number, shown: string): LedgerDateResult | null {
  return year < MIN_YEAR || year > MAX_YEAR ? fail(`年份超出范围：${shown}`) : null;
}

function day(year: number, month: number, d: number, shown: string): LedgerDateResult {
  const bad = checkYear(year, shown);
  if (bad) return bad;
  if (month < 1 || month > 12) return fail(`月份无效：${shown}`);
  const last = daysInMonth(year, month);
  if (d < 1 || d > last) return fail(`日期无效：${shown}（${year}年${month}月只有${last}天）`);
  return ok(iso(year, month, d), 'day');
}

function monthSpan(year: number, fromMonth: number, toMonth: number, role: DateRole, shown: string, precision: DatePrecision = 'month'): LedgerDateResult {
  const bad = checkYear(year, shown);
  if (bad) return bad;
  if (fromMonth < 1 || toMonth > 12) return fail(`月份无效：${shown}`);
  return role === 'start' ? ok(iso(year, fromMonth, 1), precision) : ok(iso(year, toMonth, daysInMonth(year, toMonth)), precision);
}

function fromUtcDate(date: Date): LedgerDateResult {
  if (Number.isNaN(date.getTime())) return fail('无效的日期');
  const year = date.getUTCFullYear();
  return day(year, date.getUTCMonth() + 1, date.getUTCDate(), iso(year, date.getUTCMonth() + 1, date.getUTCDate()));
}

function fromNumber(n: number, role: DateRole): LedgerDateResult {
  if (!Number.isFinite(n) || n < 1) return fail(`无法识别的日期：${String(n)}`);
  // A number between 1900 and 2100 is a year someone typed (`2024`), or a year and month
  // typed as `2024.3` that Excel stored as a number — not a date in 1905.
  if (n >= MIN_YEAR && n < MAX_YEAR + 1) {
    const [yearText, monthText] = String(n).split('.');
    if (monthText === undefined) return monthSpan(Number(yearText), 1, 12, role, String(n), 'year');
    const month = Number(monthText);
    return monthSpan(Number(yearText), month, month, role, String(n));
  }
  if (n > MAX_SERIAL) return fail(`无法识别的日期：${String(n)}`);
  const serial = Math.floor(n);
  // Serials 1–59 come before Excel's phantom 1900-02-29 and are not shifted.
  const offsetDays = serial > 59 ? serial : serial + 1;
  return fromUtcDate(new Date(EXCEL_EPOCH_UTC + offsetDays * MS_PER_DAY));
}

const RE_YMD = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:T?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/;
const RE_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const RE_YM = /^(\d{4})[-/.](\d{1,2})$/;
const RE_CN_YMD = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/;
const RE_CN_YM = /^(\d{4})年(\d{1,2})月(份)?$/;
const RE_CN_YM_EDGE = /^(\d{4})年(\d{1,2})月(?:份)?(底|末|初|上旬|中旬|下旬)$/;
const RE_Y = /^(\d{4})年?$/;
const RE_Y_EDGE = /^(\d{4})年(?:度)?(底|末|初)$/;
const RE_HALF = /^(\d{4})年(?:度)?([上下])半年$/;
const RE_QUARTER = /^(\d{4})年(?:度)?(?:第)?([一二三四1-4])季度?$/;
const RE_Q = /^(\d{4})年?Q([1-4])$/i;

/**
 * Parses a ledger date. `role` decides which end of an imprecise period is meant:
 * `2024年3月` starts on 2024-03-01 and ends on 2024-03-31.
 */
export function parseLedgerDate(input: string | number | Date, role: DateRole): LedgerDateResult {
  if (input instanceof Date) return fromUtcDate(input);
  if (typeof input === 'number') return fromNumber(input, role);
  const shown = input.trim();
  // "2025年底前开工", "2024年3月左右" carry the same date as without the hedge.
  const text = toHalfWidth(input)
    .replace(/\s+/g, '')
    .replace(/(之前|以前|前|左右|前后)$/, '');
  if (text === '') return fail('日期为空');
  let m: RegExpExecArray | null;
  if ((m = RE_YMD.exec(text)) || (m = RE_COMPACT.exec(text)) || (m = RE_CN_YMD.exec(text))) {
    return day(Number(m[1]), Number(m[2]), Number(m[3]), shown);
  }
  if ((m = RE_YM.exec(text)) || (m = RE_CN_YM.exec(text))) {
    const month = Number(m[2]);
    return monthSpan(Number(m[1]), month, month, role, shown);
  }
  if ((m = RE_CN_YM_EDGE.exec(text))) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const bad = checkYear(year, shown);
    if (bad) return bad;
    if (month < 1 || month > 12) return fail(`月份无效：${shown}`);
    const last = daysInMonth(year, month);
    const edge = m[3];
    // 旬: days 1–10, 11–20, 21–end of month.
    const spans: Record<string, [number, number]> = { 初: [1, 1], 底: [last, last], 末: [last, last], 上旬: [1, 10], 中旬: [11, 20], 下旬: [21, last] };
    const [from, to] = spans[edge];
    return ok(iso(year, month, role === 'start' ? from : to), 'day');
  }
  if ((m = RE_Y.exec(text))) return monthSpan(Number(m[1]), 1, 12, role, shown, 'year');
  if ((m = RE_Y_EDGE.exec(text))) {
    const month = m[2] === '初' ? 1 : 12;
    const year = Number(m[1]);
    const bad = checkYear(year, shown);
    if (bad) return bad;
    return ok(month === 1 ? iso(year, 1, 1) : iso(year, 12, 31), 'month');
  }
  if ((m = RE_HALF.exec(text))) {
    const half = CN_DIGITS[m[2]];
    return monthSpan(Number(m[1]), half * 6 - 5, half * 6, role, shown);
  }
  if ((m = RE_QUARTER.exec(text)) || (m = RE_Q.exec(text))) {
    const quarter = CN_DIGITS[m[2]] ?? Number(m[2]);
    return monthSpan(Number(m[1]), quarter * 3 - 2, quarter * 3, role, shown);
  }
  if (/^(?:第)?[一二三四1-4]季度$|^[上下]半年$|^年[底末初]$/.test(text)) return fail(`日期缺少年份：${shown}`);
  return fail(`无法识别的日期：${shown}`);
}
