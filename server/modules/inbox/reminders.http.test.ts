import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { buildDivision, buildUnit, buildUser } from '../../../tests/support/factories';
import { createTestApp, TestClient } from '../../../tests/support/test-app';
import { createTestDatabase } from '../../../tests/support/test-db';
import { milestones } from '../milestones/milestones.tables';
import { monthlyReports } from '../monthly-reports/monthly-reports.tables';
import { projects } from '../projects/projects.tables';
import { notifications } from './inbox.tables';
import { reportDeadline } from '../monthly-reports/monthly-reports.reminders';
import { runReminders } from './reminders.job';
import type { ReminderMessage, ReminderSender } from './reminder-senders';

let database: Database;
const COUNTY = '620921';
const ids = {} as Record<'owner' | 'waterHead' | 'wang' | 'li' | 'drc', string>;
const usernames = {} as Record<'owner' | 'waterHead', string>;
const milestoneIds = {} as Record<string, string>;
let serial = 0;

/** Beijing 10:00 on a day of May 2026 (the 20th is a Wednesday, a working day). */
const at = (day: number) => new Date(`2026-05-${String(day).padStart(2, '0')}T02:00:00Z`);

async function insertProject(values: Partial<typeof projects.$inferInsert> & { name: string; ownerUnitId: string }) {
  serial += 1;
  const [row] = await database.db
    .insert(projects)
    .values({ divisionCode: COUNTY, reserveNo: `T-${serial}`, sector: 'infrastructure', totalInvestment: '8000', stage: 'construction', ...values })
    .returning();
  return row;
}

async function insertMilestone(projectId: string, name: string, plannedDate: string, extra: Partial<typeof milestones.$inferInsert> = {}) {
  const [row] = await database.db.insert(milestones).values({ divisionCode: COUNTY, projectId, name, plannedDate, ownerName: '张工', ...extra }).returning();
  milestoneIds[name] = row.id;
  return row;
}

async function inboxOf(userId: string) {
  return database.db.select().from(notifications).where(eq(notifications.userId, userId));
}

beforeAll(async () => {
  database = await createTestDatabase();
  await buildDivision(database, { code: COUNTY, name: '河西县' });
  const drcUnit = await buildUnit(database, { divisionCode: COUNTY, name: '河西县发展和改革局', kind: 'drc' });
  const water = await buildUnit(database, { divisionCode: COUNTY, name: '河西县水务局', kind: 'department' });
  const company = await buildUnit(database, { divisionCode: COUNTY, name: '河西县水务投资有限公司', kind: 'owner' });
  const government = await buildUnit(database, { divisionCode: COUNTY, name: '河西县人民政府', kind: 'government' });
  const owner = await buildUser(database, { role: 'owner', unitId: company.id, divisionCode: COUNTY, displayName: '李经理' });
  const waterHead = await buildUser(database, { role: 'department', unitId: water.id, divisionCode: COUNTY, displayName: '水务局项目股' });
  ids.owner = owner.id;
  ids.waterHead = waterHead.id;
  usernames.owner = owner.username;
  usernames.waterHead = waterHead.username;
  ids.wang = (await buildUser(database, { role: 'leader', unitId: government.id, divisionCode: COUNTY, displayName: '王县长' })).id;
  ids.li = (await buildUser(database, { role: 'leader', unitId: government.id, divisionCode: COUNTY, displayName: '李县长' })).id;
  ids.drc = (await buildUser(database, { role: 'drc', unitId: drcUnit.id, divisionCode: COUNTY })).id;

  // Under construction, ≥ 500万, no report for 2026-05: its units are reminded.
  const reservoir = await insertProject({ name: '黑河水库除险加固工程', ownerUnitId: company.id, departmentId: water.id, leaderName: '王县长' });
  // Reported already, and too small to report: no reminder for them.
  const reported = await insertProject({ name: '城区供水管网改造', ownerUnitId: company.id, departmentId: water.id });
  await database.db.insert(monthlyReports).values({ divisionCode: COUNTY, projectId: reported.id, period: '2026-05', status: 'submitted', stage: 'construction' });
  await insertProject({ name: '村级小型水利设施', ownerUnitId: company.id, departmentId: water.id, totalInvestment: '300' });
  const paused = await insertProject({ name: '暂缓的引水工程', ownerUnitId: company.id, departmentId: water.id, stage: 'suspended' });

  await insertMilestone(reservoir.id, 'due7', '2026-05-25', { ownerUserId: owner.id });
  await insertMilestone(reservoir.id, 'due1', '2026-05-19'); // no owner account: the department's users
  await insertMilestone(reservoir.id, 'late2', '2026-05-16', { ownerUserId: owner.id });
  await insertMilestone(reservoir.id, 'late4', '2026-05-14', { ownerUserId: owner.id });
  await insertMilestone(reservoir.id, 'late10', '2026-05-08', { ownerUserId: owner.id });
  await insertMilestone(reservoir.id, 'done', '2026-05-01', { ownerUserId: owner.id, actualDate: '2026-05-03' });
  await insertMilestone(reservoir.id, 'far', '2026-06-30', { ownerUserId: owner.id });
  await insertMilestone(paused.id, 'paused', '2026-05-01', { ownerUserId: owner.id });
});
afterAll(() => database.close());

