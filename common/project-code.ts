/**
 * 项目代码 — the national investment project code issued by 全国投资项目在线审批监管平台
 * (SPEC §2). The platform only reads and checks these codes; it never generates one.
 *
 * Two formats, both 4-6-2-2-6 digits:
 * - national (GB/T 40058-2021, from November 2020): `YYMM-AAAAAA-DD-TT-RRRRRC` — year and
 *   month of issue, administrative division, department, project type, five random
 *   digits and an ISO/IEC 7064 MOD 11,10 check digit over the 19 digits before it;
 * - legacy (before November 2020): `YYYY-AAAAAA-II-TT-NNNNNN`, no check digit.
 *
 * Because both formats have the same shape, dashes do not tell them apart; the leading
 * four digits do (see `classify` below).
 */

export type ProjectCodeKind = 'national' | 'legacy';
export type ProjectCodeErrorReason = 'format' | 'check_digit' | 'date' | 'division';

/** A successfully parsed code; `code` is the canonical dashed form. */
export interface ParsedProjectCodeOk {
  ok: true;
  code: string;
  kind: ProjectCodeKind;
  issuedYear: number;
  /** Month of issue; legacy codes carry only the year. */
  issuedMonth: number | null;
  divisionCode: string;
  /** National: 部门代码 DD. Legacy: 行业/部门代码 II. */
  departmentCode: string;
  typeCode: string;
  /** The last six digits: national RRRRRC (random digits and check digit), legacy NNNNNN. */
  serial: string;
  /** The national check digit; null for legacy codes. */
  checkDigit: number | null;
}

export interface ParsedProjectCodeError {
  ok: false;
  reason: ProjectCodeErrorReason;
  /** User-facing Chinese message. */
  message: string;
}

export type ParsedProjectCode = ParsedProjectCodeOk | ParsedProjectCodeError;

export const NATIONAL_FORMAT = 'YYMM-AAAAAA-DD-TT-RRRRRC';
export const LEGACY_FORMAT = 'YYYY-AAAAAA-II-TT-NNNNNN';
/** Legacy codes were issued from the 1990s until the national format took over in 2020. */
export const LEGACY_YEAR_MIN = 1990;
export const LEGACY_YEAR_MAX = 2020;
/** First YYMM of the national format: November 2020. */
export const NATIONAL_FIRST_YYMM = 2011;

const FORMAT_MESSAGE = `项目代码格式不正确：应为 ${NATIONAL_FORMAT}（2020年11月起）或 ${LEGACY_FORMAT}（旧版）`;

// Everything that people or office software type in place of an ASCII hyphen. 「一」 (yi)
// is deliberately not here: it is a character, and treating it as a dash would hide typos.
const DASH_LIKE = /[\uFF0D\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63]/g;
const FULL_WIDTH_DIGIT = /[\uFF10-\uFF19]/g;
// \s covers U+3000 (ideographic space), NBSP and the other Unicode spaces.
const WHITESPACE = /\s+/g;

const DASHED = /^(\d{4})-(\d{6})-(\d{2})-(\d{2})-(\d{6})$/;
const DASHLESS = /^(\d{4})(\d{6})(\d{2})(\d{2})(\d{6})$/;

/** Trims, maps full-width digits and dash-like characters to ASCII, and drops all spaces. */
export function normalizeProjectCode(input: string): string {
  return input
    .trim()
    .replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30))
    .replace(DASH_LIKE, '-')
    .replace(WHITESPACE, '');
}

/**
 * ISO/IEC 7064 MOD 11,10 (hybrid system, M = 10) check digit over the 19 digits that
 * precede it in a national code. Dashes are ignored; any other non-digit throws.
 */
export function nationalCheckDigit(first19Digits: string): number {
  const digits = first19Digits.replace(/-/g, '');
  if (!/^\d{19}$/.test(digits)) {
    throw new Error(`nationalCheckDigit expects 19 digits, got "${first19Digits}"`);
  }
  return mod11_10CheckDigit(digits);
}

