import { and, asc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { beijingToday } from '../../../common/format';
import { APPROVAL_TYPE_LABELS, APPROVAL_TYPES, PROCEDURE_STATUS_LABELS, type ApprovalType, type ProcedureStatus } from '../../../common/projects';
import { auditActorOf } from '../../platform/audit/audit.service';
import type { Database } from '../../platform/db/client';
import { assertSameVersion } from '../../platform/db/versioning';
import type { Actor } from '../../platform/http/context';
import { AppError, notFound } from '../../platform/http/errors';
import { saveRecord, upsertRecord } from '../../platform/workflow/save-record';
import { orgUnits } from '../org';
import { DEFAULT_PROCEDURE_TEMPLATES, type ProcedureTemplateItem } from './procedure-templates';
import { procedureTemplates, projectProcedures } from './procedures.tables';
import { projectScope } from './projects.policy';
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

/**
 * Where preliminary work is stuck across the caller's projects: each open procedure
 * (未启动 / 办理中) of projects not yet under construction, with a per-procedure summary.
 */
export async function stuckProcedures(
  database: Database,
  actor: Actor,
  query: { key?: string; status?: ProcedureStatus; overdue?: boolean; page: number; pageSize: number },
) {
  const today = beijingToday();
  const open = inArray(projectProcedures.status, ['not_started', 'in_progress']);
  const base: SQL | undefined = and(
    projectScope(actor),
    open,
    inArray(projects.stage, ['planning', 'reserve', 'preliminary', 'ready']),
  );
  const filtered = and(
    base,
    query.key ? eq(projectProcedures.key, query.key) : undefined,
    query.status ? eq(projectProcedures.status, query.status) : undefined,
    query.overdue ? lt(projectProcedures.dueDate, today) : undefined,
  );
  const join = and(eq(projects.divisionCode, projectProcedures.divisionCode), eq(projects.id, projectProcedures.projectId));
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
      .innerJoin(projects, join)
      .where(base)
      .groupBy(projectProcedures.key)
      .orderBy(sql`count(*) desc`),
    db
      .select({ procedure: projectProcedures, projectName: projects.name, departmentName: orgUnits.name })
      .from(projectProcedures)
      .innerJoin(projects, join)
      .leftJoin(orgUnits, and(eq(orgUnits.divisionCode, projects.divisionCode), eq(orgUnits.id, projects.departmentId)))
      .where(filtered)
      .orderBy(asc(projectProcedures.dueDate), asc(projects.name), asc(projectProcedures.sortOrder))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(projectProcedures).innerJoin(projects, join).where(filtered),
  ]);
  return {
    summary,
    data: rows.map((r) => ({
      ...presentProcedure(r.procedure),
      projectId: r.procedure.projectId,
      projectName: r.projectName,
      departmentName: r.departmentName,
      isOverdue: r.procedure.dueDate !== null && r.procedure.dueDate < today,
    })),
    total: count.n,
  };
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
