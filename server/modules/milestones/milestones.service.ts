import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { auditActorOf, recordAudit } from '../../platform/audit/audit.service';
import type { Database, DbOrTx, Tx } from '../../platform/db/client';
import { assertSameVersion } from '../../platform/db/versioning';
import { writeListWorkbook } from '../../platform/documents/list-xlsx';
import { regionCondition } from '../../platform/auth/scope';
import { deleteRecord, saveRecord } from '../../platform/workflow/save-record';
import type { Actor } from '../../platform/http/context';
import { AppError, notFound } from '../../platform/http/errors';
import { orgUnits, users } from '../org';
import { projectFacts, projectPolicy, projectScope } from '../projects';
import { filterCondition } from '../projects';
import { loadProject, loadProjectFor } from '../projects';
import { projects } from '../projects';
import { AT_RISK_DAYS, beijingToday, MILESTONE_STATUS_LABELS, milestoneState, rollUpStatus, type MilestoneStatus } from './milestone-status';
import type { CreateMilestoneInput, PortfolioFilters, UpdateMilestoneInput } from './milestones.schemas';
import { milestones } from './milestones.tables';

type MilestoneRow = typeof milestones.$inferSelect;

/** Most projects one portfolio answer carries (a county has a few hundred key projects). */
export const PORTFOLIO_LIMIT = 1000;

/** A milestone as the API shows it, with its computed status and countdown. */
export function presentMilestone(m: MilestoneRow, today: string) {
  return {
    id: m.id,
    projectId: m.projectId,
    name: m.name,
    plannedDate: m.plannedDate,
    actualDate: m.actualDate,
    ownerName: m.ownerName,
    ownerUserId: m.ownerUserId,
    sortOrder: m.sortOrder,
    note: m.note,
    ...milestoneState(m, today),
    version: m.version,
  };
}

const planOrder = [asc(milestones.sortOrder), asc(milestones.plannedDate), asc(milestones.id)];

/** The milestone plan of a project the caller reaches (404 outside the scope). */
export async function listProjectMilestones(database: Database, actor: Actor, projectId: string, now = new Date()) {
  const row = await loadProject(database.db, actor, projectId);
  const { project } = row;
  const rows = await database.db
    .select()
    .from(milestones)
    .where(and(eq(milestones.divisionCode, project.divisionCode), eq(milestones.projectId, project.id)))
    .orderBy(...planOrder);
  const today = beijingToday(now);
  const data = rows.map((m) => presentMilestone(m, today));
  return { data, rollUpStatus: rollUpStatus(data.map((m) => m.status)), today, canManage: projectPolicy.can(actor, 'manageMilestones', projectFacts(row)) };
}

/** A responsible user must be an active account of the project's division. */
async function checkOwnerUser(tx: DbOrTx, divisionCode: string, ownerUserId: string | null | undefined) {
  if (!ownerUserId) return;
  const [user] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, ownerUserId), eq(users.divisionCode, divisionCode), eq(users.isActive, true)));
  if (!user) throw new AppError('VALIDATION_FAILED', '责任人账号不存在或不属于本行政区划', { field: 'ownerUserId' });
}

/** Loads a milestone whose project the caller reaches, or answers 404. */
async function loadMilestone(tx: Tx, actor: Actor, id: string) {
  const [row] = await tx
    .select({ milestone: milestones, projectName: projects.name })
    .from(milestones)
    .innerJoin(projects, and(eq(projects.divisionCode, milestones.divisionCode), eq(projects.id, milestones.projectId)))
    .where(and(eq(milestones.id, id), projectScope(actor)));
  if (!row) notFound('里程碑不存在或不在您的数据范围内');
  await loadProjectFor(tx, actor, row.milestone.projectId, 'manageMilestones');
  return row;
}

/** Adds a milestone to a project's plan. */
export async function createMilestone(database: Database, actor: Actor, projectId: string, input: CreateMilestoneInput) {
  return database.db.transaction(async (tx) => {
    const { project } = await loadProjectFor(tx, actor, projectId, 'manageMilestones');
    await checkOwnerUser(tx, project.divisionCode, input.ownerUserId);
    let sortOrder = input.sortOrder;
    if (sortOrder === undefined) {
      const [last] = await tx
        .select({ max: sql<number | null>`max(${milestones.sortOrder})` })
        .from(milestones)
        .where(and(eq(milestones.divisionCode, project.divisionCode), eq(milestones.projectId, project.id)));
      sortOrder = last.max === null ? 0 : Number(last.max) + 1;
    }
    const [row] = await tx
      .insert(milestones)
      .values({
        divisionCode: project.divisionCode,
        projectId: project.id,
        name: input.name,
        plannedDate: input.plannedDate,
        actualDate: input.actualDate ?? null,
        ownerName: input.ownerName,
        ownerUserId: input.ownerUserId ?? null,
        sortOrder,
        note: input.note ?? null,
      })
      .returning();
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      divisionCode: project.divisionCode,
      action: 'milestone.created',
      entityType: 'milestone',
      entityId: row.id,
      summary: `新建里程碑：${project.name} · ${row.name}（计划 ${row.plannedDate}）`,
      after: row,
    });
    return presentMilestone(row, beijingToday(new Date()));
  });
}

