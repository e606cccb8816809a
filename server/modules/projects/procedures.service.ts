import { and, asc, eq, gte, inArray, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { PROCEDURE_DUE_FILTER_LABELS, PROCEDURE_SOON_DAYS } from '../../../common/procedure-filters';
import { beijingToday } from '../../../common/format';
import { APPROVAL_TYPE_LABELS, APPROVAL_TYPES, PROCEDURE_STATUS_LABELS, type ApprovalType, type ProcedureStatus } from '../../../common/projects';
import { auditActorOf } from '../../platform/audit/audit.service';
import { regionCondition } from '../../platform/auth/scope';
import type { Database } from '../../platform/db/client';
import { assertSameVersion } from '../../platform/db/versioning';
import { writeListWorkbook } from '../../platform/documents/list-xlsx';
import type { Actor } from '../../platform/http/context';
import { AppError, notFound } from '../../platform/http/errors';
import { saveRecord, upsertRecord } from '../../platform/workflow/save-record';
import { orgUnits } from '../org';
import { DEFAULT_PROCEDURE_TEMPLATES, type ProcedureTemplateItem } from './procedure-templates';
import type { StuckFilterInput } from './procedures.schemas';
import { procedureTemplates, projectProcedures } from './procedures.tables';
import { projectScope } from './projects.policy';
import { filterCondition } from './projects.repository';
import { loadProject, loadProjectFor } from './projects.service';
import { projects } from './projects.tables';

type ProcedureRow = typeof projectProcedures.$inferSelect;

function presentProcedure(p: ProcedureRow) {
  return {
    id: p.id,
    key: p.key,
    name: p.name,
    sortOrder: p.sortOrder,
    isRequiredForStart: p.isRequiredForStart,
    status: p.status as ProcedureStatus,
    approvingOffice: p.approvingOffice,
    approvalNo: p.approvalNo,
    approvalDate: p.approvalDate,
    responsiblePerson: p.responsiblePerson,
    dueDate: p.dueDate,
    blockingProblem: p.blockingProblem,
    waiverReason: p.waiverReason,
    version: p.version,
  };
}

/** The checklist of one project, in template order. */
export async function listProjectProcedures(database: Database, actor: Actor, projectId: string) {
  const { project } = await loadProject(database.db, actor, projectId);
  const rows = await database.db
    .select()
    .from(projectProcedures)
    .where(and(eq(projectProcedures.divisionCode, project.divisionCode), eq(projectProcedures.projectId, project.id)))
    .orderBy(asc(projectProcedures.sortOrder));
  return rows.map(presentProcedure);
}

export interface ProcedureUpdate {
  version: number;
  status?: ProcedureStatus;
  approvingOffice?: string | null;
  approvalNo?: string | null;
  approvalDate?: string | null;
  responsiblePerson?: string | null;
  dueDate?: string | null;
  blockingProblem?: string | null;
  waiverReason?: string | null;
}

/** Records progress on one procedure: 已批复 needs its number and date, 不需办理 a written reason. */
export async function updateProcedure(database: Database, actor: Actor, id: string, input: ProcedureUpdate) {
  return database.db.transaction(async (tx) => {
    const [found] = await tx
      .select({ procedure: projectProcedures, projectName: projects.name })
      .from(projectProcedures)
      .innerJoin(projects, and(eq(projects.divisionCode, projectProcedures.divisionCode), eq(projects.id, projectProcedures.projectId)))
      .where(and(eq(projectProcedures.id, id), projectScope(actor)));
    if (!found) notFound('前期手续不存在或不在您的数据范围内');
    await loadProjectFor(tx, actor, found.procedure.projectId, 'updateProcedures');
    const before = found.procedure;
    assertSameVersion(before.version, input.version);
    const merged = { ...before, ...input };
    if (merged.status === 'approved' && (!merged.approvalNo || !merged.approvalDate)) {
      throw new AppError('VALIDATION_FAILED', '已批复的手续须填写批复文号和批复日期', { field: merged.approvalNo ? 'approvalDate' : 'approvalNo' });
    }
    if (merged.status === 'not_required' && !merged.waiverReason?.trim()) {
      throw new AppError('VALIDATION_FAILED', '标记为“不需办理”须写明理由', { field: 'waiverReason' });
    }
    const { version, ...changes } = input;
    return saveRecord(tx, {
      table: projectProcedures,
      where: and(eq(projectProcedures.divisionCode, before.divisionCode), eq(projectProcedures.id, id)),
      version,
      set: changes,
      audit: (after) => ({
        actor: auditActorOf(actor),
        divisionCode: before.divisionCode,
        action: 'procedure.updated',
        entityType: 'procedure',
        entityId: id,
        summary: `前期手续：${found.projectName} · ${after.name}（${PROCEDURE_STATUS_LABELS[after.status as ProcedureStatus]}）`,
        before,
        after: { ...after, projectId: after.projectId },
      }),
      present: presentProcedure,
    });
  });
}

const township = alias(orgUnits, 'township_unit');

/** A day `days` after an ISO date. */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The 前期手续 list's conditions: `scope` (the caller's open procedures on projects not yet
 * under construction, narrowed by department, township and keyword) feeds the per-procedure
 * cards; `filtered` adds the procedure type, status and 办理时限 for the rows.
 */
