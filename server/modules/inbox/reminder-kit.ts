import { and, eq, inArray } from 'drizzle-orm';
import type { Role } from '../../../common/roles';
import type { DbOrTx } from '../../platform/db/client';
import { users } from '../org';
import type { ReminderMessage } from './reminder-senders';

/**
 * The reminder kit: what a module needs to declare a source of reminders (`reminders` of its
 * definition) — who the users of a division are, who answers for a project at each
 * escalation level, and the division's reminder days (rule set `inbox.reminders`). The inbox's
 * job collects every module's source, drops what was delivered before and sends the rest.
 */

/** The reminder days of a division: its rules (`inbox.reminders`, 3 / [7, 1] / 3 and 7 days by default), or the run's overrides. */
export interface ReminderDays {
  reportLeadDays: number;
  milestoneLeadDays: readonly number[];
  escalation: { department: number; leader: number };
}

/** What a source sees on one run of the job. */
export interface ReminderContext {
  tx: DbOrTx;
  /** Beijing date of the run, 'YYYY-MM-DD'. */
  today: string;
  daysOf(divisionCode: string): ReminderDays;
  /** The longest milestone lead any division asks for (load up to it, then judge each by its own division's days). */
  longestMilestoneLead: number;
}

/** A module's reminders: the messages due on a run (repeats are dropped by their dedupe key). */
export interface ReminderSource {
  name: string;
  collect(context: ReminderContext): Promise<ReminderMessage[]>;
}

export interface Recipient {
  id: string;
  divisionCode: string;
  unitId: string | null;
  role: Role;
  displayName: string;
}

/** The active users of some divisions, indexed the ways the rules look them up. */
export class Directory {
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

/** The active users of some divisions. */
export async function loadDirectory(tx: DbOrTx, divisionCodes: string[]): Promise<Directory> {
  if (!divisionCodes.length) return new Directory([]);
  const rows = await tx
    .select({ id: users.id, divisionCode: users.divisionCode, unitId: users.unitId, role: users.role, displayName: users.displayName })
    .from(users)
    .where(and(inArray(users.divisionCode, divisionCodes), eq(users.isActive, true)));
  return new Directory(rows.map((r) => ({ ...r, role: r.role as Role })));
}

/** A project as the escalation rules see it. */
export type ProjectFacts = { divisionCode: string; id: string; name: string; departmentId: string | null; ownerUnitId: string; leaderName: string | null; leaderUserId: string | null };

/**
 * Level 1, the "department head": the unit has no head flag, so the department-role users of
 * the responsible department stand for it; a project without a department goes to the 发改局.
 */
export function departmentHeads(dir: Directory, p: ProjectFacts): Recipient[] {
  const heads = dir.unit(p.divisionCode, p.departmentId, 'department');
  return heads.length ? heads : dir.role(p.divisionCode, 'drc');
}

/**
 * Level 2, the responsible leader (包抓领导): the project's leader account, else the leader
 * users whose name is the project's leader name, else every leader of the division.
 */
export function responsibleLeaders(dir: Directory, p: ProjectFacts): Recipient[] {
  const leaders = dir.role(p.divisionCode, 'leader');
  const byId = leaders.filter((u) => u.id === p.leaderUserId);
  if (byId.length) return byId;
  const byName = p.leaderName ? leaders.filter((u) => u.displayName === p.leaderName) : [];
  return byName.length ? byName : leaders;
}

/** The message for each recipient. */
export function messagesFor(recipients: Recipient[], m: Omit<ReminderMessage, 'divisionCode' | 'userId'>): ReminderMessage[] {
  return recipients.map((u) => ({ ...m, divisionCode: u.divisionCode, userId: u.id }));
}

