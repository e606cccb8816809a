import Decimal from 'decimal.js';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Stage } from '../../../common/projects';
import { auditActorOf, recordAudit } from '../../platform/audit/audit.service';
import { divisionPrefix } from '../../platform/auth/scope';
import { rowsOf, type Database, type DbOrTx, type Tx } from '../../platform/db/client';
import type { Actor } from '../../platform/http/context';
import { AppError, notFound } from '../../platform/http/errors';
import { orgUnits } from '../org';
import { likePattern } from '../org';
import { projectScope } from '../projects';
import { plainWan } from '../projects';
import { projects } from '../projects';
import { normalizeSearch } from '../projects';
import { reportFigures, submitProblems } from '../../../common/monthly-report-rules';
import { getRules } from '../../platform/rules/rules.service';
import { reportRules } from './monthly-reports.rules';
import { upsertRecord } from '../../platform/workflow/save-record';
import { transitionRecord, writeHistory } from '../../platform/workflow/transitions';
import { distinctIds, runBatch, type BatchItem } from '../../platform/workflow/batch';
import { reportMachine, type ReportStatus } from './monthly-reports.machine';
import { reportPolicy, type ReportFacts } from './monthly-reports.policy';
import type { SaveDraftInput } from './monthly-reports.schemas';
import { monthlyReportFunding, monthlyReportPhotos, monthlyReports, reportingPeriods, reportingSettings } from './monthly-reports.tables';
import { attachments } from '../../platform/attachments';
import { uploadDocument } from '../projects';
import { beijingDate, DEFAULT_CYCLE, periodOf, periodSpec, type CycleSettings, type PeriodSpec } from './periods';

/** Stages whose projects report every month. */
export const REPORTING_STAGES: Stage[] = ['preliminary', 'ready', 'construction'];

type ReportRow = typeof monthlyReports.$inferSelect;

/** The division's cycle settings (defaults until the 发改局 changes them). */
export async function cycleSettings(tx: DbOrTx, divisionCode: string): Promise<CycleSettings & { lagMarginPct: number; idleMonths: number }> {
  const [row] = await tx.select().from(reportingSettings).where(eq(reportingSettings.divisionCode, divisionCode));
  return row ?? { ...DEFAULT_CYCLE, lagMarginPct: 20, idleMonths: 2 };
}

/** Whether a period has begun on a day (Beijing time): its first month has started. Later periods take no reports. */
export function isPeriodStarted(period: string, now: Date = new Date()): boolean {
  return `${period}-01` <= beijingDate(now);
}

/** Refuses a period that has not begun yet (a 2027-03 report on 2026-12-02), naming the field. */
export function refuseUnstartedPeriod(spec: Pick<PeriodSpec, 'period' | 'year' | 'firstMonth' | 'label'>, now: Date = new Date()): void {
  if (isPeriodStarted(spec.period, now)) return;
  throw new AppError('PERIOD_NOT_STARTED', `${spec.year}年${spec.label}报送期尚未开始（${spec.year}年${spec.firstMonth}月1日起开放），不能填报或导入未来月份的月报`, { field: 'period' });
}

/**
 * Opens a period if it does not exist yet (periods open on first use; no one has to create
 * them). Only the current and past periods open: a period that has not begun is refused and
 * left unopened.
 */
export async function ensurePeriod(tx: DbOrTx, divisionCode: string, period: string, now: Date = new Date()) {
  const settings = await cycleSettings(tx, divisionCode);
  const spec = periodSpec(period, settings);
  refuseUnstartedPeriod(spec, now);
  await tx
    .insert(reportingPeriods)
    .values({ divisionCode, period: spec.period, label: spec.label, firstMonth: spec.firstMonth, lastMonth: spec.lastMonth, deadline: spec.deadline, summaryDue: spec.summaryDue })
    .onConflictDoNothing();
  const [row] = await tx.select().from(reportingPeriods).where(and(eq(reportingPeriods.divisionCode, divisionCode), eq(reportingPeriods.period, spec.period)));
  return row;
}

