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

/** The full count of lagging projects, by reason (the list itself is complete too). */
export const LaggingCounts = z
  .object({ total: z.number(), behind_plan: z.number(), idle: z.number(), start_overdue: z.number() })
  .openapi('LaggingCounts');

/** The year's growth target and how far the 同比 reaches it (完成目标 %, the targets page's figure). */
export const GrowthTarget = z.object({ targetPct: z.string(), completionPct: z.string().nullable() }).openapi('GrowthTarget');

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
    asOf: z.string().openapi({ description: '预警判断日：报送期已结束的为期末，未结束的为当天' }),
    figureStatus: z.enum(['final', 'preliminary']).openapi({ description: 'final 正式（所涉县区均已关闭报送期）；preliminary 初步' }),
    figureNote: z.string().openapi({ example: '初步 · 报送期未关闭，已报 61%' }),
    laggingCounts: LaggingCounts,
    laggingDefinition: z.string(),
    byCounty: z.array(SummaryBreakdownRow).openapi({ description: '分县区（市、省汇总时每县一行，合计等于总数；县级为空）' }),
    growthTarget: GrowthTarget,
    recomputeReason: z.string().nullable().openapi({ example: '因 2026-03 月报更正重新计算' }),
  })
  .openapi('MonthlySummary');

// The documents print `common/summary`'s interface; this schema must describe exactly that shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const isSameShape: Same<z.infer<typeof MonthlySummary>, SummaryShape> = true;
void isSameShape;
