import { and, desc, eq, like } from 'drizzle-orm';
import { defineMetric, type MetricContext } from '../../platform/metrics/define-metric';
import { reportingPeriods } from './monthly-reports.tables';
import { getSummary } from './summary.service';

// The summary of the latest closed period of the year (the figures a target is measured by), or null.
function latestClosedSummary(ctx: MetricContext) {
  return ctx.memo('monthly-reports.latest-closed', async () => {
    const [latest] = await ctx.db
      .select({ period: reportingPeriods.period })
      .from(reportingPeriods)
      .where(and(eq(reportingPeriods.divisionCode, ctx.divisionCode), eq(reportingPeriods.status, 'closed'), like(reportingPeriods.period, `${ctx.year}-%`)))
      .orderBy(desc(reportingPeriods.period))
      .limit(1);
    return latest ? getSummary(ctx.database, ctx.actor, latest.period, ctx.divisionCode) : null;
  });
}

/** The figures the monthly-reports module provides. */
export const monthlyReportMetrics = [
  defineMetric({
    key: 'fai_growth',
    label: '固定资产投资增长',
    unit: 'pct',
    basis: '月度汇总中本年最近一个已关闭报送期的本年累计同比增速（达到统计起点的项目，调度数）',
    compute: async (ctx) => (await latestClosedSummary(ctx))?.totals.growthPct ?? null,
  }),
  defineMetric({
    key: 'fai_year_cumulative',
    label: '固定资产投资本年累计',
    unit: 'wan',
    basis: '月度汇总中本年最近一个已关闭报送期的本年累计完成投资',
    compute: async (ctx) => (await latestClosedSummary(ctx))?.totals.yearCumulative ?? null,
  }),
];