/** The current period of a division (by Beijing date). */
export async function currentPeriod(tx: DbOrTx, divisionCode: string, now = new Date()) {
  const settings = await cycleSettings(tx, divisionCode);
  const today = beijingDate(now);
  return ensurePeriod(tx, divisionCode, periodOf(Number(today.slice(0, 4)), Number(today.slice(5, 7)), settings), now);
}

function present(r: ReportRow, funding: Array<{ source: string; amount: string }>) {
  return {
    id: r.id,
    projectId: r.projectId,
    period: r.period,
    revision: r.revision,
    status: r.status,
    stage: r.stage,
    preliminaryProgress: r.preliminaryProgress,
    investedThisPeriod: plainWan(r.investedThisPeriod),
    yearCumulative: plainWan(r.yearCumulative),
    sinceStartCumulative: plainWan(r.sinceStartCumulative),
    funding: funding.map((f) => ({ source: f.source, amount: plainWan(f.amount) })),
    progressText: r.progressText,
    progressPct: r.progressPct,
    problems: r.problems,
    measures: r.measures,
    explanation: r.explanation,
    revisionReason: r.revisionReason,
    isLate: r.isLate,
    isHistoryEntry: r.isHistoryEntry,
    submittedByName: r.submittedByName,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    reviewedByName: r.reviewedByName,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    reviewComment: r.reviewComment,
    version: r.version,
  };
}

/**
 * Approved figures of one project before a period: this year's and since the start, from the
 * latest approved revision of each earlier period, and the last reported progress %.
 */
export async function priorFigures(tx: DbOrTx, divisionCode: string, projectIds: string[], period: string) {
  const result = new Map<string, { yearBefore: string; allBefore: string; lastPct: number | null }>();
  if (!projectIds.length) return result;
  const yearStart = `${period.slice(0, 4)}-01`;
  const rows = await tx.execute(sql`
    with latest as (
      select distinct on (project_id, period) project_id, period, invested_this_period, progress_pct
      from ${monthlyReports}
      where division_code = ${divisionCode} and status = 'approved' and period < ${period}
        and project_id = any(string_to_array(${projectIds.join(',')}, ',')::uuid[])
      order by project_id, period, revision desc
    )
    select project_id,
      coalesce(sum(invested_this_period) filter (where period >= ${yearStart}), 0)::text as year_before,
      coalesce(sum(invested_this_period), 0)::text as all_before,
      (array_agg(progress_pct order by period desc) filter (where progress_pct is not null))[1] as last_pct
    from latest group by project_id`);
  for (const r of rowsOf<{ project_id: string; year_before: string; all_before: string; last_pct: number | null }>(rows)) {
    result.set(r.project_id, { yearBefore: plainWan(r.year_before), allBefore: plainWan(r.all_before), lastPct: r.last_pct === null ? null : Number(r.last_pct) });
  }
  return result;
}


/** What the report policy reads: the report (null before the first draft), its project, its period. */
function reportFacts(
  report: Pick<ReportRow, 'status' | 'submittedBy'> | null,
  project: { divisionCode: string; departmentId: string | null },
  context: { isLatest: boolean; isPeriodOpen: boolean } = { isLatest: true, isPeriodOpen: true },
): ReportFacts {
  return { divisionCode: project.divisionCode, status: report?.status ?? null, submittedBy: report?.submittedBy ?? null, departmentId: project.departmentId, ...context };
}