describe('reminder job', () => {
  it('reads the report deadline of the monthly cycle', async () => {
    expect(await reportDeadline(database.db, COUNTY, 2026, 5)).toEqual({ period: '2026-05', label: '5月', deadline: '2026-05-20' });
  });

  it('sends nothing before the report window and milestone horizon', async () => {
    const run = await runReminders(database, { now: new Date('2026-04-01T02:00:00Z') });
    expect(run.sent).toBe(0);
  });

  it('creates the right reminders on 18 May, and none on a second run', async () => {
    const run = await runReminders(database, { now: at(18) });
    // Reports: owner + department user. Countdown: due7 (owner), due1 (department).
    // Overdue: late2 → owner; late4 → owner, department; late10 → owner, department, 王县长.
    expect(run.byKind).toEqual({ report_due: 2, milestone_due: 2, milestone_overdue: 6 });
    expect(run.sent).toBe(10);

    const ownerInbox = await inboxOf(ids.owner);
    expect(ownerInbox.map((n) => n.dedupeKey).sort()).toEqual(
      [
        'report_due:2026-05',
        `milestone_due:${milestoneIds.due7}:2026-05-25:7`,
        `milestone_overdue:${milestoneIds.late2}:2026-05-16:0`,
        `milestone_overdue:${milestoneIds.late4}:2026-05-14:0`,
        `milestone_overdue:${milestoneIds.late10}:2026-05-08:0`,
      ].sort(),
    );
    const report = ownerInbox.find((n) => n.kind === 'report_due')!;
    expect(report.body).toContain('黑河水库除险加固工程');
    expect(report.body).not.toContain('城区供水管网改造');
    // Every project that reports is reminded of, small ones too: only the statistics stop at 500万.
    expect(report.body).toContain('村级小型水利设施');

    const head = await inboxOf(ids.waterHead);
    expect(head.map((n) => [n.kind, n.escalationLevel]).sort()).toEqual(
      [
        ['milestone_due', 0],
        ['milestone_overdue', 1],
        ['milestone_overdue', 1],
        ['report_due', 0],
      ].sort(),
    );
    const wang = await inboxOf(ids.wang);
    expect(wang).toHaveLength(1);
    expect(wang[0]).toMatchObject({ kind: 'milestone_overdue', escalationLevel: 2, dedupeKey: `milestone_overdue:${milestoneIds.late10}:2026-05-08:2` });
    expect(wang[0].title).toContain('逾期 10 天');
    expect(await inboxOf(ids.li)).toHaveLength(0);

    const again = await runReminders(database, { now: at(18) });
    expect(again.sent).toBe(0);
    expect(again.candidates).toBe(10);
    const later = await runReminders(database, { now: new Date('2026-05-18T09:00:00Z') });
    expect(later.sent).toBe(0);
  });

  it('escalates to the department after 3 days overdue and to the leader after 7', async () => {
    const day19 = await runReminders(database, { now: at(19) });
    // late2 is now 3 days overdue: level 1 to the department.
    expect(day19.sent).toBe(1);
    const [level1] = await database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, ids.waterHead), eq(notifications.dedupeKey, `milestone_overdue:${milestoneIds.late2}:2026-05-16:1`)));
    expect(level1.escalationLevel).toBe(1);

    const day23 = await runReminders(database, { now: at(23) });
    // late2 (7 days) and late4 (9 days) reach 王县长; due1 is 4 days overdue → level 0 and level 1 to the department.
    expect(day23.byKind).toEqual({ report_due: 0, milestone_due: 0, milestone_overdue: 4 });
    const wang = await inboxOf(ids.wang);
    expect(wang.map((n) => n.dedupeKey).sort()).toEqual(
      [
        `milestone_overdue:${milestoneIds.late10}:2026-05-08:2`,
        `milestone_overdue:${milestoneIds.late4}:2026-05-14:2`,
        `milestone_overdue:${milestoneIds.late2}:2026-05-16:2`,
      ].sort(),
    );
  });

  it('re-arms the countdown when a planned date moves, and stops once reached', async () => {
    await database.db.update(milestones).set({ plannedDate: '2026-05-30' }).where(eq(milestones.id, milestoneIds.due7));
    await database.db.update(milestones).set({ actualDate: '2026-05-23' }).where(eq(milestones.id, milestoneIds.late4));
    const run = await runReminders(database, { now: at(23) });
    expect(run.sent).toBe(1);
    const [moved] = (await inboxOf(ids.owner)).filter((n) => n.dedupeKey === `milestone_due:${milestoneIds.due7}:2026-05-30:7`);
    expect(moved.title).toContain('还有 7 天');
  });

  it('hands each new reminder to every registered channel, after the inbox', async () => {
    const seen: ReminderMessage[] = [];
    const probe: ReminderSender = { channel: 'sms', send: async (m) => void seen.push(m) };
    const { inAppSender } = await import('./reminder-senders');
    const run = await runReminders(database, { now: at(25), senders: [inAppSender(database), probe] });
    expect(seen).toHaveLength(run.sent);
    expect((await runReminders(database, { now: at(25), senders: [inAppSender(database), probe] })).sent).toBe(0);
    expect(seen).toHaveLength(run.sent);
  });
});

