import { and, desc, eq, sql } from 'drizzle-orm';
import { auditActorOf, recordAudit } from '../../platform/audit/audit.service';
import type { Database, DbOrTx } from '../../platform/db/client';
import type { Actor } from '../../platform/http/context';
import { AppError, notFound } from '../../platform/http/errors';
import { divisions, orgUnits } from '../org';
import { projectScope } from '../projects';
import { projects } from '../projects';
import { periodPolicy, reopenRequestPolicy } from './monthly-reports.policy';
import { cycleSettings, currentPeriod, ensurePeriod, REPORTING_STAGES } from './monthly-reports.service';
import { monthlyReports, periodReopenRequests, reportingPeriods, reportLateness } from './monthly-reports.tables';
import { beijingToday } from '../../../common/format';
import { periodSpec, periodsOfYear } from './periods';
import { transitionRecord, writeHistory } from '../../platform/workflow/transitions';
import { periodMachine, reopenRequestMachine, type PeriodStatus, type ReopenRequestStatus } from './periods.machine';

function present(p: typeof reportingPeriods.$inferSelect, actor: Actor) {
  return {
    period: p.period,
    label: p.label,
    deadline: p.deadline,
    summaryDue: p.summaryDue,
    status: p.status,
    closedAt: p.closedAt?.toISOString() ?? null,
    closedByName: p.closedByName,
    cumulativeLabel: periodSpec(p.period).cumulativeLabel,
    allowedActions: periodPolicy.allowedActions(actor, p),
  };
}

/** The periods of a year for the caller's division (the current one is opened if needed). */
export async function listPeriods(database: Database, actor: Actor, year: number) {
  const { db } = database;
  const current = await currentPeriod(db, actor.divisionCode);
  const settings = await cycleSettings(db, actor.divisionCode);
  const rows = await db.select().from(reportingPeriods).where(and(eq(reportingPeriods.divisionCode, actor.divisionCode), sql`${reportingPeriods.period} like ${`${year}-%`}`));
  const known = new Map(rows.map((r) => [r.period, r]));
  return {
    current: current.period,
    data: periodsOfYear(year, settings).map((period) => {
      const row = known.get(period);
      if (row) return present(row, actor);
      const spec = periodSpec(period, settings);
      const status = period > current.period ? 'future' : 'open';
      return {
        period,
        label: spec.label,
        deadline: spec.deadline,
        summaryDue: spec.summaryDue,
        status,
        closedAt: null,
        closedByName: null,
        cumulativeLabel: spec.cumulativeLabel,
        allowedActions: periodPolicy.allowedActions(actor, { divisionCode: actor.divisionCode, status }),
      };
    }),
  };
}

/**
 * Flags the projects that report this period and had no submitted report by the deadline
 * (missing) or submitted after it (late). Idempotent: run daily after the deadline (a missing
 * report filed later becomes late) and at close; kept for the assessment module.
 */
export async function flagLateness(tx: DbOrTx, divisionCode: string, period: string) {
  const [p] = await tx.select().from(reportingPeriods).where(and(eq(reportingPeriods.divisionCode, divisionCode), eq(reportingPeriods.period, period)));
  if (!p) return;
  await tx.execute(sql`
    insert into ${reportLateness} (division_code, period, project_id, department_id, kind)
    select p.division_code, ${period}, p.id, p.department_id,
      case when first.submitted_at is null then 'missing' else 'late' end
    from ${projects} p
    left join lateral (
      select min(r.submitted_at) as submitted_at from ${monthlyReports} r
      where r.division_code = p.division_code and r.project_id = p.id and r.period = ${period} and r.submitted_at is not null
    ) first on true
    where p.division_code = ${divisionCode}
      and p.stage in (${sql.join(REPORTING_STAGES.map((s) => sql`${s}`), sql`, `)})
      and (first.submitted_at is null or (first.submitted_at at time zone 'Asia/Shanghai')::date > ${p.deadline}::date)
    on conflict (division_code, period, project_id) do update set kind = excluded.kind`);
}

