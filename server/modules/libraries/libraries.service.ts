import Decimal from 'decimal.js';
import { and, asc, desc, eq, gte, inArray, or, sql, type SQL } from 'drizzle-orm';
import { LIBRARY_REQUEST_KIND_LABELS, type LibraryKind, type LibraryRequestKind, type LibraryRequestStatus } from '../../../common/projects';
import { auditActorOf, recordAudit } from '../../platform/audit/audit.service';
import { actorRegion, regionCondition } from '../../platform/auth/scope';
import type { Database, DbOrTx } from '../../platform/db/client';
import { assertSameVersion } from '../../platform/db/versioning';
import { saveRecord } from '../../platform/workflow/save-record';
import { transitionRecord, writeHistory } from '../../platform/workflow/transitions';
import { distinctIds, runBatch } from '../../platform/workflow/batch';
import type { Actor } from '../../platform/http/context';
import { AppError, notFound } from '../../platform/http/errors';
import { orgUnits } from '../org';
import { loadProjectFor } from '../projects';
import { projectScope } from '../projects';
import { projects } from '../projects';
import { getRules } from '../../platform/rules/rules.service';
import { investmentThresholds } from '../projects';
import { reserveRules } from './libraries.rules';
import { authorizeLibraryChange, libraryRequestPolicy, type LibraryRequestFacts } from './libraries.policy';
import { libraryRequestMachine } from './libraries.machine';
import { libraries, libraryMemberships, libraryRequests } from './libraries.tables';

const NOT_STARTED = ['reserve', 'preliminary', 'ready'];

/**
 * 储备项目数 ÷ 本年实施项目数 of a division (the caller's own by default) within the caller's data scope, counting only projects of at least the
 * division's 统计起点 (500万元 by default): reserve = not started yet (储备 / 前期 / 具备开工条件);
 * implemented = under construction, or started or completed this year. The target (3× by
 * default, SPEC §2) is the division's rule `libraries.reserve`.
 */
export async function reserveRatio(tx: DbOrTx, actor: Actor, year = new Date().getFullYear(), divisionCode = actor.divisionCode) {
  // The asked division, within the caller's own data scope (a township counts its own projects).
  const region = and(regionCondition(projects.divisionCode, divisionCode), projectScope(actor));
  const yearStart = `${year}-01-01`;
  const { countedMinWan } = await getRules(tx, divisionCode, investmentThresholds);
  const { reserveRatioTarget } = await getRules(tx, divisionCode, reserveRules);
  const [row] = await tx
    .select({
      reserve: sql<number>`count(*) filter (where ${inArray(projects.stage, NOT_STARTED)})::int`,
      implemented: sql<number>`count(*) filter (where ${projects.stage} = 'construction' or ${projects.actualStart} >= ${yearStart} or ${projects.actualCompletion} >= ${yearStart})::int`,
    })
    .from(projects)
    .where(and(region, gte(projects.totalInvestment, String(countedMinWan))));
  const ratio = row.implemented > 0 ? new Decimal(row.reserve).div(row.implemented).toDecimalPlaces(1).toFixed(1) : null;
  return {
    reserveCount: row.reserve,
    implementedCount: row.implemented,
    ratio,
    target: reserveRatioTarget,
    isBelowTarget: ratio !== null && new Decimal(ratio).lt(reserveRatioTarget),
    countedMinWan,
  };
}

/** The libraries of the caller's region, with how many projects each holds. */
export async function listLibraries(database: Database, actor: Actor) {
  const { db } = database;
  const rows = await db
    .select({
      library: libraries,
      ownerUnitName: orgUnits.name,
      projectCount: sql<number>`(select count(*)::int from ${libraryMemberships} m where m.division_code = ${libraries.divisionCode} and m.library_id = ${libraries.id})`,
    })
    .from(libraries)
    .leftJoin(orgUnits, and(eq(orgUnits.divisionCode, libraries.divisionCode), eq(orgUnits.id, libraries.ownerUnitId)))
    .where(actorRegion(actor, libraries.divisionCode))
    .orderBy(asc(libraries.divisionCode), asc(libraries.sortOrder), asc(libraries.name));
  return {
    data: rows.map((r) => presentLibrary(r.library, r.ownerUnitName, r.projectCount)),
    reserveRatio: await reserveRatio(db, actor),
  };
}

function presentLibrary(l: typeof libraries.$inferSelect, ownerUnitName: string | null, projectCount: number) {
  return {
    id: l.id,
    name: l.name,
    kind: l.kind as LibraryKind,
    ownerUnitId: l.ownerUnitId,
    ownerUnitName,
    entryCriteria: l.entryCriteria,
    sortOrder: l.sortOrder,
    isActive: l.isActive,
    projectCount,
    version: l.version,
  };
}