/** A report as the API shows it, with the actions the caller may take on it (reads its project, period and latest revision). */
async function presentFor(tx: DbOrTx, actor: Actor, r: ReportRow, funding: Array<{ source: string; amount: string }>) {
  const [project] = await tx.select({ departmentId: projects.departmentId }).from(projects).where(and(eq(projects.divisionCode, r.divisionCode), eq(projects.id, r.projectId)));
  const [period] = await tx.select({ status: reportingPeriods.status }).from(reportingPeriods).where(and(eq(reportingPeriods.divisionCode, r.divisionCode), eq(reportingPeriods.period, r.period)));
  const latest = await latestRevision(tx, r.divisionCode, r.projectId, r.period);
  const facts = reportFacts(r, { divisionCode: r.divisionCode, departmentId: project?.departmentId ?? null }, { isLatest: latest?.id === r.id, isPeriodOpen: period?.status === 'open' });
  return { ...present(r, funding), allowedActions: reportPolicy.allowedActions(actor, facts) };
}

const department = alias(orgUnits, 'report_department');
const township = alias(orgUnits, 'report_township');

/**
 * The batch-entry grid: every project in the caller's scope that reports this period, with
 * its latest revision and the approved figures before it.
 */
export async function reportGrid(
  database: Database,
  actor: Actor,
  query: { period: string; departmentId?: string; townshipId?: string; status?: string; q?: string; page: number; pageSize: number },
) {
  const { db } = database;
  const spec = periodSpec(query.period, await cycleSettings(db, actor.divisionCode));
  // Periods open on first use: looking at one is enough to start it (a period not begun yet is shown, not opened).
  if (divisionPrefix(actor.divisionCode).length === 6 && isPeriodStarted(spec.period)) await ensurePeriod(db, actor.divisionCode, spec.period);
  const latest = db
    .selectDistinctOn([monthlyReports.divisionCode, monthlyReports.projectId], {
      divisionCode: monthlyReports.divisionCode,
      projectId: monthlyReports.projectId,
      id: monthlyReports.id,
      status: monthlyReports.status,
    })
    .from(monthlyReports)
    .where(eq(monthlyReports.period, spec.period))
    .orderBy(monthlyReports.divisionCode, monthlyReports.projectId, desc(monthlyReports.revision))
    .as('latest');
  const statusFilter: SQL | undefined =
    query.status === 'none' ? sql`${latest.id} is null` : query.status ? eq(latest.status, query.status) : undefined;
  const where = and(
    projectScope(actor),
    inArray(projects.stage, REPORTING_STAGES),
    query.departmentId ? eq(projects.departmentId, query.departmentId) : undefined,
    query.townshipId ? eq(projects.townshipId, query.townshipId) : undefined,
    query.q ? sql`${projects.searchText} like ${likePattern(normalizeSearch(query.q))}` : undefined,
    statusFilter,
  );
  const base = db
    .select({ project: projects, departmentName: department.name, townshipName: township.name, reportId: latest.id })
    .from(projects)
    .leftJoin(department, and(eq(department.divisionCode, projects.divisionCode), eq(department.id, projects.departmentId)))
    .leftJoin(township, and(eq(township.divisionCode, projects.divisionCode), eq(township.id, projects.townshipId)))
    .leftJoin(latest, and(eq(latest.divisionCode, projects.divisionCode), eq(latest.projectId, projects.id)));
  const [rows, [count]] = await Promise.all([
    base.where(where).orderBy(asc(department.name), asc(projects.name)).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(projects).leftJoin(latest, and(eq(latest.divisionCode, projects.divisionCode), eq(latest.projectId, projects.id))).where(where),
  ]);
  const reportIds = rows.map((r) => r.reportId).filter((id): id is string => !!id);
  const reports = reportIds.length ? await db.select().from(monthlyReports).where(inArray(monthlyReports.id, reportIds)) : [];
  const funding = reportIds.length ? await db.select().from(monthlyReportFunding).where(inArray(monthlyReportFunding.reportId, reportIds)) : [];
  const byDivision = new Map<string, string[]>();
  for (const r of rows) byDivision.set(r.project.divisionCode, [...(byDivision.get(r.project.divisionCode) ?? []), r.project.id]);
  const prior = new Map<string, { yearBefore: string; allBefore: string; lastPct: number | null }>();
  for (const [divisionCode, ids] of byDivision) for (const [k, v] of await priorFigures(db, divisionCode, ids, spec.period)) prior.set(k, v);
  const periodRows = byDivision.size
    ? await db.select({ divisionCode: reportingPeriods.divisionCode, status: reportingPeriods.status }).from(reportingPeriods).where(and(inArray(reportingPeriods.divisionCode, [...byDivision.keys()]), eq(reportingPeriods.period, spec.period)))
    : [];
  const openDivisions = new Set(periodRows.filter((p) => p.status === 'open').map((p) => p.divisionCode));
  return {
    period: { ...spec },
    data: rows.map((r) => {
      const report = reports.find((x) => x.id === r.reportId) ?? null;
      const before = prior.get(r.project.id);
      const facts = reportFacts(report, r.project, { isLatest: true, isPeriodOpen: openDivisions.has(r.project.divisionCode) });
      const allowedActions = reportPolicy.allowedActions(actor, facts);
      return {
        projectId: r.project.id,
        projectName: r.project.name,
        departmentName: r.departmentName,
        townshipName: r.townshipName,
        stage: r.project.stage,
        totalInvestment: plainWan(r.project.totalInvestment),
        yearCumulativeBefore: before?.yearBefore ?? '0',
        sinceStartBefore: before?.allBefore ?? '0',
        lastProgressPct: before?.lastPct ?? null,
        report: report ? { ...present(report, funding.filter((f) => f.reportId === report.id)), allowedActions } : null,
        canFill: reportPolicy.permits(actor, 'edit', facts),
        canReview: reportPolicy.permits(actor, 'approve', facts),
        allowedActions,
      };
    }),
    total: count.n,
  };
}

