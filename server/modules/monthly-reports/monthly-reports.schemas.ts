import { z } from '@hono/zod-openapi';
import { FUNDING_SOURCES } from '../../../common/projects';
import { PERIOD_ACTIONS, REOPEN_REQUEST_ACTIONS, REPORT_ACTIONS } from './monthly-reports.actions';
import { Wan } from '../projects';

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
    /** Entered in the period's history-entry mode (补录历史数据): never late. */
    isHistoryEntry: z.boolean(),
    submittedByName: z.string().nullable(),
    submittedAt: z.string().nullable(),
    reviewedByName: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    reviewComment: z.string().nullable(),
    version: z.number(),
    /** What the caller may do to this revision (the monthly-report policy): the UI shows these buttons only. */
    allowedActions: z.array(z.enum(REPORT_ACTIONS)),
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
    /** What the caller may do to the row's report — a new draft when there is none yet. */
    allowedActions: z.array(z.enum(REPORT_ACTIONS)),
  })
  .openapi('MonthlyReportGridRow');

export const ReviewBody = z.object({ comment: z.string().trim().max(2000).nullish() }).strict();
export const ReturnBody = z.object({ comment: z.string().trim().min(2, '退回须填写原因').max(2000) }).strict();
export const ReviseBody = z.object({ reason: z.string().trim().min(2, '更正须填写原因').max(2000) }).strict();
export const ReportIdParam = z.object({ id: z.string().uuid('编号格式不正确') });
export const ProjectPeriodParam = z.object({ projectId: z.string().uuid('编号格式不正确'), period: PeriodParam.shape.period });

/** A reporting period as the API shows it. */
export const ReportingPeriod = z
  .object({
    period: z.string(),
    /** 「10月」 or 「1—2月」. */
    label: z.string(),
    /** 「1—10月」. */
    cumulativeLabel: z.string(),
    /** YYYY-MM-DD. */
    deadline: z.string(),
    summaryDue: z.string(),
    /** 'open', 'closed' or 'future'. */
    status: z.string(),
    closedAt: z.string().nullable(),
    closedByName: z.string().nullable(),
    /** 补录历史数据: reports submitted while on are history entries, never late; the period's lateness is not flagged. */
    historyEntry: z.boolean(),
    /** Who turned the mode on or off last, when and why. */
    historyEntryByName: z.string().nullable(),
    historyEntryAt: z.string().nullable(),
    historyEntryReason: z.string().nullable(),
    /** What the caller may do to this period (the period policy). */
    allowedActions: z.array(z.enum(PERIOD_ACTIONS)),
  })
  .openapi('ReportingPeriod');

/** Who approves a reopen request the caller makes (the division's 重开审批人 rule, with the city as the fallback). */
export const ReopenApproverInfo = z
  .object({
    /** The rule's value: same_unit_other_user, unit_leader or city. */
    rule: z.string(),
    ruleLabel: z.string(),
    /** Where a request goes now: unit, leader, city or province; null when nobody can approve. */
    kind: z.string().nullable(),
    /** 「河西县发改局其他人员（张三）」. */
    label: z.string(),
    /** The rule's own approver has nobody but the caller, so requests go up. */
    isFallback: z.boolean(),
  })
  .openapi('ReopenApproverInfo');

export const PeriodsAnswer = z
  .object({ current: z.string(), reopenApprover: ReopenApproverInfo.nullable(), data: z.array(ReportingPeriod) })
  .openapi('ReportingPeriods');

/** Turns history-entry mode on or off for one past period or for every past period of a year. */
export const HistoryEntryBody = z
  .object({
    period: PeriodParam.shape.period.optional(),
    year: z.number().int().min(2000, '年份不正确').max(2100, '年份不正确').optional(),
    enabled: z.boolean(),
    reason: z.string().trim().min(2, '请填写原因').max(500, '原因不超过 500 字'),
  })
  .strict()
  .refine((b) => (b.period === undefined) !== (b.year === undefined), { message: '请选择一个报送期或一个年度', path: ['period'] })
  .openapi('HistoryEntryBody');

export const HistoryEntryAnswer = z
  .object({
    /** The periods whose mode changed. */
    data: z.array(ReportingPeriod),
    /** The periods left as they were, and why (already in the mode, closed). */
    skipped: z.array(z.object({ period: z.string(), label: z.string(), reason: z.string() })),
  })
  .openapi('HistoryEntryAnswer');

export const PeriodReopenRequest = z
  .object({
    id: z.string(),
    divisionCode: z.string(),
    /** The requesting county's name, on a request another division sent up to the caller (a city approving its counties'). */
    divisionName: z.string().nullable(),
    period: z.string(),
    reason: z.string(),
    status: z.string(),
    requestedByName: z.string(),
    requestedAt: z.string(),
    reviewedByName: z.string().nullable().optional(),
    reviewComment: z.string().nullable().optional(),
    /** Who decides (the 重开审批人 rule when requested): unit, leader, city or province. */
    approverKind: z.string(),
    /** Who will approve, as the requester was told. */
    approverLabel: z.string().nullable(),
    /** On the answer to a new request: who will approve, and whether it went up to the city. */
    approverNote: z.string().optional(),
    /** What the caller may do to this request (the reopen-request policy). */
    allowedActions: z.array(z.enum(REOPEN_REQUEST_ACTIONS)),
  })
  .openapi('PeriodReopenRequest');