async function checkOwnerUnit(tx: DbOrTx, divisionCode: string, ownerUnitId: string | null | undefined) {
  if (!ownerUnitId) return null;
  const [unit] = await tx.select().from(orgUnits).where(and(eq(orgUnits.divisionCode, divisionCode), eq(orgUnits.id, ownerUnitId)));
  if (!unit) throw new AppError('VALIDATION_FAILED', '主管单位不存在或不属于本行政区划', { field: 'ownerUnitId' });
  return unit.name;
}

async function nameTaken(tx: DbOrTx, divisionCode: string, name: string, exceptId?: string) {
  const rows = await tx.select({ id: libraries.id }).from(libraries).where(and(eq(libraries.divisionCode, divisionCode), eq(libraries.name, name)));
  return rows.some((r) => r.id !== exceptId);
}

/** Adds a library to the caller's division. */
export async function createLibrary(
  database: Database,
  actor: Actor,
  input: { name: string; kind: LibraryKind; ownerUnitId?: string | null; entryCriteria?: string | null; sortOrder?: number },
) {
  const divisionCode = actor.divisionCode;
  return database.db.transaction(async (tx) => {
    const ownerUnitName = await checkOwnerUnit(tx, divisionCode, input.ownerUnitId);
    if (await nameTaken(tx, divisionCode, input.name)) throw new AppError('DUPLICATE', `项目库「${input.name}」已存在`, { field: 'name' });
    const [row] = await tx
      .insert(libraries)
      .values({ divisionCode, name: input.name, kind: input.kind, ownerUnitId: input.ownerUnitId ?? null, entryCriteria: input.entryCriteria ?? null, sortOrder: input.sortOrder ?? 0 })
      .returning();
    await recordAudit(tx, { actor: auditActorOf(actor), divisionCode, action: 'library.created', entityType: 'library', entityId: row.id, summary: `新建项目库：${row.name}`, after: row });
    return presentLibrary(row, ownerUnitName, 0);
  });
}

/** Changes a library's settings, refusing a stale version. */
export async function updateLibrary(
  database: Database,
  actor: Actor,
  id: string,
  input: { version: number; name?: string; kind?: LibraryKind; ownerUnitId?: string | null; entryCriteria?: string | null; sortOrder?: number; isActive?: boolean },
) {
  return database.db.transaction(async (tx) => {
    const [before] = await tx.select().from(libraries).where(and(eq(libraries.id, id), actorRegion(actor, libraries.divisionCode)));
    if (!before) notFound('项目库不存在');
    authorizeLibraryChange(actor, before);
    assertSameVersion(before.version, input.version);
    const ownerUnitName = await checkOwnerUnit(tx, before.divisionCode, input.ownerUnitId === undefined ? before.ownerUnitId : input.ownerUnitId);
    if (input.name && (await nameTaken(tx, before.divisionCode, input.name, id))) throw new AppError('DUPLICATE', `项目库「${input.name}」已存在`, { field: 'name' });
    const { version, ...changes } = input;
    return saveRecord(tx, {
      table: libraries,
      where: and(eq(libraries.divisionCode, before.divisionCode), eq(libraries.id, id)),
      version,
      set: changes,
      audit: (after) => ({ actor: auditActorOf(actor), divisionCode: before.divisionCode, action: 'library.updated', entityType: 'library', entityId: id, summary: `修改项目库：${after.name}`, before, after }),
      present: async (after) => {
        const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(libraryMemberships).where(and(eq(libraryMemberships.divisionCode, before.divisionCode), eq(libraryMemberships.libraryId, id)));
        return presentLibrary(after, ownerUnitName, count.n);
      },
    });
  });
}

function requestFacts(request: typeof libraryRequests.$inferSelect, library: { ownerUnitId: string | null }): LibraryRequestFacts {
  return { divisionCode: request.divisionCode, status: request.status, submittedBy: request.submittedBy, libraryOwnerUnitId: library.ownerUnitId };
}