async function loadReportable(tx: DbOrTx, actor: Actor, projectId: string) {
  const [project] = await tx.select().from(projects).where(and(eq(projects.id, projectId), projectScope(actor)));
  if (!project) notFound('项目不存在或不在您的数据范围内');
  return project;
}

async function openPeriodOrRefuse(tx: DbOrTx, divisionCode: string, period: string, now: Date = new Date()) {
  const row = await ensurePeriod(tx, divisionCode, period, now);
  if (row.status !== 'open') throw new AppError('CONFLICT', `${row.label}报送期已关闭，如需修改请向发改局提交重开申请`);
  return row;
}

async function latestRevision(tx: DbOrTx, divisionCode: string, projectId: string, period: string) {
  const [row] = await tx
    .select()
    .from(monthlyReports)
    .where(and(eq(monthlyReports.divisionCode, divisionCode), eq(monthlyReports.projectId, projectId), eq(monthlyReports.period, period)))
    .orderBy(desc(monthlyReports.revision))
    .limit(1);
  return row ?? null;
}

async function fundingOf(tx: DbOrTx, divisionCode: string, reportId: string) {
  return tx.select().from(monthlyReportFunding).where(and(eq(monthlyReportFunding.divisionCode, divisionCode), eq(monthlyReportFunding.reportId, reportId)));
}

async function replaceReportFunding(tx: Tx, divisionCode: string, reportId: string, funding: Array<{ source: string; amount: string }>) {
  await tx.delete(monthlyReportFunding).where(and(eq(monthlyReportFunding.divisionCode, divisionCode), eq(monthlyReportFunding.reportId, reportId)));
  const rows = funding.filter((f) => new Decimal(f.amount).gt(0));
  if (rows.length) await tx.insert(monthlyReportFunding).values(rows.map((f) => ({ divisionCode, reportId, source: f.source, amount: f.amount })));
}

