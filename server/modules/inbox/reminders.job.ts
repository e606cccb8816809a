import { and, eq, inArray, isNull, lte, notInArray, sql } from 'drizzle-orm';
import { roleCan } from '../../../common/permissions';
import type { Role } from '../../../common/roles';
import type { Database, DbOrTx } from '../../platform/db/client';
import { addDays, beijingToday, daysBetween } from '../milestones';
import { milestones } from '../milestones';
import { monthlyReports } from '../monthly-reports';
import { cycleSettings, REPORTING_STAGES } from '../monthly-reports';
import { periodOf, periodSpec } from '../monthly-reports';
import { users } from '../org';
import { projects } from '../projects';
import { loadRules, savedRuleValues } from '../../platform/rules/rules.service';
import { reminderRules } from './inbox.rules';
import { notifications } from './inbox.tables';
import { inAppSender, REMINDER_KINDS, type ReminderKind, type ReminderMessage, type ReminderSender } from './reminder-senders';

/** Projects that are paused or ended get no milestone reminders. */
const SILENT_STAGES = ['suspended', 'terminated'];

export interface ReminderOptions {
  now: Date;
  /** Channels, in order; the in-app inbox by default. */
  senders?: ReminderSender[];
  /** Overrides of every division's rules (`inbox.reminders`), for tests and tools. */
  reportLeadDays?: number;
  milestoneLeadDays?: readonly number[];
  escalationDays?: { department: number; leader: number };
}

/** The reminder days of a division: its rules (`inbox.reminders`, 3 / [7, 1] / 3 and 7 days by default), or the run's overrides. */
interface ReminderDays {
  reportLeadDays: number;
  milestoneLeadDays: readonly number[];
  escalation: { department: number; leader: number };
}

export interface ReminderRun {
  today: string;
  /** Reminders due by the rules, before dedupe. */
  candidates: number;
  /** Reminders delivered now (not delivered before). */
  sent: number;
  byKind: Record<ReminderKind, number>;
}

/**
 * The monthly report deadline of a division for the period a month belongs to, as the
 * monthly-reports module defines it (the 20th by default, moved to the next working day,
 * 1—2月 reported together). Read-only: no period is opened by asking.
 */
export async function reportDeadline(tx: DbOrTx, divisionCode: string, year: number, month: number): Promise<{ period: string; label: string; deadline: string }> {
  const settings = await cycleSettings(tx, divisionCode);
  const spec = periodSpec(periodOf(year, month, settings), settings);
  return { period: spec.period, label: spec.label, deadline: spec.deadline };
}

interface Recipient {
  id: string;
  divisionCode: string;
  unitId: string | null;
  role: Role;
  displayName: string;
}

/** The active users of some divisions, indexed the ways the rules look them up. */
class Directory {
  private readonly byId = new Map<string, Recipient>();
  private readonly byUnit = new Map<string, Recipient[]>();
  private readonly byDivisionRole = new Map<string, Recipient[]>();

  constructor(rows: Recipient[]) {
    for (const u of rows) {
      this.byId.set(u.id, u);
      if (u.unitId) push(this.byUnit, `${u.divisionCode}:${u.unitId}`, u);
      push(this.byDivisionRole, `${u.divisionCode}:${u.role}`, u);
    }
  }

  user(id: string | null): Recipient[] {
    const u = id ? this.byId.get(id) : undefined;
    return u ? [u] : [];
  }

  unit(divisionCode: string, unitId: string | null, role?: Role): Recipient[] {
    if (!unitId) return [];
    const all = this.byUnit.get(`${divisionCode}:${unitId}`) ?? [];
    return role ? all.filter((u) => u.role === role) : all;
  }

