import chineseDays from 'chinese-days';
import { beijingToday } from '../../../common/format';

/** Settings of the monthly cycle that decide periods and deadlines. */
export interface CycleSettings {
  deadlineDay: number;
  summaryDay: number;
  combineJanFeb: boolean;
}

export const DEFAULT_CYCLE: CycleSettings = { deadlineDay: 20, summaryDay: 10, combineJanFeb: true };

export interface PeriodSpec {
  /** `2024-10`; the combined 1—2月 period is `2024-01`. */
  period: string;
  year: number;
  firstMonth: number;
  lastMonth: number;
  /** 「10月」 or 「1—2月」. */
  label: string;
  /** 「1—10月」: what the year-to-date figures cover. */
  cumulativeLabel: string;
  /** Department reports due (YYYY-MM-DD), moved to the next working day. */
  deadline: string;
  /** The 发改局 summary due, the summary day of the next month, moved likewise. */
  summaryDue: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** The first working day on or after a date, by the official calendar (holidays and 调休 included). */
export function onOrNextWorkday(date: string): string {
  let d = new Date(`${date}T00:00:00Z`);
  for (let i = 0; i < 30 && !chineseDays.isWorkday(d.toISOString().slice(0, 10)); i++) d = new Date(d.getTime() + 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** The period a month belongs to. */
export function periodOf(year: number, month: number, settings: CycleSettings = DEFAULT_CYCLE): string {
  return settings.combineJanFeb && month <= 2 ? `${year}-01` : `${year}-${pad(month)}`;
}

/** Everything about a period key: months, labels, deadline and summary due date. */
export function periodSpec(period: string, settings: CycleSettings = DEFAULT_CYCLE): PeriodSpec {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  if (!match) throw new Error(`bad period ${period}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) throw new Error(`bad period ${period}`);
  if (settings.combineJanFeb && month === 2) return periodSpec(`${year}-01`, settings);
  const combined = settings.combineJanFeb && month === 1;
  const lastMonth = combined ? 2 : month;
  const label = combined ? '1—2月' : `${month}月`;
  const cumulativeLabel = lastMonth === 1 ? '1月' : `1—${lastMonth}月`;
  const next = lastMonth === 12 ? { y: year + 1, m: 1 } : { y: year, m: lastMonth + 1 };
  return {
    period: `${year}-${pad(month)}`,
    year,
    firstMonth: month,
    lastMonth,
    label,
    cumulativeLabel,
    deadline: onOrNextWorkday(iso(year, lastMonth, settings.deadlineDay)),
    summaryDue: onOrNextWorkday(iso(next.y, next.m, settings.summaryDay)),
  };
}

/** The periods of a year in order. */
export function periodsOfYear(year: number, settings: CycleSettings = DEFAULT_CYCLE): string[] {
  const periods: string[] = [];
  for (let m = 1; m <= 12; m++) {
    const p = periodOf(year, m, settings);
    if (!periods.includes(p)) periods.push(p);
  }
  return periods;
}

/**
 * The headline period on a day: the latest period whose 发改局 summary is due (on or before
 * `today`, the summary day of the following month — "the 10th rule"). On 2 December the
 * November summary is not due until 10 December, so the headline is 1—10月. Every page and
 * document that states "the" figure of a county (cockpit, summary, targets, the Word report)
 * defaults to this period; a later, still-open period may be shown but is labelled 初步.
 */
export function headlinePeriod(today: string, settings: CycleSettings = DEFAULT_CYCLE): string {
  let year = Number(today.slice(0, 4));
  let month = Number(today.slice(5, 7));
  for (let i = 0; i < 36; i++) {
    const period = periodOf(year, month, settings);
    if (periodSpec(period, settings).summaryDue <= today) return periodSpec(period, settings).period;
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  throw new Error(`no headline period before ${today}`);
}

/**
 * Whether a period's figures are final: 正式 once the period is closed (frozen), otherwise
 * 初步 — reports may still arrive or be corrected. Pages and documents show the label beside
 * every figure of a preliminary period.
 */
export type FigureStatus = 'final' | 'preliminary';
export const FIGURE_STATUS_LABELS: Record<FigureStatus, string> = { final: '正式', preliminary: '初步' };
export function figureStatusOf(periodStatus: string | null | undefined): FigureStatus {
  return periodStatus === 'closed' ? 'final' : 'preliminary';
}

/** Today's date in Beijing (YYYY-MM-DD). */
export const beijingDate = beijingToday;

/** The same period one year earlier (for year-over-year figures). */
export function samePeriodLastYear(period: string): string {
  return `${Number(period.slice(0, 4)) - 1}${period.slice(4)}`;
}