/** Saves the draft of a project's report for a period (creating revision 1, or editing the open draft). */
export async function saveDraft(database: Database, actor: Actor, projectId: string, periodInput: string, input: SaveDraftInput, now: Date = new Date()) {
  return database.db.transaction(async (tx) => {
    const project = await loadReportable(tx, actor, projectId);
    reportPolicy.authorize(actor, 'edit', reportFacts(null, project));
    const spec = periodSpec(periodInput, await cycleSettings(tx, project.divisionCode));
    const period = await openPeriodOrRefuse(tx, project.divisionCode, spec.period, now);
    const latest = await latestRevision(tx, project.divisionCode, projectId, spec.period);
    const { version, funding, ...fields } = input;
    if (latest && latest.status !== 'draft') {
      throw new AppError('CONFLICT', latest.status === 'submitted' ? '月报已提交待审核，不能修改' : '已审核或已退回的月报不能直接修改，请点击“更正”生成新版本');
    }
    // The open draft is edited at the version read; with none yet, version 0 creates revision 1.
    const row = await upsertRecord(tx, {
      table: monthlyReports,
      where: and(
        eq(monthlyReports.divisionCode, project.divisionCode),
        eq(monthlyReports.projectId, projectId),
        eq(monthlyReports.period, spec.period),
        eq(monthlyReports.revision, latest?.revision ?? 1),
      ),
      version,
      current: latest ?? undefined,
      set: { ...fields, stage: project.stage },
      values: { divisionCode: project.divisionCode, projectId, period: spec.period, revision: 1, stage: project.stage, ...fields, isHistoryEntry: period.historyEntry, createdBy: actor.id },
      after: async (saved) => {
        if (!latest) await writeHistory(tx, reportMachine, [{ divisionCode: project.divisionCode, recordId: saved.id, from: null, to: 'draft', action: 'create', actor }]);
      },
      audit: null,
      present: (saved) => saved,
    });
    if (funding) await replaceReportFunding(tx, project.divisionCode, row.id, funding);
    return presentFor(tx, actor, row, await fundingOf(tx, project.divisionCode, row.id));
  });
}

/**
 * Submits the open draft: required fields by stage, cumulative figures computed from the
 * approved months before, the explanation rules, lateness against the deadline.
 */
export async function submitReport(database: Database, actor: Actor, reportId: string, now = new Date()) {
  return database.db.transaction(async (tx) => {
    const report = await loadReportInScope(tx, actor, reportId);
    const project = await loadReportable(tx, actor, report.projectId);
    reportPolicy.authorize(actor, 'submit', reportFacts(report, project));
    const period = await openPeriodOrRefuse(tx, report.divisionCode, report.period, now);
    reportMachine.assert(report.status as ReportStatus, { action: 'submit' }, actor, { report });
    const before = (await priorFigures(tx, report.divisionCode, [project.id], report.period)).get(project.id);
    const prior = { totalInvestment: plainWan(project.totalInvestment), yearCumulativeBefore: before?.yearBefore ?? '0', sinceStartBefore: before?.allBefore ?? '0', lastProgressPct: before?.lastPct ?? null };
    const problems = submitProblems(project.stage, report, prior);
    if (problems.length) throw new AppError('VALIDATION_FAILED', problems.map((p) => p.message).join('；'), { field: problems[0].field });
    const figures = reportFigures(report, prior);
    const yearCumulative = new Decimal(figures.yearCumulative);
    const sinceStart = new Decimal(figures.sinceStart);
    // A report entered in the period's history-entry mode (补录) is never late.
    const isHistoryEntry = period.historyEntry;
    const isLate = !isHistoryEntry && beijingDate(now) > period.deadline;
    return transitionRecord(tx, reportMachine, {
      actor,
      ...reportRecord(report),
      move: { action: 'submit' },
      facts: { report },
      set: {
        stage: project.stage,
        yearCumulative: yearCumulative.toFixed(4),
        sinceStartCumulative: sinceStart.toFixed(4),
        isLate,
        isHistoryEntry,
        submittedBy: actor.id,
        submittedByName: actor.displayName,
        submittedAt: now,
        updatedAt: now,
      },
      conflict: () => new AppError('CONFLICT', '月报已被提交'),
      audit: (row) => ({
        actor: auditActorOf(actor),
        divisionCode: report.divisionCode,
        action: 'monthly_report.submitted',
        entityType: 'monthly_report',
        entityId: row.id,
        summary: `提交月报：${project.name}（${period.label}${row.revision > 1 ? `，第 ${row.revision} 版` : ''}${isLate ? '，逾期' : ''}${isHistoryEntry ? '，补录历史数据' : ''}）`,
        after: { ...row, projectId: project.id },
      }),
      present: async (row) => presentFor(tx, actor, row, await fundingOf(tx, report.divisionCode, row.id)),
    });
  });
}