/** Submits an 入库 / 调整 / 出库 request for a project the caller reaches. */
export async function submitLibraryRequest(
  database: Database,
  actor: Actor,
  input: { projectId: string; libraryId: string; kind: LibraryRequestKind; reason: string; changes?: string | null },
) {
  return database.db.transaction(async (tx) => {
    const { project } = await loadProjectFor(tx, actor, input.projectId, 'requestLibrary');
    const [library] = await tx.select().from(libraries).where(and(eq(libraries.divisionCode, project.divisionCode), eq(libraries.id, input.libraryId)));
    if (!library || !library.isActive) throw new AppError('VALIDATION_FAILED', '项目库不存在或已停用', { field: 'libraryId' });
    const [membership] = await tx
      .select()
      .from(libraryMemberships)
      .where(and(eq(libraryMemberships.divisionCode, project.divisionCode), eq(libraryMemberships.libraryId, library.id), eq(libraryMemberships.projectId, project.id)));
    if (input.kind === 'enter' && membership) throw new AppError('CONFLICT', `项目已在「${library.name}」中`);
    if (input.kind !== 'enter' && !membership) throw new AppError('CONFLICT', `项目不在「${library.name}」中，不能申请${LIBRARY_REQUEST_KIND_LABELS[input.kind]}`);
    if (input.kind === 'adjust' && !input.changes) throw new AppError('VALIDATION_FAILED', '调整申请须说明调整内容', { field: 'changes' });
    const [pending] = await tx
      .select({ id: libraryRequests.id })
      .from(libraryRequests)
      .where(
        and(
          eq(libraryRequests.divisionCode, project.divisionCode),
          eq(libraryRequests.projectId, project.id),
          eq(libraryRequests.libraryId, library.id),
          eq(libraryRequests.status, 'pending'),
        ),
      );
    const request = { divisionCode: project.divisionCode, projectId: project.id, libraryId: library.id, kind: input.kind, changes: input.changes ?? null };
    const submitted = libraryRequestMachine.assert(null, { action: 'submit' }, actor, { request, hasPendingRequest: !!pending });
    const [row] = await tx
      .insert(libraryRequests)
      .values({ ...request, status: submitted.to, reason: input.reason, submittedBy: actor.id, submittedByName: actor.displayName, submittedUnitId: actor.unitId })
      .returning();
    await writeHistory(tx, libraryRequestMachine, [{ divisionCode: row.divisionCode, recordId: row.id, from: null, to: submitted.to, action: submitted.action, reason: input.reason, actor }]);
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      divisionCode: project.divisionCode,
      action: 'library_request.submitted',
      entityType: 'library_request',
      entityId: row.id,
      summary: `申请${LIBRARY_REQUEST_KIND_LABELS[input.kind]}：${project.name} → ${library.name}`,
      after: { ...row, projectId: project.id },
    });
    return presentRequest(row, project.name, library, actor);
  });
}

function presentRequest(r: typeof libraryRequests.$inferSelect, projectName: string | null, library: { name: string; ownerUnitId: string | null } | null, actor: Actor) {
  return {
    id: r.id,
    projectId: r.projectId,
    projectName,
    libraryId: r.libraryId,
    libraryName: library?.name ?? null,
    kind: r.kind as LibraryRequestKind,
    status: r.status as LibraryRequestStatus,
    reason: r.reason,
    changes: (r.changes as string | null) ?? null,
    submittedByName: r.submittedByName,
    submittedAt: r.submittedAt.toISOString(),
    reviewedByName: r.reviewedByName,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    reviewComment: r.reviewComment,
    canReview: library ? libraryRequestPolicy.can(actor, 'approve', requestFacts(r, library)) : false,
    allowedActions: library ? libraryRequestPolicy.allowedActions(actor, requestFacts(r, library)) : [],
    version: r.version,
  };
}

/**
 * The requests a caller reaches, as a WHERE condition over requests joined to their library
 * and project: those about projects in their scope, and those addressed to a library their
 * unit owns. Listing and reviewing use the same condition, so a request the caller cannot
 * see answers 404, never 403.
 */
function visibleRequests(actor: Actor): SQL | undefined {
  const scope = projectScope(actor);
  const visible = scope && actor.unitId ? or(scope, eq(libraries.ownerUnitId, actor.unitId)) : scope;
  return and(actorRegion(actor, libraryRequests.divisionCode), visible);
}

/** Requests the caller may see (see `visibleRequests`). With `status=pending` this is the reviewer's 待办. */
export async function listLibraryRequests(
  database: Database,
  actor: Actor,
  query: { status?: LibraryRequestStatus; projectId?: string; q?: string; libraryId?: string; kind?: LibraryRequestKind; page: number; pageSize: number },
) {
  const { db } = database;
  const where = and(
    visibleRequests(actor),
    query.status ? eq(libraryRequests.status, query.status) : undefined,
    query.projectId ? eq(libraryRequests.projectId, query.projectId) : undefined,
    query.libraryId ? eq(libraryRequests.libraryId, query.libraryId) : undefined,
    query.kind ? eq(libraryRequests.kind, query.kind) : undefined,
    query.q ? sql`strpos(${projects.name}, ${query.q}) > 0` : undefined,
  );
  const joinLibrary = and(eq(libraries.divisionCode, libraryRequests.divisionCode), eq(libraries.id, libraryRequests.libraryId));
  const joinProject = and(eq(projects.divisionCode, libraryRequests.divisionCode), eq(projects.id, libraryRequests.projectId));
  const [rows, [count]] = await Promise.all([
    db
      .select({ request: libraryRequests, projectName: projects.name, library: libraries })
      .from(libraryRequests)
      .innerJoin(libraries, joinLibrary)
      .innerJoin(projects, joinProject)
      .where(where)
      .orderBy(desc(libraryRequests.submittedAt))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(libraryRequests).innerJoin(libraries, joinLibrary).innerJoin(projects, joinProject).where(where),
  ]);
  return { data: rows.map((r) => presentRequest(r.request, r.projectName, r.library, actor)), total: count.n };
}

