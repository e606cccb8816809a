import { and, inArray } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../platform/db/client';
import { registeredModules } from '../../platform/modules/registry';
import { loadRules, savedRuleValues } from '../../platform/rules/rules.service';
import { beijingToday } from '../milestones';
import { reminderRules } from './inbox.rules';
import { notifications } from './inbox.tables';
import type { ReminderContext, ReminderDays } from './reminder-kit';
import { inAppSender, REMINDER_KINDS, type ReminderKind, type ReminderMessage, type ReminderSender } from './reminder-senders';

export interface ReminderOptions {
  now: Date;
  /** Channels, in order; the in-app inbox by default. */
  senders?: ReminderSender[];
  /** Overrides of every division's rules (`inbox.reminders`), for tests and tools. */
  reportLeadDays?: number;
  milestoneLeadDays?: readonly number[];
  escalationDays?: { department: number; leader: number };
}

export interface ReminderRun {
  today: string;
  /** Reminders due by the rules, before dedupe. */
  candidates: number;
  /** Reminders delivered now (not delivered before). */
  sent: number;
  byKind: Record<ReminderKind, number>;
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
 * One pass of every module's reminder sources over the data as it stands at `now` (today:
 * monthly-report deadlines, milestone countdowns and overdue escalation owner → department →
 * leader).
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
  const longestMilestoneLead = Math.max(...(options.milestoneLeadDays ?? []), ...(await allMilestoneLeads(database.db)));
  // Every module's reminders (`reminders` of its definition), in module order.
  const context: ReminderContext = { tx: database.db, today, daysOf, longestMilestoneLead };
  const candidates: ReminderMessage[] = [];
  for (const source of registeredModules().flatMap((m) => m.reminders ?? [])) candidates.push(...(await source.collect(context)));
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