/** Changes a milestone (dates, owner, reached) with optimistic locking. */
export async function updateMilestone(database: Database, actor: Actor, id: string, input: UpdateMilestoneInput) {
  return database.db.transaction(async (tx) => {
    const { milestone: before, projectName } = await loadMilestone(tx, actor, id);
    assertSameVersion(before.version, input.version);
    const { version, ...changes } = input;
    await checkOwnerUser(tx, before.divisionCode, changes.ownerUserId);
    return saveRecord(tx, {
      table: milestones,
      where: and(eq(milestones.divisionCode, before.divisionCode), eq(milestones.id, id)),
      version,
      set: changes,
      audit: (after) => ({
        actor: auditActorOf(actor),
        divisionCode: before.divisionCode,
        action: 'milestone.updated',
        entityType: 'milestone',
        entityId: id,
        summary: `修改里程碑：${projectName} · ${after.name}`,
        before,
        after,
      }),
      present: (after) => presentMilestone(after, beijingToday(new Date())),
    });
  });
}

/** Removes a milestone from a plan (the version read must still be current). */
export async function deleteMilestone(database: Database, actor: Actor, id: string, version: number) {
  await database.db.transaction(async (tx) => {
    const { milestone: before, projectName } = await loadMilestone(tx, actor, id);
    await deleteRecord(tx, {
      table: milestones,
      where: and(eq(milestones.divisionCode, before.divisionCode), eq(milestones.id, id)),
      version,
      loadedVersion: before.version,
      audit: () => ({
        actor: auditActorOf(actor),
        divisionCode: before.divisionCode,
        action: 'milestone.deleted',
        entityType: 'milestone',
        entityId: id,
        summary: `删除里程碑：${projectName} · ${before.name}`,
        before,
      }),
    });
  });
}

const department = alias(orgUnits, 'department_unit');
const township = alias(orgUnits, 'township_unit');

const emptyCounts = (): Record<MilestoneStatus, number> => ({ overdue: 0, at_risk: 0, on_time: 0, done: 0 });

/**
 * 挂图作战 portfolio: the projects in the caller's scope that carry a milestone plan, one
 * Gantt row each (span of planned dates, milestones, worst status), filtered by leader,
 * department, township, library and roll-up status.
 */
export async function milestonePortfolio(database: Database, actor: Actor, filters: PortfolioFilters, now = new Date()) {
  const { db } = database;
  const today = beijingToday(now);
  const hasPlan = sql`exists (select 1 from ${milestones} m where m.division_code = ${projects.divisionCode} and m.project_id = ${projects.id})`;
  const found = await db
    .select({ project: projects, departmentName: department.name, townshipName: township.name })
    .from(projects)
    .leftJoin(department, and(eq(department.divisionCode, projects.divisionCode), eq(department.id, projects.departmentId)))
    .leftJoin(township, and(eq(township.divisionCode, projects.divisionCode), eq(township.id, projects.townshipId)))
    .where(
      and(
        projectScope(actor),
        filterCondition({ q: filters.q, leader: filters.leader, departmentId: filters.departmentId, townshipId: filters.townshipId, libraryId: filters.libraryId }),
        hasPlan,
      ),
    )
    .orderBy(asc(projects.divisionCode), asc(projects.name), asc(projects.id))
    .limit(PORTFOLIO_LIMIT + 1);
  const isTruncated = found.length > PORTFOLIO_LIMIT;
  const rows = found.slice(0, PORTFOLIO_LIMIT);
  const byProject = new Map<string, MilestoneRow[]>();
  const divisionCodes = [...new Set(rows.map((r) => r.project.divisionCode))];
  if (rows.length) {
    const plan = await db
      .select()
      .from(milestones)
      .where(
        and(
          inArray(milestones.divisionCode, divisionCodes),
          inArray(
            milestones.projectId,
            rows.map((r) => r.project.id),
          ),
        ),
      )
      .orderBy(...planOrder);
    for (const m of plan) byProject.set(m.projectId, [...(byProject.get(m.projectId) ?? []), m]);
  }
  const summary = emptyCounts();
  const data = rows.flatMap(({ project: p, departmentName, townshipName }) => {
    const items = (byProject.get(p.id) ?? []).filter((m) => m.divisionCode === p.divisionCode).map((m) => presentMilestone(m, today));
    const status = rollUpStatus(items.map((m) => m.status));
    if (!status) return [];
    summary[status] += 1;
    if (filters.status && status !== filters.status) return [];
    const counts = emptyCounts();
    for (const m of items) counts[m.status] += 1;
    const dates = items.map((m) => m.plannedDate).sort();
    return [
      {
        projectId: p.id,
        projectName: p.name,
        divisionCode: p.divisionCode,
        stage: p.stage,
        departmentId: p.departmentId,
        departmentName,
        townshipName,
        leaderName: p.leaderName,
        plannedStart: dates[0],
        plannedEnd: dates[dates.length - 1],
        status,
        counts,
        milestones: items,
      },
    ];
  });
  return { today, atRiskDays: AT_RISK_DAYS, data, total: data.length, summary, isTruncated };
}

