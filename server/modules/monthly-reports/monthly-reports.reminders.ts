import { and, eq, inArray, sql } from 'drizzle-orm';
import { roleCan } from '../../../common/permissions';
import type { DbOrTx } from '../../platform/db/client';
import { daysBetween } from '../milestones';
import { loadDirectory, messagesFor, type Recipient, type ReminderContext, type ReminderMessage, type ReminderSource } from '../inbox';
import { projects } from '../projects';
import { monthlyReports } from './monthly-reports.tables';
import { cycleSettings, REPORTING_STAGES } from './monthly-reports.service';
import { periodOf, periodSpec } from './periods';

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

/** (1) Units with projects that report this period (前期 / 具备开工条件 / 在建) and have not submitted yet. */
async function reportReminders({ tx, today, daysOf }: ReminderContext): Promise<ReminderMessage[]> {
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


/** The monthly cycle's reminders: reports due within the division's lead days. */
export const monthlyReportReminders: ReminderSource = { name: 'report_due', collect: reportReminders };
