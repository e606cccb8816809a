/**
 * A quarter's figures from the monthly summaries: the quarter's investment (the sum of its
 * months), compared with the previous quarter (环比) and with the same quarter last year
 * (同比), the year to date at the quarter's end, the same by sector, department and
 * township, and the quarter's starts and completions. Everything is a difference or a sum of
 * figures the summaries already hold, so the quarterly report states the same numbers as the
 * monthly ones.
 */
import Decimal from 'decimal.js';
import { sumWan } from '../../../../common/amounts';
import type { MonthlySummary, SummaryBreakdownRow, SummaryProjectRef } from '../../../../common/summary';
import { growthOf } from './format';

export type QuarterNo = 1 | 2 | 3 | 4;

/** The summaries a quarter is computed from (all of the same division and data scope). */
export interface QuarterSummaries {
  quarter: QuarterNo;
  /** The summaries of the periods in the quarter, in order (1—2月 and 3月 for Q1 when January and February are reported together); the last is the quarter's end. */
  months: MonthlySummary[];
  /** The summary at the end of the previous quarter (last year's December for Q1). */
  previousEnd: MonthlySummary;
  /** The summary at the end of the quarter before that (last year's September for Q1; none for Q2, whose previous quarter starts the year). */
  beforePreviousEnd: MonthlySummary | null;
}

/** The periods (YYYY-MM of the last month) a quarter report reads besides its own months. */
export function quarterBounds(year: number, quarter: QuarterNo): { previousEnd: string; beforePreviousEnd: string | null } {
  const end = (y: number, q: number) => `${y}-${String(q * 3).padStart(2, '0')}`;
  if (quarter === 1) return { previousEnd: end(year - 1, 4), beforePreviousEnd: end(year - 1, 3) };
  return { previousEnd: end(year, quarter - 1), beforePreviousEnd: quarter === 2 ? null : end(year, quarter - 2) };
}

export const QUARTER_NAMES: Record<QuarterNo, string> = { 1: '第一季度', 2: '第二季度', 3: '第三季度', 4: '第四季度' };

/** A quarter's figure of the county or of one sector, department or township. */
export interface QuarterFigure {
  key: string;
  label: string;
  /** Completed this quarter (万元). */
  quarter: string;
  /** Completed in the previous quarter. */
  previousQuarter: string;
  /** 环比 % (one decimal), null when the previous quarter is zero or unknown. */
  qoqPct: string | null;
  /** The same quarter last year, null when unknown. */
  sameQuarterLastYear: string | null;
  /** 同比 % of the quarter (one decimal). */
  yoyPct: string | null;
  /** Year to date at the quarter's end and its 同比 (as the summary states them). */
  yearCumulative: string;
  ytdGrowthPct: string | null;
}

export interface QuarterMonth {
  /** 「7月」, 「1—2月」. */
  label: string;
  amount: string;
  lastYear: string | null;
  growthPct: string | null;
  reporting: MonthlySummary['reporting'];
}

export interface QuarterFigures {
  year: number;
  quarter: QuarterNo;
  /** 「第三季度」 */
  name: string;
  /** 「7—9月」 */
  monthsLabel: string;
  /** 「第二季度」, or 「上年第四季度」 for Q1. */
  previousName: string;
  /** The summary at the quarter's end: year to date, lagging projects and problems at the quarter's end. */
  end: MonthlySummary;
  total: QuarterFigure;
  months: QuarterMonth[];
  bySector: QuarterFigure[];
  byDepartment: QuarterFigure[];
  byTownship: QuarterFigure[];
  /** Starts and completions of every month of the quarter, by date. */
  started: SummaryProjectRef[];
  completed: SummaryProjectRef[];
  concentratedStarts: MonthlySummary['concentratedStarts'];
  /** The lagging projects at the end of the previous quarter, to say how the list changed. */
  laggingBefore: MonthlySummary['lagging'];
  /** The problems reported in each month of the quarter (the list is the quarter end's). */
  issuesByMonth: number[];
}

type Dim = 'bySector' | 'byDepartment' | 'byTownship';