function stuckConditions(actor: Actor, filters: StuckFilterInput, today: string) {
  const scope: SQL | undefined = and(
    projectScope(actor),
    inArray(projectProcedures.status, ['not_started', 'in_progress']),
    inArray(projects.stage, ['planning', 'reserve', 'preliminary', 'ready']),
    filterCondition({ departmentId: filters.departmentId, townshipId: filters.townshipId, q: filters.q }),
  );
  const due = filters.due ?? (filters.overdue ? 'overdue' : undefined);
  const dueCondition = {
    overdue: lt(projectProcedures.dueDate, today),
    soon: and(gte(projectProcedures.dueDate, today), lte(projectProcedures.dueDate, addDays(today, PROCEDURE_SOON_DAYS))),
    none: isNull(projectProcedures.dueDate),
  };
  const filtered = and(
    scope,
    filters.key ? eq(projectProcedures.key, filters.key) : undefined,
    filters.status ? eq(projectProcedures.status, filters.status) : undefined,
    due ? dueCondition[due] : undefined,
  );
  return { scope, filtered };
}

const procedureJoin = and(eq(projects.divisionCode, projectProcedures.divisionCode), eq(projects.id, projectProcedures.projectId));

/** Open procedures with their project, department and township, most urgent first. */
function selectStuckRows(db: Database['db'], where: SQL | undefined) {
  return db
    .select({ procedure: projectProcedures, projectName: projects.name, projectCode: projects.code, departmentName: orgUnits.name, townshipName: township.name })
    .from(projectProcedures)
    .innerJoin(projects, procedureJoin)
    .leftJoin(orgUnits, and(eq(orgUnits.divisionCode, projects.divisionCode), eq(orgUnits.id, projects.departmentId)))
    .leftJoin(township, and(eq(township.divisionCode, projects.divisionCode), eq(township.id, projects.townshipId)))
    .where(where)
    .orderBy(asc(projectProcedures.dueDate), asc(projects.name), asc(projectProcedures.sortOrder), asc(projectProcedures.id));
}

type StuckRow = Awaited<ReturnType<typeof selectStuckRows>>[number];

function presentStuck(r: StuckRow, today: string) {
  return {
    ...presentProcedure(r.procedure),
    projectId: r.procedure.projectId,
    projectName: r.projectName,
    departmentName: r.departmentName,
    townshipName: r.townshipName,
    isOverdue: r.procedure.dueDate !== null && r.procedure.dueDate < today,
  };
}

/**
 * Where preliminary work is stuck across the caller's projects: one page of the open
 * procedures (未启动 / 办理中) of projects not yet under construction, the total, and a
 * per-procedure summary over the department, township and keyword chosen.
 */
export async function stuckProcedures(database: Database, actor: Actor, query: StuckFilterInput & { page: number; pageSize: number }) {
  const today = beijingToday();
  const { scope, filtered } = stuckConditions(actor, query, today);
  const { db } = database;
  const [summary, rows, [count]] = await Promise.all([
    db
      .select({
        key: projectProcedures.key,
        name: sql<string>`min(${projectProcedures.name})`,
        pending: sql<number>`count(*)::int`,
        overdue: sql<number>`count(*) filter (where ${projectProcedures.dueDate} < ${today})::int`,
        blocked: sql<number>`count(*) filter (where coalesce(${projectProcedures.blockingProblem}, '') <> '')::int`,
      })
      .from(projectProcedures)
      .innerJoin(projects, procedureJoin)
      .where(scope)
      .groupBy(projectProcedures.key)
      .orderBy(sql`count(*) desc`, asc(projectProcedures.key)),
    selectStuckRows(db, filtered)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(projectProcedures).innerJoin(projects, procedureJoin).where(filtered),
  ]);
  return { summary, data: rows.map((r) => presentStuck(r, today)), total: count.n };
}

/** The most rows one 前期手续 export writes. */
export const MAX_PROCEDURE_EXPORT_ROWS = 50_000;