  role(divisionCode: string, role: Role): Recipient[] {
    return this.byDivisionRole.get(`${divisionCode}:${role}`) ?? [];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

async function loadDirectory(tx: DbOrTx, divisionCodes: string[]): Promise<Directory> {
  if (!divisionCodes.length) return new Directory([]);
  const rows = await tx
    .select({ id: users.id, divisionCode: users.divisionCode, unitId: users.unitId, role: users.role, displayName: users.displayName })
    .from(users)
    .where(and(inArray(users.divisionCode, divisionCodes), eq(users.isActive, true)));
  return new Directory(rows.map((r) => ({ ...r, role: r.role as Role })));
}

type ProjectFacts = { divisionCode: string; id: string; name: string; departmentId: string | null; ownerUnitId: string; leaderName: string | null; leaderUserId: string | null };

/**
 * Who answers for a milestone (level 0): its owner's account; without one, the users of the
 * project's responsible department; without a department, the users of the owner unit.
 */
function milestoneOwners(dir: Directory, p: ProjectFacts, ownerUserId: string | null): Recipient[] {
  const owner = dir.user(ownerUserId);
  if (owner.length) return owner;
  const department = dir.unit(p.divisionCode, p.departmentId);
  return department.length ? department : dir.unit(p.divisionCode, p.ownerUnitId);
}

/**
 * Level 1, the "department head": the unit has no head flag, so the department-role users of
 * the responsible department stand for it; a project without a department goes to the 发改局.
 */
function departmentHeads(dir: Directory, p: ProjectFacts): Recipient[] {
  const heads = dir.unit(p.divisionCode, p.departmentId, 'department');
  return heads.length ? heads : dir.role(p.divisionCode, 'drc');
}

/**
 * Level 2, the responsible leader (包抓领导): the project's leader account, else the leader
 * users whose name is the project's leader name, else every leader of the division.
 */
function responsibleLeaders(dir: Directory, p: ProjectFacts): Recipient[] {
  const leaders = dir.role(p.divisionCode, 'leader');
  const byId = leaders.filter((u) => u.id === p.leaderUserId);
  if (byId.length) return byId;
  const byName = p.leaderName ? leaders.filter((u) => u.displayName === p.leaderName) : [];
  return byName.length ? byName : leaders;
}

function messagesFor(recipients: Recipient[], m: Omit<ReminderMessage, 'divisionCode' | 'userId'>): ReminderMessage[] {
  return recipients.map((u) => ({ ...m, divisionCode: u.divisionCode, userId: u.id }));
}

/** (1) Units with projects that report this period (前期 / 具备开工条件 / 在建) and have not submitted yet. */
async function reportReminders(tx: DbOrTx, today: string, daysOf: (divisionCode: string) => ReminderDays): Promise<ReminderMessage[]> {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const reporting = inArray(projects.stage, REPORTING_STAGES);
  const divisionRows = await tx.selectDistinct({ divisionCode: projects.divisionCode }).from(projects).where(reporting);
  const messages: ReminderMessage[] = [];
  for (const { divisionCode } of divisionRows) {
    const due = await reportDeadline(tx, divisionCode, year, month);
    const daysLeft = daysBetween(today, due.deadline);
    if (daysLeft < 0 || daysLeft > daysOf(divisionCode).reportLeadDays) continue;
    const missing = await tx
      .select({ id: projects.id, name: projects.name, departmentId: projects.departmentId, ownerUnitId: projects.ownerUnitId })
      .from(projects)
      .where(
        and(
          eq(projects.divisionCode, divisionCode),
          reporting,
          sql`not exists (select 1 from ${monthlyReports} r where r.division_code = ${projects.divisionCode} and r.project_id = ${projects.id}
                and r.period = ${due.period} and r.status in ('submitted', 'approved'))`,
        ),
      )
      .orderBy(projects.name);
    if (!missing.length) continue;
    const dir = await loadDirectory(tx, [divisionCode]);
    const perUser = new Map<string, { user: Recipient; names: string[] }>();
    for (const p of missing) {
      const fillers = [...dir.unit(divisionCode, p.ownerUnitId), ...dir.unit(divisionCode, p.departmentId)].filter((u) => roleCan(u.role, 'report.fill'));
      for (const user of fillers) {
        const entry = perUser.get(user.id) ?? { user, names: [] };
        if (!entry.names.includes(p.name)) entry.names.push(p.name);
        perUser.set(user.id, entry);
      }
    }
    const when = daysLeft === 0 ? '今天' : `${daysLeft} 天后（${due.deadline}）`;
    for (const { user, names } of perUser.values()) {
      const shown = names.slice(0, 5).join('、') + (names.length > 5 ? ` 等 ${names.length} 个项目` : '');
      messages.push(
        ...messagesFor([user], {
          kind: 'report_due',
          title: `${due.label}月报${when}截止`,
          body: `以下项目尚未报送${due.label}月报，请于 ${due.deadline} 前完成报送：${shown}。`,
          link: `/monthly-reports?period=${due.period}`,
          dedupeKey: `report_due:${due.period}`,
          escalationLevel: 0,
        }),
      );
    }
  }
  return messages;
}

/** (2) and (3): countdown before planned dates, and escalating reminders once overdue. */
async function milestoneReminders(tx: DbOrTx, today: string, daysOf: (divisionCode: string) => ReminderDays, longestLead: number): Promise<ReminderMessage[]> {
  const horizon = addDays(today, longestLead);
  const rows = await tx
    .select({
      id: milestones.id,
      name: milestones.name,
      plannedDate: milestones.plannedDate,
      ownerName: milestones.ownerName,
      ownerUserId: milestones.ownerUserId,
      project: {
        divisionCode: projects.divisionCode,
        id: projects.id,
        name: projects.name,
        departmentId: projects.departmentId,
        ownerUnitId: projects.ownerUnitId,
        leaderName: projects.leaderName,
        leaderUserId: projects.leaderUserId,
      },
    })
    .from(milestones)
    .innerJoin(projects, and(eq(projects.divisionCode, milestones.divisionCode), eq(projects.id, milestones.projectId)))
    .where(and(isNull(milestones.actualDate), lte(milestones.plannedDate, horizon), notInArray(projects.stage, SILENT_STAGES)));
  const dir = await loadDirectory(tx, [...new Set(rows.map((r) => r.project.divisionCode))]);
  const messages: ReminderMessage[] = [];
  for (const m of rows) {
    const p = m.project;
    const { milestoneLeadDays, escalation } = daysOf(p.divisionCode);
    const leads = [...milestoneLeadDays].sort((a, b) => a - b);
    const daysLeft = daysBetween(today, m.plannedDate);
    const link = `/projects/${p.id}?tab=milestones`;
    const base = `${m.id}:${m.plannedDate}`;
    const what = `「${p.name}」里程碑「${m.name}」（计划 ${m.plannedDate}，责任人 ${m.ownerName}）`;
    if (daysLeft >= 0) {
      const lead = leads.find((l) => daysLeft <= l);
      if (lead === undefined) continue;
      messages.push(
        ...messagesFor(milestoneOwners(dir, p, m.ownerUserId), {
          kind: 'milestone_due',
          title: daysLeft === 0 ? `里程碑今天到期：${m.name}` : `里程碑还有 ${daysLeft} 天到期：${m.name}`,
          body: `${what}${daysLeft === 0 ? '今天到期' : `还有 ${daysLeft} 天到期`}，请按期完成并填报实际完成日期。`,
          link,
          dedupeKey: `milestone_due:${base}:${lead}`,
          escalationLevel: 0,
        }),
      );
      continue;
    }
    const overdue = -daysLeft;
    const overdueText = `${what}已逾期 ${overdue} 天`;
    const levels: Array<[number, Recipient[], string]> = [[0, milestoneOwners(dir, p, m.ownerUserId), `${overdueText}，请尽快完成并填报实际完成日期。`]];
    if (overdue >= escalation.department) levels.push([1, departmentHeads(dir, p), `${overdueText}，已升级至主管部门督办。`]);
    if (overdue >= escalation.leader) levels.push([2, responsibleLeaders(dir, p), `${overdueText}，已升级至包抓领导督办。`]);
    for (const [level, recipients, body] of levels) {
      messages.push(
        ...messagesFor(recipients, {
          kind: 'milestone_overdue',
          title: `里程碑已逾期 ${overdue} 天：${m.name}`,
          body,
          link,
          dedupeKey: `milestone_overdue:${base}:${level}`,
          escalationLevel: level,
        }),
      );
    }
  }
  return messages;
}

// The lead days of the defaults and of every division's saved reminder rules.
async function allMilestoneLeads(tx: DbOrTx): Promise<number[]> {
  const saved = await savedRuleValues(tx, reminderRules);
  return [...reminderRules.defaults.milestoneLeadDays, ...saved.flatMap((v) => v.milestoneLeadDays ?? [])];
}

/** Drops the messages already delivered (and repeats within this run). */
async function onlyNew(tx: DbOrTx, messages: ReminderMessage[]): Promise<ReminderMessage[]> {
  const unique = new Map<string, ReminderMessage>();
  for (const m of messages) unique.set(`${m.divisionCode}|${m.userId}|${m.dedupeKey}`, m);
  const all = [...unique.values()];
  const delivered = new Set<string>();
  for (let i = 0; i < all.length; i += 500) {
    const chunk = all.slice(i, i + 500);
    const rows = await tx
      .select({ divisionCode: notifications.divisionCode, userId: notifications.userId, dedupeKey: notifications.dedupeKey })
      .from(notifications)
      .where(
        and(
          inArray(notifications.divisionCode, [...new Set(chunk.map((m) => m.divisionCode))]),
          inArray(notifications.userId, [...new Set(chunk.map((m) => m.userId))]),
          inArray(notifications.dedupeKey, [...new Set(chunk.map((m) => m.dedupeKey))]),
        ),
      );
    for (const r of rows) delivered.add(`${r.divisionCode}|${r.userId}|${r.dedupeKey}`);
  }
  return all.filter((m) => !delivered.has(`${m.divisionCode}|${m.userId}|${m.dedupeKey}`));
}

/**
 * One pass of the reminder rules over the data as it stands at `now`: monthly-report
 * deadlines, milestone countdowns and overdue escalation (owner → department → leader).
 * Idempotent: a reminder already delivered to a user (same dedupe key) is not sent again.
 */
export async function runReminders(database: Database, options: ReminderOptions): Promise<ReminderRun> {
  const today = beijingToday(options.now);
  const senders = options.senders ?? [inAppSender(database)];
  // Every division's rules in one read: the job covers every county.
  const rulesOf = await loadRules(database.db, reminderRules);
  const daysOf = (divisionCode: string): ReminderDays => {
    const rules = rulesOf(divisionCode);
    return {
      reportLeadDays: options.reportLeadDays ?? rules.reportLeadDays,
      milestoneLeadDays: options.milestoneLeadDays ?? rules.milestoneLeadDays,
      escalation: options.escalationDays ?? { department: rules.escalateDepartmentDays, leader: rules.escalateLeaderDays },
    };
  };
  // Milestones are loaded up to the longest lead any division asks for; each is then judged by its own division's days.
  const longestLead = Math.max(...(options.milestoneLeadDays ?? []), ...(await allMilestoneLeads(database.db)));
  const candidates = [...(await reportReminders(database.db, today, daysOf)), ...(await milestoneReminders(database.db, today, daysOf, longestLead))];
  const fresh = await onlyNew(database.db, candidates);
  const byKind = Object.fromEntries(REMINDER_KINDS.map((k) => [k, 0])) as Record<ReminderKind, number>;
  for (const message of fresh) {
    for (const sender of senders) {
      try {
        await sender.send(message);
      } catch (error) {
        // The inbox is the record: its failure stops the run; another channel's is logged and skipped.
        if (sender.channel === 'in_app') throw error;
        console.error(`[reminders] ${sender.channel} 发送失败`, error);
      }
    }
    byKind[message.kind] += 1;
  }
  return { today, candidates: candidates.length, sent: fresh.length, byKind };
}

/**
 * Runs the reminder rules now and then every `intervalMs` (never two passes at once).
 * Returns a function that stops the timer.
 */
export function startReminderJob(database: Database, intervalMs: number, options: Omit<ReminderOptions, 'now'> = {}): () => void {
  let isRunning = false;
  const tick = async () => {
    if (isRunning) return;
    isRunning = true;
    try {
      const run = await runReminders(database, { ...options, now: new Date() });
      if (run.sent) console.log(`[reminders] ${run.today} 发送提醒 ${run.sent} 条`);
    } catch (error) {
      console.error('[reminders] 提醒任务失败', error);
    } finally {
      isRunning = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
