/**
 * How the analysis documents write amounts, growth and dates in Chinese government prose:
 * 「262.9亿元」「5,000万元」「同比增长8.4%」「2024年10月31日」.
 */
import Decimal from 'decimal.js';
import { formatWan, formatYi, sumWan } from '../../../../common/amounts';
import { bandNoun, type InvestmentThresholdsWan } from '../../../../common/projects';
import type { SummaryBreakdownRow } from '../../../../common/summary';

const Dec = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });

/**
 * An amount in 万元 as prose: 1亿元 and more as 亿元 with one decimal (`262.9亿元`), less
 * in 万元 with thousands separators and at most one decimal (`5,000万元`, `860.5万元`).
 */
export function formatAmountCn(wan: string): string {
  const d = new Dec(wan);
  const rounded = d.toDecimalPlaces(1);
  if (rounded.abs().gte(10_000)) return formatYi(d.toFixed());
  return `${formatWan(rounded.toFixed())}万元`;
}

/** `8.4` → 同比增长8.4%, `-3.0` → 同比下降3.0%, `0.0` → 与上年同期持平, null → 上年同期无可比数据. */
export function formatGrowthCn(pct: string | null): string {
  if (pct === null) return '上年同期无可比数据';
  const d = new Dec(pct);
  if (d.isZero()) return '与上年同期持平';
  const abs = d.abs().toFixed(1);
  return d.isPositive() ? `同比增长${abs}%` : `同比下降${abs}%`;
}

/** `2024-10-31` → 2024年10月31日; with `withinYear`, the year is left off when it is that year. */
export function formatDateCn(iso: string, withinYear?: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return withinYear === y ? `${mo}月${d}日` : `${y}年${mo}月${d}日`;
}

/** The calendar date (Asia/Shanghai, UTC+8 without daylight saving) of an ISO timestamp. */
export function chinaDate(timestamp: string): string {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) return timestamp.slice(0, 10);
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Share of a part in a whole in %, one decimal; null when the whole is zero. */
export function sharePct(part: string, whole: string): string | null {
  const w = new Dec(whole);
  if (w.isZero()) return null;
  return new Dec(part).div(w).times(100).toDecimalPlaces(1).toFixed(1);
}

/** Growth in % (one decimal) of a current against a base figure, null when the base is zero or unknown. */
export function growthOf(current: string, base: string | null): string | null {
  if (base === null) return null;
  const b = new Dec(base);
  if (b.isZero()) return null;
  return new Dec(current).minus(b).div(b).times(100).toDecimalPlaces(1).toFixed(1);
}

/**
 * Text written by the service or by project staff, tidied for print: no spaces around
 * Chinese, ISO dates as 2024年8月1日, and a full stop at the end when `sentence` is set.
 */
export function tidyCn(text: string, options: { sentence?: boolean; withinYear?: number } = {}): string {
  let out = text
    .trim()
    .replace(/(\d{4}-\d{2}-\d{2})/g, (iso) => formatDateCn(iso, options.withinYear))
    .replace(/\s*([\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])\s*/g, '$1')
    .replace(/\s+/g, ' ');
  if (options.sentence) {
    out = out.replace(/[，,、；;：:\s]+$/, '');
    if (out && !/[。！？!?]$/.test(out)) out += '。';
  } else {
    out = out.replace(/[。，,；;\s]+$/, '');
  }
  return out;
}

/** The 合计 of a breakdown: sums of its rows; growth against the rows' last-year figures. */
export function breakdownTotal(rows: SummaryBreakdownRow[]): { projects: number; period: string; yearCumulative: string; lastYearCumulative: string | null; growthPct: string | null } {
  const yearCumulative = sumWan(rows.map((r) => r.yearCumulative));
  const hasLastYear = rows.some((r) => r.lastYearCumulative !== null);
  const lastYearCumulative = hasLastYear ? sumWan(rows.map((r) => r.lastYearCumulative)) : null;
  return {
    projects: rows.reduce((a, r) => a + r.projects, 0),
    period: sumWan(rows.map((r) => r.period)),
    yearCumulative,
    lastYearCumulative,
    growthPct: growthOf(yearCumulative, lastYearCumulative),
  };
}


export const BAND_ORDER = ['gte10yi', 'gte1yi', 'gte500w'];

/**
 * Investment bands as the reports name them, from the thresholds the summary was computed
 * with. The summary puts each project in the highest band it reaches, so the lowest band
 * reads 「500万—1亿元项目」 with the default thresholds.
 */
export function bandNouns(thresholds: InvestmentThresholdsWan): Record<string, string> {
  return Object.fromEntries(BAND_ORDER.map((key) => [key, bandNoun(key, thresholds)]));
}

/** Band rows from the largest band down; unknown keys last. */
export function sortBands(rows: SummaryBreakdownRow[]): SummaryBreakdownRow[] {
  const rank = (key: string) => {
    const i = BAND_ORDER.indexOf(key);
    return i < 0 ? BAND_ORDER.length : i;
  };
  return [...rows].sort((a, b) => rank(a.key) - rank(b.key));
}

/** `12345.678`, 2 → `12,345.68`: an amount in 万元 with exactly `decimals` places (for table columns). */
export function formatWanFixed(wan: string, decimals: number): string {
  const fixed = new Dec(wan).toFixed(decimals);
  const negative = fixed.startsWith('-') && !/^-0(\.0*)?$/.test(fixed);
  const [intPart, frac] = fixed.replace(/^-/, '').split('.');
  return `${negative ? '-' : ''}${intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}

/**
 * The decimals a column of amounts is printed with: as many as its most precise value
 * needs, at most `cap` (2: 百元, what a 发改局 table shows), so that every row of the column
 * lines up (「5,394.0」 under 「5,940.6」, never 「5,394」).
 */
export function columnDecimals(values: ReadonlyArray<string | null>, cap = 2): number {
  let decimals = 0;
  for (const v of values) if (v !== null) decimals = Math.max(decimals, Math.min(cap, new Dec(v).decimalPlaces()));
  return decimals;
}

// The last character of a division's name says what its 县委、县政府 are called: 县, 区, 市, 旗, 省.
const LEVEL_CHARS = ['县', '区', '市', '旗', '州', '盟', '省'];
const levelChar = (divisionName: string) => {
  const last = divisionName.slice(-1);
  return LEVEL_CHARS.includes(last) ? last : null;
};

/**
 * A unit as a county's own report names it: 「河西县住房和城乡建设局」 → 「县住房和城乡建设局」.
 * Names that do not begin with the division's name are kept.
 */
export function shortUnitName(name: string, divisionName: string): string {
  const level = levelChar(divisionName);
  if (!level || !name.startsWith(divisionName) || name.length <= divisionName.length + 1) return name;
  return `${level}${name.slice(divisionName.length)}`;
}

/**
 * The 主送机关 of a 发改局's analysis report when none is given: the party committee and
 * government of its own level (「县委、县政府」 for a county, 「市委、市政府」 for a city).
 */
export function defaultAddressee(divisionName: string): string {
  const level = levelChar(divisionName) ?? '县';
  return `${level}委、${level}政府`;
}