/** The portfolio's filters in words, for the export's subtitle. */
async function describePortfolioFilters(database: Database, actor: Actor, filters: PortfolioFilters): Promise<string> {
  const unitIds = [filters.departmentId, filters.townshipId].filter((id): id is string => !!id);
  const names = new Map(
    unitIds.length
      ? (
          await database.db
            .select({ id: orgUnits.id, name: orgUnits.name })
            .from(orgUnits)
            .where(and(inArray(orgUnits.id, unitIds), regionCondition(orgUnits.divisionCode, actor.divisionCode)))
        ).map((u) => [u.id, u.name])
      : [],
  );
  return [
    filters.leader && `包抓领导：${filters.leader}`,
    filters.departmentId && `主管部门：${names.get(filters.departmentId) ?? '—'}`,
    filters.townshipId && `乡镇：${names.get(filters.townshipId) ?? '—'}`,
    filters.libraryId && '按项目库筛选',
    filters.status && `状态：${MILESTONE_STATUS_LABELS[filters.status]}`,
    filters.q && `关键字：${filters.q}`,
  ]
    .filter(Boolean)
    .join('；');
}

/** A countdown in words: 「还剩 12 天」, 「已逾期 5 天」, 「逾期完成」. */
function countdownOf(m: ReturnType<typeof presentMilestone>): string {
  if (m.actualDate) return m.isDoneLate ? '逾期完成' : '按期完成';
  if (m.daysRemaining === null) return m.statusLabel;
  if (m.daysRemaining < 0) return `已逾期 ${-m.daysRemaining} 天`;
  if (m.daysRemaining === 0) return '今天到期';
  return `还剩 ${m.daysRemaining} 天`;
}

/** The filtered portfolio as an .xlsx for the 督查 table: one row per milestone, worst projects first. */
export async function exportPortfolio(database: Database, actor: Actor, filters: PortfolioFilters, now = new Date()): Promise<{ bytes: Buffer; filename: string }> {
  const portfolio = await milestonePortfolio(database, actor, filters, now);
  const severity: MilestoneStatus[] = ['overdue', 'at_risk', 'on_time', 'done'];
  const projectsInOrder = [...portfolio.data].sort((a, b) => severity.indexOf(a.status) - severity.indexOf(b.status) || b.counts.overdue - a.counts.overdue);
  const rows = projectsInOrder.flatMap((p) => p.milestones.map((m) => ({ project: p, milestone: m })));
  const described = await describePortfolioFilters(database, actor, filters);
  const bytes = await writeListWorkbook({
    title: '挂图作战重点项目里程碑表',
    subtitle: `${described ? `筛选：${described}  ` : ''}项目 ${portfolio.total} 个，里程碑 ${rows.length} 个${portfolio.isTruncated ? '（项目过多，仅含前一部分）' : ''}  导出日期：${portfolio.today}`,
    sheetName: '里程碑',
    paper: 'A3',
    columns: [
      { header: '序号', width: 6, value: (_, i) => i + 1 },
      { header: '项目名称', width: 34, wrap: true, value: (r) => r.project.projectName },
      { header: '主管部门', width: 18, wrap: true, value: (r) => r.project.departmentName },
      { header: '乡镇', width: 10, value: (r) => r.project.townshipName },
      { header: '包抓领导', width: 10, value: (r) => r.project.leaderName },
      { header: '项目状态', width: 10, value: (r) => MILESTONE_STATUS_LABELS[r.project.status] },
      { header: '里程碑', width: 28, wrap: true, value: (r) => r.milestone.name },
      { header: '计划完成', width: 12, value: (r) => r.milestone.plannedDate },
      { header: '实际完成', width: 12, value: (r) => r.milestone.actualDate },
      { header: '责任人', width: 10, value: (r) => r.milestone.ownerName },
      { header: '状态', width: 10, value: (r) => r.milestone.statusLabel },
      { header: '倒计时', width: 12, value: (r) => countdownOf(r.milestone) },
      { header: '备注', width: 30, wrap: true, value: (r) => r.milestone.note },
    ],
    rows,
  });
  return { bytes, filename: `挂图作战里程碑表-${portfolio.today}.xlsx` };
}