/** A report as its machine's record: table, state column, key. */
function reportRecord(report: ReportRow) {
  return {
    table: monthlyReports,
    stateColumn: monthlyReports.status,
    record: { divisionCode: report.divisionCode, id: report.id, state: report.status as ReportStatus },
    where: and(eq(monthlyReports.divisionCode, report.divisionCode), eq(monthlyReports.id, report.id)),
  };
}

async function loadReportInScope(tx: DbOrTx, actor: Actor, reportId: string): Promise<ReportRow> {
  const [row] = await tx
    .select({ report: monthlyReports })
    .from(monthlyReports)
    .innerJoin(projects, and(eq(projects.divisionCode, monthlyReports.divisionCode), eq(projects.id, monthlyReports.projectId)))
    .where(and(eq(monthlyReports.id, reportId), projectScope(actor)));
  if (!row) notFound('月报不存在或不在您的数据范围内');
  return row.report;
}

/** Approves or returns a submitted report; the approver may not be its submitter. */
export async function reviewReport(database: Database, actor: Actor, reportId: string, decision: { approve: boolean; comment?: string | null }) {
  return database.db.transaction(async (tx) => {
    const report = await loadReportInScope(tx, actor, reportId);
    const [project] = await tx.select().from(projects).where(and(eq(projects.divisionCode, report.divisionCode), eq(projects.id, report.projectId)));
    reportPolicy.authorize(actor, decision.approve ? 'approve' : 'return', reportFacts(report, project));
    const status = decision.approve ? 'approved' : 'returned';
    return transitionRecord(tx, reportMachine, {
      actor,
      ...reportRecord(report),
      move: { action: decision.approve ? 'approve' : 'return' },
      facts: { report },
      reason: decision.comment ?? null,
      set: { reviewedBy: actor.id, reviewedByName: actor.displayName, reviewedAt: new Date(), reviewComment: decision.comment ?? null },
      conflict: () => new AppError('CONFLICT', '该月报已被审核'),
      audit: () => ({
        actor: auditActorOf(actor),
        divisionCode: report.divisionCode,
        action: decision.approve ? 'monthly_report.approved' : 'monthly_report.returned',
        entityType: 'monthly_report',
        entityId: report.id,
        summary: `${decision.approve ? '审核通过' : '退回'}月报：${project.name}（${report.period}）${decision.comment ? `：${decision.comment}` : ''}`,
        before: { status: 'submitted' },
        after: { status, comment: decision.comment ?? null, projectId: report.projectId },
      }),
      present: async (row) => presentFor(tx, actor, row, await fundingOf(tx, report.divisionCode, row.id)),
    });
  });
}

