import { and, desc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { roleCan } from '../../../common/permissions';
import { ROLES, type Role } from '../../../common/roles';
import { auditActorOf, recordAudit } from '../../platform/audit/audit.service';
import { divisionChain, divisionPrefix } from '../../platform/auth/scope';
import type { Database, DbOrTx } from '../../platform/db/client';
import type { Actor } from '../../platform/http/context';
import { AppError, notFound } from '../../platform/http/errors';
import { getRules } from '../../platform/rules/rules.service';
import { divisions, orgUnits, users } from '../org';
import { projectScope } from '../projects';
import { projects } from '../projects';
import { periodPolicy, reopenRequestPolicy } from './monthly-reports.policy';
import { REOPEN_APPROVER_LABELS, reopenRules, type ReopenApprover } from './monthly-reports.rules';
import { cycleSettings, currentPeriod, ensurePeriod, REPORTING_STAGES } from './monthly-reports.service';
import { monthlyReports, periodReopenRequests, reportingPeriods, reportLateness } from './monthly-reports.tables';
import { beijingToday } from '../../../common/format';
import { periodOf, periodSpec, periodsOfYear, type CycleSettings } from './periods';
import { transitionRecord, writeHistory } from '../../platform/workflow/transitions';
import { periodMachine, reopenRequestMachine, type PeriodStatus, type ReopenRequestStatus } from './periods.machine';

type PeriodRow = typeof reportingPeriods.$inferSelect;
type ReopenRequestRow = typeof periodReopenRequests.$inferSelect;

/** The key of the period a day belongs to (Beijing date): periods before it are past. */
function currentKeyOf(settings: CycleSettings, now: Date): string {
  const today = beijingToday(now);
  return periodSpec(periodOf(Number(today.slice(0, 4)), Number(today.slice(5, 7)), settings), settings).period;
}

function present(p: PeriodRow, actor: Actor, currentKey: string) {
  return {
    period: p.period,
    label: p.label,
    deadline: p.deadline,
    summaryDue: p.summaryDue,
    status: p.status,
    closedAt: p.closedAt?.toISOString() ?? null,
    closedByName: p.closedByName,
    cumulativeLabel: periodSpec(p.period).cumulativeLabel,
    historyEntry: p.historyEntry,
    historyEntryByName: p.historyEntryByName,
    historyEntryAt: p.historyEntryAt?.toISOString() ?? null,
    historyEntryReason: p.historyEntryReason,
    allowedActions: periodPolicy.allowedActions(actor, { divisionCode: p.divisionCode, status: p.status, historyEntry: p.historyEntry, isPast: p.period < currentKey }),
  };
}

/**
 * The periods of a year for the caller's division (the current one is opened if needed), and
 * who would approve a reopen request the caller makes (the division's 重开审批人 rule).
 */
export async function listPeriods(database: Database, actor: Actor, year: number, now: Date = new Date()) {
  const { db } = database;
  const current = await currentPeriod(db, actor.divisionCode, now);
  const settings = await cycleSettings(db, actor.divisionCode);
  const rows = await db.select().from(reportingPeriods).where(and(eq(reportingPeriods.divisionCode, actor.divisionCode), sql`${reportingPeriods.period} like ${`${year}-%`}`));
  const known = new Map(rows.map((r) => [r.period, r]));
  return {
    current: current.period,
    reopenApprover: divisionPrefix(actor.divisionCode).length === 6 ? await describeReopenRoute(db, actor) : null,
    data: periodsOfYear(year, settings).map((period) => {
      const row = known.get(period);
      if (row) return present(row, actor, current.period);
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
        historyEntry: false,
        historyEntryByName: null,
        historyEntryAt: null,
        historyEntryReason: null,
        allowedActions: periodPolicy.allowedActions(actor, { divisionCode: actor.divisionCode, status, historyEntry: false, isPast: period < current.period }),
      };
    }),
  };
}

/**
 * Flags the projects that report this period and had no submitted report by the deadline
 * (missing) or submitted after it (late); a report entered in history-entry mode (补录) is
 * never late, and a period in that mode flags nothing. Idempotent: run daily after the
 * deadline (a missing report filed later becomes late) and at close; kept for the assessment
 * module. Rows no longer true (a project since back-entered) are removed.
 */
