import { z } from '@hono/zod-openapi';
import { FUNDING_SOURCES } from '../../../common/projects';
import { Wan } from '../projects/projects.schemas';

export const PeriodParam = z.object({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '报送期格式应为 YYYY-MM，如 2024-10（1—2月合并期为 2024-01）'),
});

export const ReportFields = z
  .object({
    preliminaryProgress: z.string().trim().max(4000).nullish(),
    investedThisPeriod: Wan.default('0'),
    funding: z
      .array(z.object({ source: z.enum(FUNDING_SOURCES), amount: Wan }))
      .max(10)
      .optional(),
    progressText: z.string().trim().max(4000).nullish(),
    progressPct: z.number().int().min(0, '形象进度应在 0–100 之间').max(100, '形象进度应在 0–100 之间').nullish(),
    problems: z.string().trim().max(4000).nullish(),
    measures: z.string().trim().max(4000).nullish(),
    explanation: z.string().trim().max(2000).nullish(),
  })
  .strict();

export const SaveDraftBody = ReportFields.extend({ version: z.number().int().min(0) }).strict().openapi('SaveMonthlyReportDraft');
export type SaveDraftInput = z.infer<typeof SaveDraftBody>;

export const ReportListQuery = z.object({
  period: PeriodParam.shape.period,
  departmentId: z.string().uuid().optional(),
  townshipId: z.string().uuid().optional(),
  status: z.enum(['none', 'draft', 'submitted', 'approved', 'returned']).optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

export const MonthlyReport = z
  .object({
    id: z.string(),
    projectId: z.string(),
    period: z.string(),
    revision: z.number(),
    status: z.string(),
    stage: z.string(),
    preliminaryProgress: z.string().nullable(),
    investedThisPeriod: z.string(),
    yearCumulative: z.string(),
    sinceStartCumulative: z.string(),
    funding: z.array(z.object({ source: z.string(), amount: z.string() })),
    progressText: z.string().nullable(),
    progressPct: z.number().nullable(),
    problems: z.string().nullable(),
    measures: z.string().nullable(),
    explanation: z.string().nullable(),
    revisionReason: z.string().nullable(),
    isLate: z.boolean(),
    submittedByName: z.string().nullable(),
    submittedAt: z.string().nullable(),
    reviewedByName: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    reviewComment: z.string().nullable(),
    version: z.number(),
  })
  .openapi('MonthlyReport');

export const GridRow = z
  .object({
    projectId: z.string(),
    projectName: z.string(),
    departmentName: z.string().nullable(),
    townshipName: z.string().nullable(),
    stage: z.string(),
    totalInvestment: z.string(),
    /** Approved figures before this period, shown for checking. */
    yearCumulativeBefore: z.string(),
    sinceStartBefore: z.string(),
    lastProgressPct: z.number().nullable(),
    report: MonthlyReport.nullable(),
    canFill: z.boolean(),
    canReview: z.boolean(),
  })
  .openapi('MonthlyReportGridRow');

export const ReviewBody = z.object({ comment: z.string().trim().max(2000).nullish() }).strict();
export const ReturnBody = z.object({ comment: z.string().trim().min(2, '退回须填写原因').max(2000) }).strict();
export const ReviseBody = z.object({ reason: z.string().trim().min(2, '更正须填写原因').max(2000) }).strict();
export const ReportIdParam = z.object({ id: z.string().uuid('编号格式不正确') });
export const ProjectPeriodParam = z.object({ projectId: z.string().uuid('编号格式不正确'), period: PeriodParam.shape.period });