/** Starts a correction: a new draft revision copying the latest one, with the reason recorded. */
export async function reviseReport(database: Database, actor: Actor, reportId: string, reason: string) {
  return database.db.transaction(async (tx) => {
    const report = await loadReportInScope(tx, actor, reportId);
    reportPolicy.authorize(actor, 'revise', reportFacts(report, { divisionCode: report.divisionCode, departmentId: null }));
    await openPeriodOrRefuse(tx, report.divisionCode, report.period);
    const latest = await latestRevision(tx, report.divisionCode, report.projectId, report.period);
    if (!latest || latest.id !== report.id) throw new AppError('CONFLICT', '只能更正最新版本');
    const revise = reportMachine.assert(report.status as ReportStatus, { action: 'revise' }, actor, { report });
    const { id: _id, revision, status: _s, submittedAt: _a, submittedBy: _b, submittedByName: _c, reviewedAt: _d, reviewedBy: _e, reviewedByName: _f, reviewComment: _g, createdAt: _h, updatedAt: _i, version: _v, isLate: _l, ...copy } = report;
    const [row] = await tx
      .insert(monthlyReports)
      .values({ ...copy, revision: revision + 1, status: revise.to, revisionReason: reason, createdBy: actor.id })
      .returning();
    await writeHistory(tx, reportMachine, [{ divisionCode: report.divisionCode, recordId: row.id, from: report.status, to: revise.to, action: revise.action, reason, actor }]);
    const funding = await fundingOf(tx, report.divisionCode, report.id);
    await replaceReportFunding(tx as Tx, report.divisionCode, row.id, funding);
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      divisionCode: report.divisionCode,
      action: 'monthly_report.revised',
      entityType: 'monthly_report',
      entityId: row.id,
      summary: `更正月报（第 ${row.revision} 版）：${reason}`,
      after: { projectId: report.projectId, period: report.period, revision: row.revision, reason },
    });
    return presentFor(tx, actor, row, funding);
  });
}

/** One report revision with the project's other revisions of the period. */
export async function getReport(database: Database, actor: Actor, reportId: string) {
  const report = await loadReportInScope(database.db, actor, reportId);
  const revisions = await database.db
    .select()
    .from(monthlyReports)
    .where(and(eq(monthlyReports.divisionCode, report.divisionCode), eq(monthlyReports.projectId, report.projectId), eq(monthlyReports.period, report.period)))
    .orderBy(asc(monthlyReports.revision));
  const funding = await database.db.select().from(monthlyReportFunding).where(inArray(monthlyReportFunding.reportId, revisions.map((r) => r.id)));
  const [project] = await database.db.select({ departmentId: projects.departmentId }).from(projects).where(and(eq(projects.divisionCode, report.divisionCode), eq(projects.id, report.projectId)));
  const [period] = await database.db.select({ status: reportingPeriods.status }).from(reportingPeriods).where(and(eq(reportingPeriods.divisionCode, report.divisionCode), eq(reportingPeriods.period, report.period)));
  const latestId = revisions[revisions.length - 1]?.id;
  const withActions = (r: ReportRow) => ({
    ...present(r, funding.filter((f) => f.reportId === r.id)),
    allowedActions: reportPolicy.allowedActions(
      actor,
      reportFacts(r, { divisionCode: r.divisionCode, departmentId: project?.departmentId ?? null }, { isLatest: r.id === latestId, isPeriodOpen: period?.status === 'open' }),
    ),
  });
  return { report: withActions(report), revisions: revisions.map(withActions) };
}

/** Site photos of a report revision (stored as attachments of the project, linked to the report). */
export async function listReportPhotos(database: Database, actor: Actor, reportId: string) {
  const report = await loadReportInScope(database.db, actor, reportId);
  const rows = await database.db
    .select({ photo: attachments })
    .from(monthlyReportPhotos)
    .innerJoin(attachments, and(eq(attachments.divisionCode, monthlyReportPhotos.divisionCode), eq(attachments.id, monthlyReportPhotos.documentId)))
    .where(and(eq(monthlyReportPhotos.divisionCode, report.divisionCode), eq(monthlyReportPhotos.reportId, report.id)))
    .orderBy(asc(attachments.uploadedAt));
  return rows.map((r) => ({ id: r.photo.id, filename: r.photo.filename, mediaType: r.photo.mediaType, size: r.photo.size, uploadedAt: r.photo.uploadedAt.toISOString() }));
}

