import { sql } from 'drizzle-orm';
import { boolean, char, date, index, integer, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, unique, uuid, varchar } from 'drizzle-orm/pg-core';

const wan = (name: string) => numeric(name, { precision: 18, scale: 4 });

/** Per-division settings of the monthly cycle (data, editable by the 发改局). */
export const reportingSettings = pgTable('reporting_settings', {
  divisionCode: char('division_code', { length: 6 }).primaryKey(),
  /** Day of the month department reports are due (moved to the next working day when a holiday). */
  deadlineDay: smallint('deadline_day').notNull().default(20),
  /** Day of the next month the 发改局 summary is due. */
  summaryDay: smallint('summary_day').notNull().default(10),
  /** January and February are reported together as 「1—2月」. */
  combineJanFeb: boolean('combine_jan_feb').notNull().default(true),
  /** A project lags when its completed investment trails the plan-to-date by more than this share. */
  lagMarginPct: smallint('lag_margin_pct').notNull().default(20),
  /** A project under construction lags after this many months without investment. */
  idleMonths: smallint('idle_months').notNull().default(2),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 报送期 — one per month (「1—2月」 as one), opened automatically, frozen when closed. */
export const reportingPeriods = pgTable(
  'reporting_periods',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    /** `2024-10`; the combined 1—2月 period is `2024-01`. */
    period: char('period', { length: 7 }).notNull(),
    label: varchar('label', { length: 16 }).notNull(),
    firstMonth: smallint('first_month').notNull(),
    lastMonth: smallint('last_month').notNull(),
    deadline: date('deadline').notNull(),
    summaryDue: date('summary_due').notNull(),
    status: varchar('status', { length: 8 }).notNull().default('open'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedByName: varchar('closed_by_name', { length: 64 }),
    /**
     * 补录历史数据: turned on by the 发改局 for a past period (a county moving onto the platform
     * enters last year); reports submitted meanwhile are history entries, never late, and the
     * period's lateness is not flagged. Who turned it on or off last, when and why.
     */
    historyEntry: boolean('history_entry').notNull().default(false),
    historyEntryByName: varchar('history_entry_by_name', { length: 64 }),
    historyEntryAt: timestamp('history_entry_at', { withTimezone: true }),
    historyEntryReason: text('history_entry_reason'),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.period] })],
);

/**
 * 月报 — one revision of a project's report for a period. Submitted revisions are never
 * changed; a correction is a new revision, and the summary reads the latest approved one.
 */
export const monthlyReports = pgTable(
  'monthly_reports',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    projectId: uuid('project_id').notNull(),
    period: char('period', { length: 7 }).notNull(),
    revision: smallint('revision').notNull().default(1),
    /** draft → submitted → approved | returned; an older revision becomes superseded. */
    status: varchar('status', { length: 12 }).notNull().default('draft'),
    /** The project's stage when reported (decides required fields; kept for the record). */
    stage: varchar('stage', { length: 16 }).notNull(),
    preliminaryProgress: text('preliminary_progress'),
    investedThisPeriod: wan('invested_this_period').notNull().default('0'),
    /** Cumulative figures as computed when submitted, shown for checking, never typed. */
    yearCumulative: wan('year_cumulative').notNull().default('0'),
    sinceStartCumulative: wan('since_start_cumulative').notNull().default('0'),
    progressText: text('progress_text'),
    progressPct: smallint('progress_pct'),
    problems: text('problems'),
    measures: text('measures'),
    /** Why cumulative investment exceeds the total, or progress went backwards. */
    explanation: text('explanation'),
    /** Why a new revision corrects an earlier one. */
    revisionReason: text('revision_reason'),
    isLate: boolean('is_late').notNull().default(false),
    /** Entered in the period's history-entry mode (补录): never late, left out of the lateness statistics. */
    isHistoryEntry: boolean('is_history_entry').notNull().default(false),
    submittedBy: uuid('submitted_by'),
    submittedByName: varchar('submitted_by_name', { length: 64 }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by'),
    reviewedByName: varchar('reviewed_by_name', { length: 64 }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewComment: text('review_comment'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.divisionCode, t.id] }),
    unique('monthly_reports_revision_key').on(t.divisionCode, t.projectId, t.period, t.revision),
    index('monthly_reports_period_status_idx').on(t.divisionCode, t.period, t.status),
    index('monthly_reports_project_idx').on(t.divisionCode, t.projectId, t.period),
  ],
);

