import { z } from '@hono/zod-openapi';
import type { MonthlySummary as SummaryShape } from '../../../common/summary';

/** A figure of the monthly summary: money in 万元 decimal strings, growth % with one decimal. */
export const SummaryFigure = z
  .object({
    period: z.string(),
    yearCumulative: z.string(),
    lastYearCumulative: z.string().nullable(),
    growthPct: z.string().nullable(),
    projects: z.number(),
  })
  .openapi('SummaryFigure');

export const SummaryBreakdownRow = SummaryFigure.extend({ key: z.string(), label: z.string() }).openapi('SummaryBreakdownRow');

export const SummaryProjectRef = z
  .object({
    id: z.string(),
    name: z.string(),
    departmentName: z.string().nullable(),
    townshipName: z.string().nullable(),
    totalInvestment: z.string(),
    date: z.string().nullable(),
  })
  .openapi('SummaryProjectRef');

export const LaggingProject = SummaryProjectRef.extend({
  reason: z.enum(['behind_plan', 'idle', 'start_overdue']),
  detail: z.string(),
}).openapi('LaggingProject');

export const ReportedIssue = z
  .object({ projectId: z.string(), projectName: z.string(), departmentName: z.string().nullable(), problems: z.string(), measures: z.string().nullable() })
  .openapi('ReportedIssue');

export const ReportingCounts = z
  .object({ expected: z.number(), submitted: z.number(), approved: z.number(), missing: z.number(), late: z.number() })
  .openapi('ReportingCounts');

/** The investment thresholds (万元) a summary was computed with. */
export const SummaryThresholds = z
  .object({ countedMinWan: z.number(), majorMinWan: z.number(), largeMinWan: z.number() })
  .openapi('SummaryThresholds');

/** The 发改局 monthly summary (月度调度汇总): the answer of GET /api/summaries/{period}. */
export const MonthlySummary = z
  .object({
    divisionCode: z.string(),
    divisionName: z.string(),
    period: z.string(),
    periodLabel: z.string(),
    cumulativeLabel: z.string(),
    year: z.number(),
    generatedAt: z.string(),
    thresholds: SummaryThresholds,
    totals: SummaryFigure,
    bySector: z.array(SummaryBreakdownRow),
    byDepartment: z.array(SummaryBreakdownRow),
    byTownship: z.array(SummaryBreakdownRow),
    byLibrary: z.array(SummaryBreakdownRow),
    byBand: z.array(SummaryBreakdownRow),
    startedThisPeriod: z.array(SummaryProjectRef),
    completedThisPeriod: z.array(SummaryProjectRef),
    concentratedStarts: z.array(z.object({ date: z.string(), count: z.number(), projects: z.array(SummaryProjectRef) })),
    lagging: z.array(LaggingProject),
    issues: z.array(ReportedIssue),
    reporting: ReportingCounts,
    official: z.object({ yearCumulative: z.string(), growthPct: z.string().nullable() }).nullable(),
  })
  .openapi('MonthlySummary');

// The documents print `common/summary`'s interface; this schema must describe exactly that shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const isSameShape: Same<z.infer<typeof MonthlySummary>, SummaryShape> = true;
void isSameShape;