/** Adds a site photo (JPG/PNG) to a draft report: stored as an attachment of the project and linked to the report. */
export async function addReportPhoto(database: Database, filesDir: string, actor: Actor, reportId: string, file: File, quotaBytes?: number) {
  const report = await loadReportInScope(database.db, actor, reportId);
  reportPolicy.authorize(actor, 'addPhoto', reportFacts(report, { divisionCode: report.divisionCode, departmentId: null }));
  if (report.status !== 'draft') throw new AppError('CONFLICT', '只能给草稿添加现场照片；已提交的月报请通过“更正”生成新版本');
  const [count] = await database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(monthlyReportPhotos)
    .where(and(eq(monthlyReportPhotos.divisionCode, report.divisionCode), eq(monthlyReportPhotos.reportId, report.id)));
  const { maxPhotos } = await getRules(database.db, report.divisionCode, reportRules);
  if (count.n >= maxPhotos) throw new AppError('CONFLICT', `每份月报最多 ${maxPhotos} 张现场照片`);
  return uploadDocument(database, filesDir, actor, report.projectId, file, {
    quotaBytes,
    allowedTypes: ['image/jpeg', 'image/png'],
    alongside: async (tx, photo) => {
      await tx.insert(monthlyReportPhotos).values({ divisionCode: report.divisionCode, reportId: report.id, documentId: photo.id });
    },
  });
}

/** The reports of a batch in the caller's scope, labelled by project; any id outside it refuses the whole batch (404). */
async function loadBatchInScope(tx: DbOrTx, actor: Actor, reportIds: string[]): Promise<BatchItem[]> {
  const ids = distinctIds(reportIds);
  const rows = await tx
    .select({ id: monthlyReports.id, projectName: projects.name })
    .from(monthlyReports)
    .innerJoin(projects, and(eq(projects.divisionCode, monthlyReports.divisionCode), eq(projects.id, monthlyReports.projectId)))
    .where(and(inArray(monthlyReports.id, ids), projectScope(actor)));
  const names = new Map(rows.map((r) => [r.id, r.projectName]));
  const missing = ids.filter((id) => !names.has(id)).length;
  if (missing) notFound(`所选 ${ids.length} 份月报中有 ${missing} 份不存在或不在您的数据范围内，整批未处理`);
  return ids.map((id) => ({ id, label: names.get(id)! }));
}

/** What a batch answers: each report it moved, with its project's name. */
function batchResult(items: BatchItem[], moved: Array<{ id: string; projectId: string; status: string; version: number }>) {
  return { count: moved.length, data: moved.map((r, i) => ({ id: r.id, projectId: r.projectId, projectName: items[i].label, status: r.status, version: r.version })) };
}

/**
 * 批量审核: approves or returns many submitted reports with one 审核意见, each through the
 * single review (its policy, machine, history and one audit entry per report), all or nothing.
 */
export async function reviewReports(database: Database, actor: Actor, input: { reportIds: string[]; decision: 'approve' | 'return'; comment?: string | null }) {
  const items = await loadBatchInScope(database.db, actor, input.reportIds);
  const decision = { approve: input.decision === 'approve', comment: input.comment ?? null };
  const moved = await runBatch(database, items, { verb: decision.approve ? '审核通过' : '退回', noun: '月报' }, (scoped, item) => reviewReport(scoped, actor, item.id, decision));
  return batchResult(items, moved);
}

/** 批量提交: submits many drafts, each through the single submission (its rules, lateness and audit entry), all or nothing. */
export async function submitReports(database: Database, actor: Actor, input: { reportIds: string[] }, now = new Date()) {
  const items = await loadBatchInScope(database.db, actor, input.reportIds);
  const moved = await runBatch(database, items, { verb: '提交', noun: '月报' }, (scoped, item) => submitReport(scoped, actor, item.id, now));
  return batchResult(items, moved);
}
