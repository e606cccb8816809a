import type { MonthlySummary } from '../../../common/summary';
import type { Database } from '../../platform/db/client';
import type { Actor } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import { createMetricContext } from '../../platform/metrics/define-metric';
import { metrics } from '../../platform/metrics/providers';
import { quarterBounds, quarterFigures, type QuarterFigures, type QuarterNo } from './documents/quarter';
import { cycleSettings } from './monthly-reports.service';
import { periodSpec, periodsOfYear } from './periods';
import { getSummary } from './summary.service';

/**
 * The growth target an analysis report measures the year against: the 发改局's target of the
 * summary's division and year (else the division's default rule), read from the metric registry.
 */
export async function reportGrowthTarget(database: Database, actor: Actor, summary: Pick<MonthlySummary, 'divisionCode' | 'year' | 'period'>): Promise<number> {
  const ctx = createMetricContext({ database, actor, divisionCode: summary.divisionCode, year: summary.year, period: summary.period });
  const target = await metrics().compute('fai_growth_target', ctx);
  if (target === null) throw new Error('no metric provides fai_growth_target');
  return Number(target);
}

/**
 * A quarter's figures for the quarterly report, from the summaries of its months and of the
 * two quarter ends before it (the same summaries, scope and snapshots the monthly report reads).
 * `period` is the quarter's last month (03, 06, 09, 12).
 */
export async function getQuarterFigures(database: Database, actor: Actor, period: string, divisionCode?: string): Promise<QuarterFigures> {
  const month = Number(period.slice(5, 7));
  if (![3, 6, 9, 12].includes(month)) throw new AppError('VALIDATION_FAILED', '季度分析报告须选择季末月份（3、6、9、12月）', { field: 'period' });
  const year = Number(period.slice(0, 4));
  const quarter = (month / 3) as QuarterNo;
  const settings = await cycleSettings(database.db, actor.divisionCode);
  // The periods ending in the quarter: 1—2月 and 3月 in Q1 when January and February are reported together.
  const inQuarter = periodsOfYear(year, settings).filter((p) => {
    const last = periodSpec(p, settings).lastMonth;
    return last > month - 3 && last <= month;
  });
  const bounds = quarterBounds(year, quarter);
  const summary = (p: string) => getSummary(database, actor, p, divisionCode);
  const months: MonthlySummary[] = [];
  for (const p of inQuarter) months.push(await summary(p));
  const previousEnd = await summary(bounds.previousEnd);
  const beforePreviousEnd = bounds.beforePreviousEnd === null ? null : await summary(bounds.beforePreviousEnd);
  return quarterFigures({ quarter, months, previousEnd, beforePreviousEnd });
}
