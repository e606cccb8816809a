import { defineMetric, type MetricContext } from '../../platform/metrics/define-metric';
import { headlineOf } from './headline';
import { getSummary } from './summary.service';

/**
 * The period a year's figures are stated for: the context's period when it names one (the
 * Word report, the targets page), else the headline period (`headlineOf`) when it falls in
 * the year, else the year's last period for a past year; null for a year with no period due.
 */
export async function periodForYear(ctx: Pick<MetricContext, 'db' | 'divisionCode' | 'year' | 'period'>, now = new Date()): Promise<string | null> {
  if (ctx.period) return ctx.period;
  const headline = await headlineOf(ctx.db, ctx.divisionCode, now);
  if (headline.year === ctx.year) return headline.period;
  return headline.year > ctx.year ? `${ctx.year}-12` : null;
}

/**
 * The summary a year's figures are stated from (the one the summary page heads with, or the
 * context's period), or null; computed once per metric context, so a page that shows the
 * figures and their period's status reads one summary.
 */
export function summaryForYear(ctx: MetricContext) {
  return ctx.memo('monthly-reports.year-summary', async () => {
    const period = await periodForYear(ctx);
    return period ? getSummary(ctx.database, ctx.actor, period, ctx.divisionCode) : null;
  });
}

/** The figures the monthly-reports module provides. */
export const monthlyReportMetrics = [
  defineMetric({
    key: 'fai_growth',
    label: '固定资产投资增长',
    unit: 'pct',
    basis: '月度汇总默认期（最近一个已到汇总日的报送期）的本年累计同比增速（达到统计起点的项目，调度数；报送期未关闭的为初步数）',
    compute: async (ctx) => (await summaryForYear(ctx))?.totals.growthPct ?? null,
  }),
  defineMetric({
    key: 'fai_year_cumulative',
    label: '固定资产投资本年累计',
    unit: 'wan',
    basis: '月度汇总默认期的本年累计完成投资（报送期未关闭的为初步数）',
    compute: async (ctx) => (await summaryForYear(ctx))?.totals.yearCumulative ?? null,
  }),
];