describe('inbox', () => {
  it('shows each user only their own messages', async () => {
    const app = createTestApp(database);
    const owner = await new TestClient(app).login(usernames.owner);
    const head = await new TestClient(app).login(usernames.waterHead);
    const mine = await (await owner.get('/api/inbox')).json();
    const ownCount = (await inboxOf(ids.owner)).length;
    expect(mine.total).toBe(ownCount);
    expect(mine.unread).toBe(ownCount);
    expect(mine.data[0]).toMatchObject({ isRead: false, readAt: null });
    expect(mine.data.find((n: { kind: string }) => n.kind === 'report_due').kindLabel).toBe('月报报送提醒');

    const theirs = await (await head.get('/api/inbox')).json();
    const foreignId = theirs.data[0].id;
    expect(mine.data.some((n: { id: string }) => n.id === foreignId)).toBe(false);
    expect((await owner.post(`/api/inbox/${foreignId}/read`)).status).toBe(404);
    expect((await (await head.get('/api/inbox/count')).json()).unread).toBe(theirs.total);

    const read = await owner.post(`/api/inbox/${mine.data[0].id}/read`);
    expect(read.status).toBe(200);
    expect((await read.json()).isRead).toBe(true);
    expect((await (await owner.get('/api/inbox/count')).json()).unread).toBe(ownCount - 1);
    expect((await (await owner.get('/api/inbox?unread=true')).json()).total).toBe(ownCount - 1);

    expect((await owner.post('/api/inbox/read-all')).status).toBe(200);
    expect((await (await owner.get('/api/inbox/count')).json()).unread).toBe(0);
    expect((await (await head.get('/api/inbox/count')).json()).unread).toBe(theirs.total);
    expect((await new TestClient(app).get('/api/inbox')).status).toBe(401);
  });
});