/** Approves or returns a pending request; approval applies it to the library at once. */
export async function reviewLibraryRequest(database: Database, actor: Actor, id: string, decision: { approve: boolean; comment?: string | null }) {
  return database.db.transaction(async (tx) => {
    const [found] = await tx
      .select({ request: libraryRequests, library: libraries, projectName: projects.name })
      .from(libraryRequests)
      .innerJoin(libraries, and(eq(libraries.divisionCode, libraryRequests.divisionCode), eq(libraries.id, libraryRequests.libraryId)))
      .innerJoin(projects, and(eq(projects.divisionCode, libraryRequests.divisionCode), eq(projects.id, libraryRequests.projectId)))
      .where(and(eq(libraryRequests.id, id), visibleRequests(actor)));
    if (!found) notFound('申请不存在或不在您的数据范围内');
    const { request, library } = found;
    const state = request.status as LibraryRequestStatus;
    const move = { action: decision.approve ? 'approve' : 'return' };
    // Who first (403), then whether the request is still pending (409).
    libraryRequestPolicy.authorize(actor, decision.approve ? 'approve' : 'return', requestFacts(request, library));
    libraryRequestMachine.assert(state, move, actor, { request });
    const status = decision.approve ? 'approved' : 'returned';
    // Approval applies the request to the library (the machine's effect).
    return transitionRecord(tx, libraryRequestMachine, {
      actor,
      table: libraryRequests,
      stateColumn: libraryRequests.status,
      record: { divisionCode: request.divisionCode, id, state },
      where: and(eq(libraryRequests.divisionCode, request.divisionCode), eq(libraryRequests.id, id)),
      version: request.version,
      move,
      facts: { request },
      reason: decision.comment ?? null,
      set: { reviewedBy: actor.id, reviewedByName: actor.displayName, reviewedAt: new Date(), reviewComment: decision.comment ?? null },
      conflict: () => new AppError('CONFLICT', '该申请已处理，不能重复审核'),
      audit: () => ({
        actor: auditActorOf(actor),
        divisionCode: request.divisionCode,
        action: decision.approve ? 'library_request.approved' : 'library_request.returned',
        entityType: 'library_request',
        entityId: id,
        summary: `${decision.approve ? '通过' : '退回'}${LIBRARY_REQUEST_KIND_LABELS[request.kind as LibraryRequestKind]}申请：${found.projectName ?? ''} → ${library.name}`,
        before: { status: 'pending' },
        after: { status, comment: decision.comment ?? null, projectId: request.projectId },
      }),
      present: (row) => presentRequest(row, found.projectName, library, actor),
    });
  });
}

/**
 * 批量审核: approves or returns many pending requests with one 审核意见, each through the single
 * review (its policy, machine, the library change of an approval, one audit entry per request),
 * all or nothing. A request the caller cannot see refuses the whole batch (404).
 */
export async function reviewLibraryRequests(database: Database, actor: Actor, input: { requestIds: string[]; decision: 'approve' | 'return'; comment?: string | null }) {
  const ids = distinctIds(input.requestIds);
  const rows = await database.db
    .select({ id: libraryRequests.id, projectName: projects.name, libraryName: libraries.name })
    .from(libraryRequests)
    .innerJoin(libraries, and(eq(libraries.divisionCode, libraryRequests.divisionCode), eq(libraries.id, libraryRequests.libraryId)))
    .innerJoin(projects, and(eq(projects.divisionCode, libraryRequests.divisionCode), eq(projects.id, libraryRequests.projectId)))
    .where(and(inArray(libraryRequests.id, ids), visibleRequests(actor)));
  const labels = new Map(rows.map((r) => [r.id, `${r.projectName} → ${r.libraryName}`]));
  const missing = ids.filter((id) => !labels.has(id)).length;
  if (missing) notFound(`所选 ${ids.length} 项申请中有 ${missing} 项不存在或不在您的数据范围内，整批未处理`);
  const decision = { approve: input.decision === 'approve', comment: input.comment ?? null };
  const items = ids.map((id) => ({ id, label: labels.get(id)! }));
  const decided = await runBatch(database, items, { verb: decision.approve ? '审核通过' : '退回', noun: '申请', unit: '项' }, (scoped, item) =>
    reviewLibraryRequest(scoped, actor, item.id, decision),
  );
  return { count: decided.length, data: decided };
}
