import { and, eq, isNull, lte, notInArray } from 'drizzle-orm';
import { departmentHeads, loadDirectory, messagesFor, responsibleLeaders, type Directory, type ProjectFacts, type Recipient, type ReminderContext, type ReminderMessage, type ReminderSource } from '../inbox';
import { projects } from '../projects';
import { addDays, daysBetween } from './milestone-status';
import { milestones } from './milestones.tables';

/** Projects that are paused or ended get no milestone reminders. */
const SILENT_STAGES = ['suspended', 'terminated'];

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

/** (2) and (3): countdown before planned dates, and escalating reminders once overdue. */
async function collectMilestoneReminders({ tx, today, daysOf, longestMilestoneLead }: ReminderContext): Promise<ReminderMessage[]> {
  const horizon = addDays(today, longestMilestoneLead);
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

/** 挂图作战 reminders: countdown before each planned date, and escalation once overdue. */
export const milestoneReminders: ReminderSource = { name: 'milestones', collect: collectMilestoneReminders };