/** The filtered 前期手续 list as an .xlsx: every row, not one page. */
export async function exportStuckProcedures(database: Database, actor: Actor, filters: StuckFilterInput): Promise<{ bytes: Buffer; filename: string }> {
  const today = beijingToday();
  const { db } = database;
  const { filtered } = stuckConditions(actor, filters, today);
  const rows = (await selectStuckRows(db, filtered).limit(MAX_PROCEDURE_EXPORT_ROWS)).map((r) => ({ ...presentStuck(r, today), projectCode: r.projectCode }));
  const described = await describeStuckFilters(db, actor, filters);
  const bytes = await writeListWorkbook({
    title: '前期手续办理情况表',
    subtitle: `${described ? `筛选：${described}  ` : ''}共 ${rows.length} 项  导出日期：${today}`,
    sheetName: '前期手续',
    columns: [
      { header: '序号', width: 6, value: (_, i) => i + 1 },
      { header: '项目名称', width: 36, wrap: true, value: (r) => r.projectName },
      { header: '项目代码', width: 26, value: (r) => r.projectCode },
      { header: '主管部门', width: 18, wrap: true, value: (r) => r.departmentName },
      { header: '乡镇', width: 10, value: (r) => r.townshipName },
      { header: '手续', width: 16, wrap: true, value: (r) => r.name },
      { header: '状态', width: 8, value: (r) => PROCEDURE_STATUS_LABELS[r.status] },
      { header: '审批部门', width: 18, wrap: true, value: (r) => r.approvingOffice },
      { header: '责任人', width: 10, value: (r) => r.responsiblePerson },
      { header: '办结时限', width: 12, value: (r) => r.dueDate },
      { header: '是否逾期', width: 8, value: (r) => (r.isOverdue ? '逾期' : '') },
      { header: '卡点问题', width: 40, wrap: true, value: (r) => r.blockingProblem },
    ],
    rows,
  });
  return { bytes, filename: `前期手续办理情况表-${today}.xlsx` };
}

/** The filters in words, for the export's subtitle: 「主管部门：水务局；状态：办理中」. */
async function describeStuckFilters(db: Database['db'], actor: Actor, filters: StuckFilterInput): Promise<string> {
  const unitIds = [filters.departmentId, filters.townshipId].filter((id): id is string => !!id);
  const names = new Map(
    unitIds.length
      ? (await db.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(and(inArray(orgUnits.id, unitIds), regionCondition(orgUnits.divisionCode, actor.divisionCode)))).map((u) => [u.id, u.name])
      : [],
  );
  const due = filters.due ?? (filters.overdue ? 'overdue' : undefined);
  const [keyName] = filters.key
    ? await db.select({ name: projectProcedures.name }).from(projectProcedures).where(and(eq(projectProcedures.key, filters.key), regionCondition(projectProcedures.divisionCode, actor.divisionCode))).limit(1)
    : [];
  return [
    filters.departmentId && `主管部门：${names.get(filters.departmentId) ?? '—'}`,
    filters.townshipId && `乡镇：${names.get(filters.townshipId) ?? '—'}`,
    filters.key && `手续：${keyName?.name ?? filters.key}`,
    filters.status && `状态：${PROCEDURE_STATUS_LABELS[filters.status]}`,
    due && `办理时限：${PROCEDURE_DUE_FILTER_LABELS[due]}`,
    filters.q && `关键字：${filters.q}`,
  ]
    .filter(Boolean)
    .join('；');
}

/** The checklist templates of the caller's division, its own copy or the default per approval type. */
export async function listProcedureTemplates(database: Database, actor: Actor) {
  const own = await database.db.select().from(procedureTemplates).where(eq(procedureTemplates.divisionCode, actor.divisionCode));
  return APPROVAL_TYPES.map((approvalType) => {
    const mine = own.find((t) => t.approvalType === approvalType);
    return {
      approvalType,
      label: APPROVAL_TYPE_LABELS[approvalType],
      items: (mine?.items as ProcedureTemplateItem[] | undefined) ?? DEFAULT_PROCEDURE_TEMPLATES[approvalType],
      isDefault: !mine,
      version: mine?.version ?? 0,
    };
  });
}

/**
 * Replaces the division's checklist template for an approval type. It applies to projects
 * created (or re-typed) from now on; existing checklists keep their items and progress.
 */
export async function saveProcedureTemplate(
  database: Database,
  actor: Actor,
  approvalType: ApprovalType,
  input: { version: number; items: ProcedureTemplateItem[] },
) {
  const keys = new Set(input.items.map((i) => i.key));
  if (keys.size !== input.items.length) throw new AppError('VALIDATION_FAILED', '手续代码不能重复', { field: 'items' });
  return database.db.transaction(async (tx) => {
    const where = and(eq(procedureTemplates.divisionCode, actor.divisionCode), eq(procedureTemplates.approvalType, approvalType));
    const [current] = await tx.select().from(procedureTemplates).where(where);
    return upsertRecord(tx, {
      table: procedureTemplates,
      where,
      version: input.version,
      current,
      set: { items: input.items },
      values: { divisionCode: actor.divisionCode, approvalType, items: input.items },
      audit: () => ({
        actor: auditActorOf(actor),
        divisionCode: actor.divisionCode,
        action: 'procedure_template.saved',
        entityType: 'procedure_template',
        entityId: approvalType,
        summary: `修改前期手续模板：${APPROVAL_TYPE_LABELS[approvalType]}`,
        before: current?.items ?? DEFAULT_PROCEDURE_TEMPLATES[approvalType],
        after: input.items,
      }),
      present: (row) => ({ approvalType, label: APPROVAL_TYPE_LABELS[approvalType], items: row.items as ProcedureTemplateItem[], isDefault: false, version: row.version }),
    });
  });
}