/** Late and missing reports of a period among the caller's projects, counted per department. */
export async function latenessReport(database: Database, actor: Actor, period: string) {
  const { db } = database;
  await ensurePeriod(db, actor.divisionCode, period);
  const rows = await db
    .select({ kind: reportLateness.kind, projectId: reportLateness.projectId, projectName: projects.name, departmentId: reportLateness.departmentId, departmentName: orgUnits.name })
    .from(reportLateness)
    .innerJoin(projects, and(eq(projects.divisionCode, reportLateness.divisionCode), eq(projects.id, reportLateness.projectId)))
    .leftJoin(orgUnits, and(eq(orgUnits.divisionCode, reportLateness.divisionCode), eq(orgUnits.id, reportLateness.departmentId)))
    .where(and(eq(reportLateness.divisionCode, actor.divisionCode), eq(reportLateness.period, period), projectScope(actor)));
  const byDepartment = new Map<string, { departmentId: string | null; departmentName: string; missing: number; late: number }>();
  for (const r of rows) {
    const key = r.departmentId ?? '-';
    const entry = byDepartment.get(key) ?? { departmentId: r.departmentId, departmentName: r.departmentName ?? '（未指定主管部门）', missing: 0, late: 0 };
    if (r.kind === 'missing') entry.missing++;
    else entry.late++;
    byDepartment.set(key, entry);
  }
  return { projects: rows, byDepartment: [...byDepartment.values()].sort((a, b) => b.missing + b.late - (a.missing + a.late)) };
}

/** Closes (freezes) a period and records its late and missing reports. */
export async function closePeriod(database: Database, actor: Actor, period: string) {
  periodPolicy.authorize(actor, 'close', { divisionCode: actor.divisionCode, status: 'open' });
  return database.db.transaction(async (tx) => {
    const row = await ensurePeriod(tx, actor.divisionCode, period);
    const [pending] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(monthlyReports)
      .where(and(eq(monthlyReports.divisionCode, actor.divisionCode), eq(monthlyReports.period, row.period), eq(monthlyReports.status, 'submitted')));
    const state = row.status as PeriodStatus;
    const facts = { label: row.label, pendingReports: pending.n };
    periodMachine.assert(state, { action: 'close' }, actor, facts);
    await flagLateness(tx, actor.divisionCode, row.period);
    return transitionRecord(tx, periodMachine, {
      actor,
      table: reportingPeriods,
      stateColumn: reportingPeriods.status,
      record: { divisionCode: actor.divisionCode, id: row.period, state },
      where: and(eq(reportingPeriods.divisionCode, actor.divisionCode), eq(reportingPeriods.period, row.period)),
      move: { action: 'close' },
      facts,
      set: { closedAt: new Date(), closedByName: actor.displayName },
      conflict: () => new AppError('CONFLICT', `${row.label}报送期已关闭`),
      audit: () => ({ actor: auditActorOf(actor), divisionCode: actor.divisionCode, action: 'period.closed', entityType: 'period', entityId: row.period, summary: `关闭报送期：${row.label}` }),
      present: (closed) => present(closed, actor),
    });
  });
}

/** Asks the 发改局 to reopen a closed period, with a reason. */
export async function requestReopen(database: Database, actor: Actor, period: string, reason: string) {
  periodPolicy.authorize(actor, 'requestReopen', { divisionCode: actor.divisionCode, status: 'closed' });
  return database.db.transaction(async (tx) => {
    const row = await ensurePeriod(tx, actor.divisionCode, period);
    const [pending] = await tx
      .select()
      .from(periodReopenRequests)
      .where(and(eq(periodReopenRequests.divisionCode, actor.divisionCode), eq(periodReopenRequests.period, row.period), eq(periodReopenRequests.status, 'pending')));
    const requested = reopenRequestMachine.assert(null, { action: 'request' }, actor, { period: row, hasPendingRequest: !!pending });
    const [request] = await tx
      .insert(periodReopenRequests)
      .values({ divisionCode: actor.divisionCode, period: row.period, reason, status: requested.to, requestedBy: actor.id, requestedByName: actor.displayName })
      .returning();
    await writeHistory(tx, reopenRequestMachine, [{ divisionCode: actor.divisionCode, recordId: request.id, from: null, to: requested.to, action: requested.action, reason, actor }]);
    await recordAudit(tx, { actor: auditActorOf(actor), divisionCode: actor.divisionCode, action: 'period.reopen_requested', entityType: 'period', entityId: row.period, summary: `申请重开${row.label}报送期：${reason}` });
    return {
      id: request.id,
      period: request.period,
      reason: request.reason,
      status: request.status,
      requestedByName: request.requestedByName,
      requestedAt: request.requestedAt.toISOString(),
      allowedActions: reopenRequestPolicy.allowedActions(actor, request),
    };
  });
}