/** 资金到位 this period, by source, of one report revision. */
export const monthlyReportFunding = pgTable(
  'monthly_report_funding',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    reportId: uuid('report_id').notNull(),
    source: varchar('source', { length: 16 }).notNull(),
    amount: wan('amount').notNull(),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.reportId, t.source] })],
);

/** Missing or late reports at the deadline, per project and period (kept for the assessment). */
export const reportLateness = pgTable(
  'report_lateness',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    period: char('period', { length: 7 }).notNull(),
    projectId: uuid('project_id').notNull(),
    departmentId: uuid('department_id'),
    /** missing: nothing submitted by the deadline; late: submitted after it. */
    kind: varchar('kind', { length: 8 }).notNull(),
    flaggedAt: timestamp('flagged_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.period, t.projectId] }), index('report_lateness_department_idx').on(t.divisionCode, t.departmentId)],
);

/** Requests to reopen a closed period; approved by the 发改局. */
export const periodReopenRequests = pgTable(
  'period_reopen_requests',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    period: char('period', { length: 7 }).notNull(),
    reason: text('reason').notNull(),
    status: varchar('status', { length: 12 }).notNull().default('pending'),
    requestedBy: uuid('requested_by').notNull(),
    requestedByName: varchar('requested_by_name', { length: 64 }).notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Who decides, fixed when requested by the division's 重开审批人 rule: 'unit' (another 发改局
     * user of the division), 'leader' (a 县级领导 account of the division), 'city' or 'province'
     * (a 发改局 user of `approverDivisionCode`, when the rule says so or the division has no one else).
     */
    approverKind: varchar('approver_kind', { length: 12 }).notNull().default('unit'),
    approverDivisionCode: char('approver_division_code', { length: 6 }),
    /** Who will approve, as the requester was told. */
    approverLabel: varchar('approver_label', { length: 200 }),
    reviewedByName: varchar('reviewed_by_name', { length: 64 }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewComment: text('review_comment'),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.id] })],
);

/**
 * Figures kept apart from the platform's own reports: last year's figures imported for the
 * year-over-year comparison, and the official statistics (统计数) when the statistics
 * bureau publishes them. `scope` is 'total' or e.g. 'sector:industry'.
 */
export const investmentFigures = pgTable(
  'investment_figures',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    period: char('period', { length: 7 }).notNull(),
    /** 'dispatch' (调度数, imported history) or 'official' (统计数). */
    kind: varchar('kind', { length: 12 }).notNull(),
    scope: varchar('scope', { length: 64 }).notNull(),
    /** Cumulative for the year up to the period's end, in 万元. */
    yearCumulative: wan('year_cumulative').notNull(),
    note: text('note'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.period, t.kind, t.scope] })],
);

/** Site photos of a report revision: attachments of the project (`attachments`, same division and id), linked here to the report. */
export const monthlyReportPhotos = pgTable(
  'monthly_report_photos',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    reportId: uuid('report_id').notNull(),
    documentId: uuid('document_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.reportId, t.documentId] })],
);

/**
 * The summary of a closed period, kept as computed the first time it was asked for: a closed
 * period is frozen, so its summary is a published figure, not a live query. A month's
 * correction (a reopen, an approved report) feeds its own period's summary, every later
 * period's year-to-date and next year's 同期: those snapshots are marked stale
 * (`staleReason`) and recomputed on the next read, which records why (`recomputeReason`).
 * `scopeKey` separates what different scopes see.
 */
export const summarySnapshots = pgTable(
  'summary_snapshots',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    period: char('period', { length: 7 }).notNull(),
    scopeKey: varchar('scope_key', { length: 80 }).notNull(),
    summary: jsonb('summary').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when a month it covers changed: the next read recomputes it (「2026-03 月报更正」). */
    staleReason: text('stale_reason'),
    /** Why the kept figures were last recomputed; null when computed once. */
    recomputeReason: text('recompute_reason'),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.period, t.scopeKey] })],
);