export async function flagLateness(tx: DbOrTx, divisionCode: string, period: string) {
  const [p] = await tx.select().from(reportingPeriods).where(and(eq(reportingPeriods.divisionCode, divisionCode), eq(reportingPeriods.period, period)));
  if (!p) return;
  if (p.historyEntry) {
    await tx.delete(reportLateness).where(and(eq(reportLateness.divisionCode, divisionCode), eq(reportLateness.period, period)));
    return;
  }
  const flagged = sql`
    select p.id as project_id, p.department_id,
      case when first.submitted_at is null then 'missing' else 'late' end as kind
    from ${projects} p
    left join lateral (
      select min(r.submitted_at) as submitted_at, bool_or(r.is_history_entry) as is_history_entry from ${monthlyReports} r
      where r.division_code = p.division_code and r.project_id = p.id and r.period = ${period} and r.submitted_at is not null
    ) first on true
    where p.division_code = ${divisionCode}
      and p.stage in (${sql.join(REPORTING_STAGES.map((s) => sql`${s}`), sql`, `)})
      and (first.submitted_at is null or (not first.is_history_entry and (first.submitted_at at time zone 'Asia/Shanghai')::date > ${p.deadline}::date))`;
  await tx.execute(sql`
    delete from ${reportLateness} l
    where l.division_code = ${divisionCode} and l.period = ${period} and l.project_id not in (select f.project_id from (${flagged}) f)`);
  await tx.execute(sql`
    insert into ${reportLateness} (division_code, period, project_id, department_id, kind)
    select ${divisionCode}, ${period}, f.project_id, f.department_id, f.kind from (${flagged}) f
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
    const currentKey = currentKeyOf(await cycleSettings(tx, actor.divisionCode), new Date());
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
      present: (closed) => present(closed, actor, currentKey),
    });
  });
}

/** What turning history-entry mode on or off names: one period, or every period of a year. */
export interface HistoryEntryInput {
  period?: string;
  year?: number;
  enabled: boolean;
  reason: string;
}

/**
 * 补录历史数据: the 发改局 turns history-entry mode on for a past period, or for every past
 * period of a year (a county moving onto the platform enters last year), and off again, each
 * period audited with who, when and why. Reports submitted while it is on are history entries:
 * never late, and the period's lateness is not flagged. Turning it on opens a past period that
 * was never opened; a closed period is left alone (it is reopened by request first). Ending it
 * on an open period past its deadline flags its lateness again as usual.
 */
export async function setHistoryEntry(database: Database, actor: Actor, input: HistoryEntryInput, now: Date = new Date()) {
  const { enabled, reason } = input;
  periodPolicy.authorize(actor, enabled ? 'startHistoryEntry' : 'endHistoryEntry', { divisionCode: actor.divisionCode, status: 'open' });
  const field = input.period ? 'period' : 'year';
  return database.db.transaction(async (tx) => {
    const settings = await cycleSettings(tx, actor.divisionCode);
    const currentKey = currentKeyOf(settings, now);
    const today = beijingToday(now);
    const asked = input.period ? [periodSpec(input.period, settings).period] : periodsOfYear(input.year!, settings);
    const targets = enabled ? asked.filter((p) => p < currentKey) : asked;
    if (!targets.length) {
      throw new AppError(
        'VALIDATION_FAILED',
        input.period ? `只能对已过去的报送期补录历史数据；本期及以后的报送期按正常报送统计` : `${input.year}年没有已过去的报送期，无需补录`,
        { field },
      );
    }
    const changed = [];
    const skipped: Array<{ period: string; label: string; reason: string }> = [];
    for (const key of targets) {
      const row = enabled
        ? await ensurePeriod(tx, actor.divisionCode, key, now)
        : (await tx.select().from(reportingPeriods).where(and(eq(reportingPeriods.divisionCode, actor.divisionCode), eq(reportingPeriods.period, key))))[0];
      if (!row) continue;
      const spec = periodSpec(row.period, settings);
      const name = `${spec.year}年${row.label}`;
      if (row.historyEntry === enabled) {
        skipped.push({ period: row.period, label: name, reason: enabled ? '已在补录模式' : '未开启补录模式' });
        continue;
      }
      if (enabled && row.status !== 'open') {
        skipped.push({ period: row.period, label: name, reason: '报送期已关闭，须先申请重开' });
        continue;
      }
      const [updated] = await tx
        .update(reportingPeriods)
        .set({ historyEntry: enabled, historyEntryByName: actor.displayName, historyEntryAt: now, historyEntryReason: reason, version: sql`${reportingPeriods.version} + 1` })
        .where(and(eq(reportingPeriods.divisionCode, actor.divisionCode), eq(reportingPeriods.period, row.period), eq(reportingPeriods.historyEntry, !enabled)))
        .returning();
      if (!updated) continue;
      // A period in the mode flags nothing; out of it, an open period past its deadline is flagged as the daily check would.
      if (updated.status === 'open' && updated.deadline < today) await flagLateness(tx, actor.divisionCode, updated.period);
      await recordAudit(tx, {
        actor: auditActorOf(actor),
        divisionCode: actor.divisionCode,
        action: enabled ? 'period.history_entry_started' : 'period.history_entry_ended',
        entityType: 'period',
        entityId: updated.period,
        summary: `${enabled ? '开启' : '结束'}补录历史数据：${name}报送期（${reason}）`,
        before: { historyEntry: !enabled },
        after: { historyEntry: enabled, reason },
      });
      changed.push(present(updated, actor, currentKey));
    }
    if (!changed.length) {
      const why = skipped.length === 1 ? `${skipped[0].label}报送期${skipped[0].reason}` : `没有可${enabled ? '开启' : '结束'}补录模式的报送期`;
      throw new AppError('CONFLICT', why);
    }
    return { data: changed, skipped };
  });
}

/** The roles whose users run a division's periods (the 发改局): the approvers of reopen requests within a division and above it. */
const PERIOD_MANAGERS = ROLES.filter((role) => roleCan(role, 'period.manage'));
/** The leader accounts: roles that decide reopen requests without running periods (县级领导). */
const LEADER_APPROVERS = ROLES.filter((role) => roleCan(role, 'period.reopen.decide') && !roleCan(role, 'period.manage'));

/** Where a division's reopen requests go: the approver kind, its division, the names of who may decide. */
interface ReopenRoute {
  rule: ReopenApprover;
  kind: 'unit' | 'leader' | 'city' | 'province';
  divisionCode: string;
  /** 「河西县发改局其他人员（张三、李四）」: who will approve, as the requester is told. */
  label: string;
  /** The rule's own approver has no one but the requester: the request went up instead. */
  isFallback: boolean;
}

/**
 * Who decides a reopen request a user of a county makes, by the county's 重开审批人 rule:
 * another 发改局 user of the county, a 县级领导 account, or the city's 发改局. The rule's
 * approver never being available is no dead end: with nobody but the requester, the request
 * goes to the city's 发改局, then the province's. Null only when none of them has a user.
 */
async function reopenRouteOf(tx: DbOrTx, divisionCode: string, requesterId: string): Promise<ReopenRoute | null> {
  const { reopenApprover: rule } = await getRules(tx, divisionCode, reopenRules);
  const chain = divisionChain(divisionCode);
  const names = new Map((await tx.select({ code: divisions.code, name: divisions.name }).from(divisions).where(inArray(divisions.code, chain))).map((d) => [d.code, d.name]));
  const here = names.get(divisionCode) ?? '本级';
  const steps: Array<{ kind: ReopenRoute['kind']; divisionCode: string; roles: Role[]; who: string }> = [];
  if (rule === 'same_unit_other_user') steps.push({ kind: 'unit', divisionCode, roles: PERIOD_MANAGERS, who: `${here}发改局其他人员` });
  if (rule === 'unit_leader') steps.push({ kind: 'leader', divisionCode, roles: LEADER_APPROVERS, who: `${here}领导` });
  for (const code of chain.slice(1)) {
    if (names.has(code)) steps.push({ kind: code.endsWith('0000') ? 'province' : 'city', divisionCode: code, roles: PERIOD_MANAGERS, who: `${names.get(code)}发改局` });
  }
  for (const [i, step] of steps.entries()) {
    const found = await tx
      .select({ displayName: users.displayName, unitName: orgUnits.name })
      .from(users)
      .leftJoin(orgUnits, and(eq(orgUnits.divisionCode, users.divisionCode), eq(orgUnits.id, users.unitId)))
      .where(and(eq(users.divisionCode, step.divisionCode), eq(users.isActive, true), inArray(users.role, step.roles), ne(users.id, requesterId)))
      .orderBy(users.displayName);
    if (!found.length) continue;
    const shown = found.slice(0, 3).map((u) => u.displayName).join('、') + (found.length > 3 ? ` 等 ${found.length} 人` : '');
    // Named by their unit (「河西县发展和改革局其他人员」「酒泉市发展和改革委员会」), leaders by the division.
    const unitName = found[0].unitName;
    const who = step.kind === 'leader' || !unitName ? step.who : step.kind === 'unit' ? `${unitName}其他人员` : unitName;
    return { rule, kind: step.kind, divisionCode: step.divisionCode, label: `${who}（${shown}）`, isFallback: i > 0 && rule !== 'city' };
  }
  return null;
}

const NO_APPROVER = '没有可以审批重开申请的人员：本级没有其他发改局人员，上级发改局也没有账号。请联系系统管理员添加审批人员';

/** Who would approve a reopen request the caller makes now, for the 报送期 page. */
async function describeReopenRoute(db: DbOrTx, actor: Actor) {
  const route = await reopenRouteOf(db, actor.divisionCode, actor.id);
  const { reopenApprover: rule } = await getRules(db, actor.divisionCode, reopenRules);
  return {
    rule,
    ruleLabel: REOPEN_APPROVER_LABELS[rule],
    kind: route?.kind ?? null,
    label: route?.label ?? NO_APPROVER,
    isFallback: route?.isFallback ?? false,
  };
}

function presentRequest(r: ReopenRequestRow, actor: Actor, divisionName: string | null) {
  return {
    id: r.id,
    divisionCode: r.divisionCode,
    divisionName,
    period: r.period,
    reason: r.reason,
    status: r.status,
    requestedByName: r.requestedByName,
    requestedAt: r.requestedAt.toISOString(),
    reviewedByName: r.reviewedByName,
    reviewComment: r.reviewComment,
    approverKind: r.approverKind,
    approverLabel: r.approverLabel,
    allowedActions: reopenRequestPolicy.allowedActions(actor, r),
  };
}

/** Asks to reopen a closed period, with a reason; the request goes to the approver the division's rule names, and the answer says who. */
export async function requestReopen(database: Database, actor: Actor, period: string, reason: string) {
  periodPolicy.authorize(actor, 'requestReopen', { divisionCode: actor.divisionCode, status: 'closed' });
  return database.db.transaction(async (tx) => {
    const row = await ensurePeriod(tx, actor.divisionCode, period);
    const [pending] = await tx
      .select()
      .from(periodReopenRequests)
      .where(and(eq(periodReopenRequests.divisionCode, actor.divisionCode), eq(periodReopenRequests.period, row.period), eq(periodReopenRequests.status, 'pending')));
    const requested = reopenRequestMachine.assert(null, { action: 'request' }, actor, { period: row, hasPendingRequest: !!pending });
    const route = await reopenRouteOf(tx, actor.divisionCode, actor.id);
    if (!route) throw new AppError('CONFLICT', NO_APPROVER);
    const [request] = await tx
      .insert(periodReopenRequests)
      .values({
        divisionCode: actor.divisionCode,
        period: row.period,
        reason,
        status: requested.to,
        requestedBy: actor.id,
        requestedByName: actor.displayName,
        approverKind: route.kind,
        approverDivisionCode: route.kind === 'city' || route.kind === 'province' ? route.divisionCode : null,
        approverLabel: route.label,
      })
      .returning();
    await writeHistory(tx, reopenRequestMachine, [{ divisionCode: actor.divisionCode, recordId: request.id, from: null, to: requested.to, action: requested.action, reason, actor }]);
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      divisionCode: actor.divisionCode,
      action: 'period.reopen_requested',
      entityType: 'period',
      entityId: row.period,
      summary: `申请重开${row.label}报送期：${reason}（审批人：${route.label}）`,
    });
    return {
      ...presentRequest(request, actor, null),
      approverNote: route.isFallback
        ? `本级没有「${REOPEN_APPROVER_LABELS[route.rule]}」中可审批的其他人员，申请已自动转${route.label}审批`
        : `申请将由${route.label}审批`,
    };
  });
}

// The requests a caller sees: its own division's, and those a county sent up to the caller's division.
const requestsOf = (actor: Actor) => or(eq(periodReopenRequests.divisionCode, actor.divisionCode), eq(periodReopenRequests.approverDivisionCode, actor.divisionCode));

/** Reopen requests of the caller's division, and those routed to it for approval. */
export async function listReopenRequests(database: Database, actor: Actor) {
  const rows = await database.db
    .select({ request: periodReopenRequests, divisionName: divisions.name })
    .from(periodReopenRequests)
    .leftJoin(divisions, eq(divisions.code, periodReopenRequests.divisionCode))
    .where(requestsOf(actor))
    .orderBy(desc(periodReopenRequests.requestedAt));
  // The county is named on the requests another division sent up (a city approving its counties').
  return rows.map((r) => presentRequest(r.request, actor, r.request.divisionCode === actor.divisionCode ? null : r.divisionName));
}

/** The request's approver approves (reopening the period) or rejects a reopen request. */
export async function decideReopen(database: Database, actor: Actor, id: string, approve: boolean, comment: string | null) {
  return database.db.transaction(async (tx) => {
    const [request] = await tx.select().from(periodReopenRequests).where(and(requestsOf(actor), eq(periodReopenRequests.id, id)));
    if (!request) notFound('申请不存在');
    const divisionCode = request.divisionCode;
    const state = request.status as ReopenRequestStatus;
    const move = { action: approve ? 'approve' : 'reject' };
    const facts = { period: await ensurePeriod(tx, divisionCode, request.period) };
    // Who first (403), then whether the request is still pending (409).
    reopenRequestPolicy.authorize(actor, approve ? 'approve' : 'reject', request);
    reopenRequestMachine.assert(state, move, actor, facts);
    // Approval reopens the period (the machine's effect, as a transition of the period).
    await transitionRecord(tx, reopenRequestMachine, {
      actor,
      table: periodReopenRequests,
      stateColumn: periodReopenRequests.status,
      record: { divisionCode, id, state },
      where: and(eq(periodReopenRequests.divisionCode, divisionCode), eq(periodReopenRequests.id, id)),
      move,
      facts,
      reason: comment,
      set: { reviewedByName: actor.displayName, reviewedAt: new Date(), reviewComment: comment },
      conflict: () => new AppError('CONFLICT', '该申请已处理'),
      audit: () => ({
        actor: auditActorOf(actor),
        divisionCode,
        action: approve ? 'period.reopened' : 'period.reopen_rejected',
        entityType: 'period',
        entityId: request.period,
        summary: `${approve ? '同意重开' : '驳回重开'}报送期 ${request.period}${comment ? `：${comment}` : ''}`,
      }),
      present: () => undefined,
    });
  });
}

/** Opens the current period of every county and flags lateness of open periods past their deadline (the daily job); periods in history-entry mode are left alone. */
export async function flagOverduePeriods(database: Database, now = new Date()) {
  const today = beijingToday(now);
  const counties = await database.db.select({ code: divisions.code }).from(divisions).where(eq(divisions.level, 'county'));
  for (const county of counties) await currentPeriod(database.db, county.code, now);
  const overdue = await database.db
    .select({ divisionCode: reportingPeriods.divisionCode, period: reportingPeriods.period })
    .from(reportingPeriods)
    .where(and(eq(reportingPeriods.status, 'open'), eq(reportingPeriods.historyEntry, false), sql`${reportingPeriods.deadline} < ${today}`));
  for (const p of overdue) await database.db.transaction((tx) => flagLateness(tx, p.divisionCode, p.period));
  return overdue.length;
}