export const PeriodReopenRequests = z.object({ data: z.array(PeriodReopenRequest) }).openapi('PeriodReopenRequests');

/** Everything about a period key: months, labels, deadline and summary due date. */
export const PeriodSpec = z
  .object({
    period: z.string(),
    year: z.number(),
    firstMonth: z.number(),
    lastMonth: z.number(),
    label: z.string(),
    cumulativeLabel: z.string(),
    deadline: z.string(),
    summaryDue: z.string(),
  })
  .openapi('PeriodSpec');

export const GridAnswer = z.object({ period: PeriodSpec, data: z.array(GridRow), total: z.number() }).openapi('MonthlyReportGrid');

export const ReportWithRevisions = z.object({ report: MonthlyReport, revisions: z.array(MonthlyReport) }).openapi('MonthlyReportWithRevisions');

export const LatenessAnswer = z
  .object({
    projects: z.array(
      z.object({ kind: z.string(), projectId: z.string(), projectName: z.string(), departmentId: z.string().nullable(), departmentName: z.string().nullable() }),
    ),
    byDepartment: z.array(z.object({ departmentId: z.string().nullable(), departmentName: z.string(), missing: z.number(), late: z.number() })),
  })
  .openapi('PeriodLateness');

/** One site photo of a monthly report; its file is served by /api/documents/{id}/download. */
export const ReportPhoto = z.object({ id: z.string(), filename: z.string(), mediaType: z.string(), size: z.number(), uploadedAt: z.string() }).openapi('ReportPhoto');

/** The answer of a photo upload: the photo and who uploaded it. */
export const UploadedReportPhoto = ReportPhoto.extend({ uploadedByName: z.string().nullable() }).openapi('UploadedReportPhoto');

export const ReportPhotos = z.object({ data: z.array(ReportPhoto) }).openapi('ReportPhotos');

/** One problem of a batch-entry workbook: `row` is the sheet row, `column` its letter, `field` the report field. */
export const ReportImportProblem = z
  .object({ row: z.number(), column: z.string().optional(), field: z.string().optional(), message: z.string() })
  .openapi('ReportImportProblem');

/** The values read from one row of the batch-entry workbook. */
export const ReportImportValues = z
  .object({
    investedThisPeriod: z.string().optional(),
    progressPct: z.number().optional(),
    progressText: z.string().nullable().optional(),
    preliminaryProgress: z.string().nullable().optional(),
    problems: z.string().nullable().optional(),
    measures: z.string().nullable().optional(),
    explanation: z.string().nullable().optional(),
  })
  .openapi('ReportImportValues');
export type ReportImportValues = z.infer<typeof ReportImportValues>;

export const ReportImportPreview = z
  .object({
    fileName: z.string(),
    period: z.string(),
    records: z.array(z.object({ row: z.number(), projectId: z.string(), projectName: z.string(), values: ReportImportValues })),
    problems: z.array(ReportImportProblem),
    canCommit: z.boolean(),
  })
  .openapi('ReportImportPreview');

export const ReportImportResult = z.object({ saved: z.number() }).openapi('ReportImportResult');

/** How many records one batch action takes at most. */
export const MAX_BATCH_IDS = 500;

const BatchReportIds = z
  .array(z.string().uuid('编号格式不正确'))
  .min(1, '请至少选择一份月报')
  .max(MAX_BATCH_IDS, `一次最多处理 ${MAX_BATCH_IDS} 份月报`);

/**
 * 批量审核: one decision and one 审核意见 for many submitted reports. The batch is all or
 * nothing: when one report cannot take the decision, none changes and the answer names it.
 */
export const BatchReviewBody = z
  .object({
    reportIds: BatchReportIds,
    decision: z.enum(['approve', 'return']),
    comment: z.string().trim().max(2000).nullish(),
  })
  .strict()
  .refine((body) => body.decision !== 'return' || (body.comment ?? '').length >= 2, { message: '退回须填写原因', path: ['comment'] })
  .openapi('BatchReviewMonthlyReports');

/** 批量提交: many drafts at once, all or nothing. */
export const BatchSubmitBody = z.object({ reportIds: BatchReportIds }).strict().openapi('BatchSubmitMonthlyReports');

/** What a batch action did: every report it moved, with its new status. */
export const BatchReportResult = z
  .object({
    count: z.number(),
    data: z.array(z.object({ id: z.string(), projectId: z.string(), projectName: z.string(), status: z.string(), version: z.number() })),
  })
  .openapi('MonthlyReportBatchResult');

/** One report that stopped a batch: why it cannot take the action. */
export const BatchBlocker = z
  .object({ id: z.string(), projectName: z.string(), code: z.string(), message: z.string(), field: z.string().optional() })
  .openapi('MonthlyReportBatchBlocker');
