/**
 * Exact money (SPEC §11). Amounts are stored and transported as decimal strings in 万元
 * with at most four decimals (1 元 = 0.0001 万元) and formatted to 万元 / 亿元 only at the edge.
 */
import Decimal from 'decimal.js';

/** A private Decimal so that nobody's global configuration changes our rounding. */
const Dec = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
type Dec = InstanceType<typeof Dec>;

export type AmountUnit = '万元' | '元' | '亿元';
export type AmountResult = { ok: true; wan: string } | { ok: false; message: string };

const UNIT_FACTOR: Record<AmountUnit, Dec> = {
  万元: new Dec(1),
  元: new Dec('0.0001'),
  亿元: new Dec(10_000),
};

/** Decimal places of an amount in 万元: 4 means exact to the 元. */
export const WAN_DECIMALS = 4;
// A float read from an Excel cell is accepted as "meant" if it is this close to 4 dp.
const FLOAT_TOLERANCE = new Dec('1e-9');

const MSG_NEGATIVE = '金额不能为负数';
const MSG_PRECISION = '金额精确到元（万元下最多四位小数）';

/** Full-width digits, letters and punctuation → ASCII; the ideographic space → a space. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

function canonical(d: Dec): string {
  // "-0" never leaves this module.
  return d.isZero() ? '0' : d.toFixed();
}

function fromWan(wan: Dec, fromFloat: boolean): AmountResult {
  if (wan.isNegative() && !wan.isZero()) return { ok: false, message: MSG_NEGATIVE };
  if (wan.decimalPlaces() <= WAN_DECIMALS) return { ok: true, wan: canonical(wan) };
  const rounded = wan.toDecimalPlaces(WAN_DECIMALS);
  if (fromFloat && rounded.minus(wan).abs().lt(FLOAT_TOLERANCE)) return { ok: true, wan: canonical(rounded) };
  return { ok: false, message: MSG_PRECISION };
}

/**
 * Parses an amount as county staff type it — `12000`, `12,000`, `１２，０００`, `1.2亿`,
 * `3500万元`, `800元` — into 万元. `unit` is the unit of a bare number (from the column
 * header or the sheet's 「单位：元」 note); a unit written in the text wins.
 */
export function parseAmountWan(input: string | number, unit: AmountUnit = '万元'): AmountResult {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, message: `无法识别的金额：${String(input)}` };
    // String(n) is the shortest decimal that reads back as n: 0.30000000000000004 stays visible
    // here and is forgiven below only if it is within float noise of a 4-dp amount.
    return fromWan(new Dec(String(input)).times(UNIT_FACTOR[unit]), true);
  }
  const original = input.trim();
  let text = toHalfWidth(input).replace(/\s+/g, '');
  if (text === '') return { ok: false, message: '金额为空' };
  let textUnit: AmountUnit | null = null;
  const suffix = /(亿元|亿|万元|万|元)$/.exec(text);
  if (suffix) {
    textUnit = suffix[1].startsWith('亿') ? '亿元' : suffix[1].startsWith('万') ? '万元' : '元';
    text = text.slice(0, suffix.index);
  }
  let negative = false;
  if (/^[-−－]/.test(text)) {
    negative = true;
    text = text.slice(1);
  } else if (text.startsWith('+')) {
    text = text.slice(1);
  }
  // Thousands separators must group by three: "12,000" yes, "12,5" (a decimal comma?) no.
  const grouped = /^\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?$/.test(text);
  const plain = /^(?:\d+(?:\.\d*)?|\.\d+)$/.test(text);
  if (!grouped && !plain) return { ok: false, message: `无法识别的金额：${original}` };
  const value = new Dec(text.replace(/[,，]/g, '')).times(UNIT_FACTOR[textUnit ?? unit]);
  if (negative && !value.isZero()) return { ok: false, message: MSG_NEGATIVE };
  return fromWan(value, false);
}

function groupThousands(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatFixed(d: Dec, decimals: number): string {
  const fixed = d.toFixed(decimals);
  const [intPart, frac = ''] = fixed.split('.');
  const sign = intPart.startsWith('-') ? '-' : '';
  const digits = sign ? intPart.slice(1) : intPart;
  const trimmed = frac.replace(/0+$/, '');
  const out = groupThousands(digits) + (trimmed ? `.${trimmed}` : '');
  return out === '0' ? '0' : sign + out;
}

/** `12000.5` → `12,000.5` (万元, up to four decimals, trailing zeros trimmed). */
export function formatWan(wan: string): string {
  return formatFixed(new Dec(wan), WAN_DECIMALS);
}

/** `2629000` (万元) → `262.9亿元`: one decimal, trailing zero trimmed. */
export function formatYi(wan: string): string {
  return `${formatFixed(new Dec(wan).dividedBy(10_000), 1)}亿元`;
}

/**
 * A threshold of whole 万元 as the documents write it: `500` → 「500万元」, `10000` → 「1亿元」,
 * `15000` → 「1.5亿元」, `100000` → 「10亿元」 (exact, no thousands separators).
 */
export function formatThresholdWan(wan: number): string {
  const d = new Dec(wan);
  return d.gte(10_000) ? `${d.dividedBy(10_000).toFixed()}亿元` : `${d.toFixed()}万元`;
}

/** Exact sum of 万元 strings; blanks count as zero. */
export function sumWan(list: ReadonlyArray<string | null | undefined>): string {
  let total = new Dec(0);
  for (const item of list) if (item != null && item !== '') total = total.plus(item);
  return canonical(total);
}

/** -1, 0 or 1 as a is less than, equal to or greater than b (万元 strings). */
export function compareWan(a: string, b: string): -1 | 0 | 1 {
  return new Dec(a).comparedTo(b) as -1 | 0 | 1;
}