/** MOD 11,10 over any digit string; exported for tests against the standard's own example. */
export function mod11_10CheckDigit(digits: string): number {
  let p = 10;
  for (const ch of digits) {
    const s = (p + Number(ch)) % 10 || 10;
    p = (s * 2) % 11;
  }
  // The check digit C makes (P + C) mod 10 == 1.
  return (11 - p) % 10;
}

/** Parses and checks a code as typed by a user or read from a ledger cell. */
export function parseProjectCode(input: string): ParsedProjectCode {
  const normalized = normalizeProjectCode(input);
  const match = DASHED.exec(normalized) ?? DASHLESS.exec(normalized);
  if (!match) return fail('format', FORMAT_MESSAGE);

  const [, head, divisionCode, departmentCode, typeCode, serial] = match;
  const digits = head + divisionCode + departmentCode + typeCode + serial;
  const expected = nationalCheckDigit(digits.slice(0, 19));
  const actual = Number(digits[19]);

  const kind = classify(head, expected === actual);
  if (kind === null) {
    return fail(
      'date',
      `项目代码前四位「${head}」不是有效的赋码年月或年份：2020年11月起的代码为年月 YYMM（如 2403 表示2024年3月），旧版代码为年份 YYYY（${LEGACY_YEAR_MIN}—${LEGACY_YEAR_MAX}）`,
    );
  }
  if (divisionCode.startsWith('00')) {
    return fail('division', `项目代码中的行政区划代码「${divisionCode}」无效：应为6位行政区划代码，且不能以 00 开头`);
  }
  if (kind === 'national' && expected !== actual) {
    return fail('check_digit', `项目代码校验位错误：应为 ${expected}，实际为 ${actual}。请核对全国投资项目在线审批监管平台赋予的代码`);
  }

  const code = [head, divisionCode, departmentCode, typeCode, serial].join('-');
  const base = { ok: true as const, code, kind, divisionCode, departmentCode, typeCode, serial };
  return kind === 'national'
    ? { ...base, issuedYear: 2000 + Number(head.slice(0, 2)), issuedMonth: Number(head.slice(2)), checkDigit: actual }
    : { ...base, issuedYear: Number(head), issuedMonth: null, checkDigit: null };
}

/** True when `input` is a valid national or legacy code in any accepted spelling. */
export function isValidProjectCode(input: string): boolean {
  return parseProjectCode(input).ok;
}

/**
 * The canonical dashed form of a valid code (`24036209210101123454` → `2403-620921-01-01-123454`);
 * an invalid code comes back normalised but otherwise untouched, so nothing typed is lost.
 */
export function formatProjectCode(input: string): string {
  const parsed = parseProjectCode(input);
  return parsed.ok ? parsed.code : normalizeProjectCode(input);
}

/**
 * Which format the leading four digits denote. National YYMM must be a real month from
 * 2011 (November 2020) on; a legacy YYYY must be 1990–2020. The two readings overlap only
 * for 2011 and 2012 (November/December 2020 vs the years 2011/2012); there a valid check
 * digit decides for national, otherwise legacy. The same rule serves dashed and dashless
 * input, since both formats are 4-6-2-2-6 digits. A legacy code from 2011/2012 whose last
 * digit happens to fit the check (one in ten) reads as national: unavoidable, and harmless
 * because every other field is read the same way.
 */
function classify(head: string, isCheckDigitValid: boolean): ProjectCodeKind | null {
  const isNational = isNationalYearMonth(head);
  const isLegacy = isLegacyYear(head);
  if (isNational && isLegacy) return isCheckDigitValid ? 'national' : 'legacy';
  if (isNational) return 'national';
  if (isLegacy) return 'legacy';
  return null;
}

function isNationalYearMonth(head: string): boolean {
  const yy = Number(head.slice(0, 2));
  const mm = Number(head.slice(2));
  return yy >= 20 && mm >= 1 && mm <= 12 && Number(head) >= NATIONAL_FIRST_YYMM;
}

function isLegacyYear(head: string): boolean {
  const year = Number(head);
  return year >= LEGACY_YEAR_MIN && year <= LEGACY_YEAR_MAX;
}

function fail(reason: ProjectCodeErrorReason, message: string): ParsedProjectCodeError {
  return { ok: false, reason, message };
}