/** Reopen requests of the caller's division. */
export async function listReopenRequests(database: Database, actor: Actor) {
  const rows = await database.db.select().from(periodReopenRequests).where(eq(periodReopenRequests.divisionCode, actor.divisionCode)).orderBy(desc(periodReopenRequests.requestedAt));
  return rows.map((r) => ({
    id: r.id,
    period: r.period,
    reason: r.reason,
    status: r.status,
    requestedByName: r.requestedByName,
    requestedAt: r.requestedAt.toISOString(),
    reviewedByName: r.reviewedByName,
    reviewComment: r.reviewComment,
    allowedActions: reopenRequestPolicy.allowedActions(actor, r),
  }));
}

/** The 发改局 approves (reopening the period) or rejects a reopen request. */
export async function decideReopen(database: Database, actor: Actor, id: string, approve: boolean, comment: string | null) {
  return database.db.transaction(async (tx) => {
    const [request] = await tx.select().from(periodReopenRequests).where(and(eq(periodReopenRequests.divisionCode, actor.divisionCode), eq(periodReopenRequests.id, id)));
    if (!request) notFound('申请不存在');
    const state = request.status as ReopenRequestStatus;
    const move = { action: approve ? 'approve' : 'reject' };
    const facts = { period: await ensurePeriod(tx, actor.divisionCode, request.period) };
    // Who first (403), then whether the request is still pending (409).
    reopenRequestPolicy.authorize(actor, approve ? 'approve' : 'reject', request);
    reopenRequestMachine.assert(state, move, actor, facts);
    // Approval reopens the period (the machine's effect, as a transition of the period).
    await transitionRecord(tx, reopenRequestMachine, {
      actor,
      table: periodReopenRequests,
      stateColumn: periodReopenRequests.status,
      record: { divisionCode: actor.divisionCode, id, state },
      where: and(eq(periodReopenRequests.divisionCode, actor.divisionCode), eq(periodReopenRequests.id, id)),
      move,
      facts,
      reason: comment,
      set: { reviewedByName: actor.displayName, reviewedAt: new Date(), reviewComment: comment },
      conflict: () => new AppError('CONFLICT', '该申请已处理'),
      audit: () => ({
        actor: auditActorOf(actor),
        divisionCode: actor.divisionCode,
        action: approve ? 'period.reopened' : 'period.reopen_rejected',
        entityType: 'period',
        entityId: request.period,
        summary: `${approve ? '同意重开' : '驳回重开'}报送期 ${request.period}${comment ? `：${comment}` : ''}`,
      }),
      present: () => undefined,
    });
  });
}


/** Opens the current period of every county and flags lateness of open periods past their deadline (the daily job). */
export async function flagOverduePeriods(database: Database, now = new Date()) {
  const today = beijingToday(now);
  const counties = await database.db.select({ code: divisions.code }).from(divisions).where(eq(divisions.level, 'county'));
  for (const county of counties) await currentPeriod(database.db, county.code, now);
  const overdue = await database.db
    .select({ divisionCode: reportingPeriods.divisionCode, period: reportingPeriods.period })
    .from(reportingPeriods)
    .where(and(eq(reportingPeriods.status, 'open'), sql`${reportingPeriods.deadline} < ${today}`));
  for (const p of overdue) await database.db.transaction((tx) => flagLateness(tx, p.divisionCode, p.period));
  return overdue.length;
}