const minus = (a: string, b: string | null | undefined) => new Decimal(a).minus(b ?? 0).toFixed();
const byDate = (a: SummaryProjectRef, b: SummaryProjectRef) => (a.date ?? '').localeCompare(b.date ?? '');

function uniqueById(lists: SummaryProjectRef[][]): SummaryProjectRef[] {
  const seen = new Map<string, SummaryProjectRef>();
  for (const list of lists) for (const p of list) if (!seen.has(p.id)) seen.set(p.id, p);
  return [...seen.values()].sort(byDate);
}

/** The quarter's figures from its summaries (see `QuarterSummaries`). */
export function quarterFigures(input: QuarterSummaries): QuarterFigures {
  const { quarter, months, previousEnd, beforePreviousEnd } = input;
  if (!months.length) throw new Error('a quarter needs its months');
  const end = months[months.length - 1];
  const firstMonth = quarter * 3 - 2;

  // What a figure (the county's, or one row's) was at each point; a row missing at a point had nothing.
  type Point = { yearCumulative: string; lastYearCumulative: string | null; period: string } | undefined;
  const rowAt = (s: MonthlySummary | null, dim: Dim | null, key: string): Point => {
    if (!s) return undefined;
    if (dim === null) return s.totals;
    return s[dim].find((r) => r.key === key);
  };

  const figure = (dim: Dim | null, key: string, label: string, endRow: SummaryBreakdownRow | MonthlySummary['totals']): QuarterFigure => {
    // The quarter: the sum of its months.
    const amount = sumWan(months.map((m) => rowAt(m, dim, key)?.period ?? '0'));
    // The previous quarter: its year to date less the year to date a quarter earlier (Q1 starts the year).
    const previousQuarter = minus(rowAt(previousEnd, dim, key)?.yearCumulative ?? '0', quarter === 2 ? '0' : rowAt(beforePreviousEnd, dim, key)?.yearCumulative);
    // The same quarter last year: last year's year to date at this quarter's end less at the previous one's.
    const lastYearEnd = endRow.lastYearCumulative;
    const lastYearBefore = quarter === 1 ? '0' : (rowAt(previousEnd, dim, key)?.lastYearCumulative ?? '0');
    const sameQuarterLastYear = lastYearEnd === null ? null : minus(lastYearEnd, lastYearBefore);
    return {
      key,
      label,
      quarter: amount,
      previousQuarter,
      qoqPct: growthOf(amount, previousQuarter),
      sameQuarterLastYear,
      yoyPct: growthOf(amount, sameQuarterLastYear),
      yearCumulative: endRow.yearCumulative,
      ytdGrowthPct: endRow.growthPct,
    };
  };
  const rowsOf = (dim: Dim) => end[dim].map((r) => figure(dim, r.key, r.label, r));

  const monthFigures = months.map((m, i): QuarterMonth => {
    // Last year's month: last year's year to date now less a month earlier.
    const before = i > 0 ? months[i - 1].totals.lastYearCumulative : quarter === 1 ? '0' : previousEnd.totals.lastYearCumulative;
    const lastYear = m.totals.lastYearCumulative === null ? null : minus(m.totals.lastYearCumulative, before);
    return { label: m.periodLabel, amount: m.totals.period, lastYear, growthPct: growthOf(m.totals.period, lastYear), reporting: m.reporting };
  });

  return {
    year: end.year,
    quarter,
    name: QUARTER_NAMES[quarter],
    monthsLabel: `${firstMonth}—${quarter * 3}月`,
    previousName: quarter === 1 ? '上年第四季度' : QUARTER_NAMES[(quarter - 1) as QuarterNo],
    end,
    total: figure(null, 'total', '合计', end.totals),
    months: monthFigures,
    bySector: rowsOf('bySector'),
    byDepartment: rowsOf('byDepartment'),
    byTownship: rowsOf('byTownship'),
    started: uniqueById(months.map((m) => m.startedThisPeriod)),
    completed: uniqueById(months.map((m) => m.completedThisPeriod)),
    concentratedStarts: months.flatMap((m) => m.concentratedStarts).sort((a, b) => a.date.localeCompare(b.date)),
    laggingBefore: previousEnd.lagging,
    issuesByMonth: months.map((m) => m.issues.length),
  };
}
