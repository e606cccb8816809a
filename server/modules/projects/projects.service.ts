import Decimal from 'decimal.js';
import { and, asc, eq } from 'drizzle-orm';
import { parseProjectCode } from '../../../common/project-code';
import { INVESTMENT_BANDS, STAGE_LABELS, type FundingSource, type Stage } from '../../../common/projects';
import { auditActorOf, recordAudit } from '../../platform/audit/audit.service';
import { isCountyDivision, writesIn } from '../../platform/auth/policy';
import { canReachDivision } from '../../platform/auth/scope';
import type { Database, DbOrTx, Tx } from '../../platform/db/client';
import { assertSameVersion } from '../../platform/db/versioning';
import type { Actor } from '../../platform/http/context';
import { getRules, loadRules } from '../../platform/rules/rules.service';
import { AppError, forbidden, notFound } from '../../platform/http/errors';
import { libraries, libraryMemberships } from '../libraries';
import { divisions } from '../org';
import { stageMachine } from './lifecycle';
import { saveRecord } from '../../platform/workflow/save-record';
import { transitionRecord, writeHistory } from '../../platform/workflow/transitions';
import { DEFAULT_PROCEDURE_TEMPLATES, type ProcedureTemplateItem } from './procedure-templates';
import { procedureTemplates, projectProcedures } from './procedures.tables';
import { readsPromotionFacts, forcedUnitFields, projectFacts, projectPolicy, projectScope, stageMovesOf, type ProjectAction } from './projects.policy';
import * as repo from './projects.repository';
import { bandMinimums, investmentThresholds, type InvestmentThresholds } from './projects.rules';
import type { CreateProjectInput, ProjectListFilters, UpdateProjectInput } from './projects.schemas';
import { projectCodes, projects, stageTransitions } from './projects.tables';
import { bigrams, searchTextOf } from './search';

/** The investment bands a total (万元) falls in by the division's thresholds, computed, never typed. */
export function bandsOf(totalWan: string, thresholds: InvestmentThresholds = investmentThresholds.defaults): string[] {
  const total = new Decimal(totalWan);
  const minimums = bandMinimums(thresholds);
  return INVESTMENT_BANDS.filter((b) => total.gte(minimums[b.key])).map((b) => b.key);
}

/** Trims trailing zeros of a numeric string from the database: '12000.5000' → '12000.5'. */
export function plainWan(value: string): string {
  return new Decimal(value).toFixed();
}

/** A list row as the API shows it, with the actions the caller may take on it. */
export function presentListItem(row: repo.ProjectListRow, actor: Actor, thresholds?: InvestmentThresholds) {
  const p = row.project;
  return {
    id: p.id,
    divisionCode: p.divisionCode,
    code: p.code,
    reserveNo: p.reserveNo,
    name: p.name,
    ownerUnitId: p.ownerUnitId,
    ownerUnitName: row.ownerUnitName,
    departmentId: p.departmentId,
    departmentName: row.departmentName,
    townshipId: p.townshipId,
    townshipName: row.townshipName,
    sector: p.sector,
    stage: p.stage,
    totalInvestment: plainWan(p.totalInvestment),
    bands: bandsOf(p.totalInvestment, thresholds),
    plannedStart: p.plannedStart,
    plannedCompletion: p.plannedCompletion,
    leaderName: p.leaderName,
    tags: p.tags,
    libraryNames: row.libraryNames ?? [],
    version: p.version,
    updatedAt: p.updatedAt.toISOString(),
    allowedActions: projectPolicy.allowedActions(actor, projectFacts(row)),
  };
}

/** A page of the projects the caller reaches. */
export async function listProjects(database: Database, actor: Actor, filters: ProjectListFilters) {
  // The thresholds of every division the list reaches, read once (a city's list spans its counties).
  const thresholdsOf = await loadRules(database.db, investmentThresholds, actor.divisionCode);
  const { rows, total } = await repo.listProjects(database.db, {
    where: and(projectScope(actor), repo.filterCondition(filters, bandMinimums(thresholdsOf(actor.divisionCode)))),
    sort: filters.sort,
    order: filters.order,
    limit: filters.pageSize,
    offset: (filters.page - 1) * filters.pageSize,
    withPromotionFacts: readsPromotionFacts(actor),
  });
  return { data: rows.map((row) => presentListItem(row, actor, thresholdsOf(row.project.divisionCode))), total };
}

/** Loads a project the caller reaches, or answers 404. */
export async function loadProject(tx: DbOrTx, actor: Actor, id: string): Promise<repo.ProjectListRow> {
  const row = await repo.findProject(tx, id, projectScope(actor));
  if (!row) notFound('项目不存在或不在您的数据范围内');
  return row;
}

/** Loads a project the caller reaches (404 otherwise) on which they may take an action (403 otherwise). */
export async function loadProjectFor(tx: DbOrTx, actor: Actor, id: string, action: ProjectAction): Promise<repo.ProjectListRow> {
  const row = await loadProject(tx, actor, id);
  projectPolicy.authorize(actor, action, projectFacts(row));
  return row;
}

/** Everything the project page shows in its header and first tabs. */
export async function getProjectDetail(database: Database, actor: Actor, id: string) {
  const row = await loadProject(database.db, actor, id);
  return presentDetail(database.db, actor, row);
}

async function presentDetail(tx: DbOrTx, actor: Actor, row: repo.ProjectListRow) {
  const p = row.project;
  const { funding, plans } = await repo.loadFundingAndPlans(tx, p.divisionCode, p.id);
  const memberships = await tx
    .select({ id: libraries.id, name: libraries.name, enteredAt: libraryMemberships.enteredAt })
    .from(libraryMemberships)
    .innerJoin(libraries, and(eq(libraries.divisionCode, libraryMemberships.divisionCode), eq(libraries.id, libraryMemberships.libraryId)))
    .where(and(eq(libraryMemberships.divisionCode, p.divisionCode), eq(libraryMemberships.projectId, p.id)))
    .orderBy(asc(libraries.sortOrder));
  const facts = projectFacts(row);
  return {
    ...presentListItem(row, actor, await getRules(tx, p.divisionCode, investmentThresholds)),
    codeKind: p.codeKind,
    industryCode: p.industryCode,
    approvalType: p.approvalType,
    constructionNature: p.constructionNature,
    scaleContent: p.scaleContent,
    parkId: p.parkId,
    parkName: row.parkName,
    maturity: p.maturity,
    actualStart: p.actualStart,
    actualCompletion: p.actualCompletion,
    longitude: p.longitude === null ? null : Number(p.longitude),
    latitude: p.latitude === null ? null : Number(p.latitude),
    remarks: p.remarks,
    funding: funding.map((f) => ({ source: f.source as FundingSource, amount: plainWan(f.amount), currency: f.currency, originalAmount: f.originalAmount })),
    yearPlans: plans.map((y) => ({ year: y.year, planned: plainWan(y.planned) })),
    libraries: memberships.map((m) => ({ id: m.id, name: m.name, enteredAt: m.enteredAt.toISOString() })),
    nextStages: projectPolicy.can(actor, 'transition', facts) ? stageMovesOf(facts).map((s) => ({ stage: s, label: STAGE_LABELS[s] })) : [],
  };
}

type ProjectFields = Partial<Omit<CreateProjectInput, 'divisionCode' | 'stage'>>;

/** Validates a national project code and claims it platform-wide for a project. */
async function claimCode(tx: Tx, code: string, divisionCode: string, projectId: string): Promise<{ code: string; kind: 'national' | 'legacy' }> {
  const parsed = parseProjectCode(code);
  if (!parsed.ok) throw new AppError('VALIDATION_FAILED', parsed.message, { field: 'code' });
  const [taken] = await tx.select().from(projectCodes).where(eq(projectCodes.code, parsed.code));
  if (taken && taken.projectId !== projectId) {
    const [other] = await tx.select({ name: projects.name }).from(projects).where(and(eq(projects.divisionCode, taken.divisionCode), eq(projects.id, taken.projectId)));
    throw new AppError('DUPLICATE', `项目代码 ${parsed.code} 已被项目「${other?.name ?? '其他项目'}」使用`, { field: 'code' });
  }
  if (!taken) await tx.insert(projectCodes).values({ code: parsed.code, divisionCode, projectId });
  return { code: parsed.code, kind: parsed.kind };
}

async function releaseCode(tx: Tx, code: string | null) {
  if (code) await tx.delete(projectCodes).where(eq(projectCodes.code, code));
}

/** Checks unit references, dates and money rules shared by create and update. */
async function checkFields(tx: DbOrTx, divisionCode: string, fields: ProjectFields, current?: repo.ProjectRow) {
  const refs: Array<[keyof ProjectFields, string | null | undefined, string[] | null, string]> = [
    ['ownerUnitId', fields.ownerUnitId, null, '建设单位'],
    ['departmentId', fields.departmentId, null, '主管部门'],
    ['townshipId', fields.townshipId, ['township'], '所在乡镇'],
    ['parkId', fields.parkId, ['park'], '所属园区'],
  ];
  const ids = refs.map(([, id]) => id).filter((id): id is string => !!id);
  const found = await repo.findUnits(tx, divisionCode, ids);
  for (const [field, id, kinds, label] of refs) {
    if (!id) continue;
    const unit = found.find((u) => u.id === id);
    if (!unit) throw new AppError('VALIDATION_FAILED', `${label}不存在或不属于本行政区划`, { field });
    if (kinds && !kinds.includes(unit.kind)) throw new AppError('VALIDATION_FAILED', `所选单位不是${label}`, { field });
  }
  const start = fields.plannedStart !== undefined ? fields.plannedStart : current?.plannedStart;
  const end = fields.plannedCompletion !== undefined ? fields.plannedCompletion : current?.plannedCompletion;
  if (start && end && end < start) throw new AppError('VALIDATION_FAILED', '计划竣工时间不能早于计划开工时间', { field: 'plannedCompletion' });
  const total = new Decimal(fields.totalInvestment ?? current?.totalInvestment ?? '0');
  if (fields.funding) {
    const sources = new Set<string>();
    for (const f of fields.funding) {
      if (sources.has(f.source)) throw new AppError('VALIDATION_FAILED', '资金来源重复，请合并同一来源', { field: 'funding' });
      sources.add(f.source);
      if (f.currency !== 'CNY' && !f.originalAmount) throw new AppError('VALIDATION_FAILED', '外币资金须填写原币金额', { field: 'funding' });
    }
    const sum = fields.funding.reduce((acc, f) => acc.plus(f.amount), new Decimal(0));
    if (sum.gt(total)) {
      throw new AppError('VALIDATION_FAILED', `资金来源合计 ${sum.toFixed()} 万元超过总投资 ${total.toFixed()} 万元`, { field: 'funding' });
    }
  }
  if (fields.yearPlans) {
    const years = new Set(fields.yearPlans.map((y) => y.year));
    if (years.size !== fields.yearPlans.length) throw new AppError('VALIDATION_FAILED', '年度计划的年份重复', { field: 'yearPlans' });
  }
}

/** The checklist template of a division for an approval type (its own copy, or the default). */
export async function procedureTemplateFor(tx: DbOrTx, divisionCode: string, approvalType: string): Promise<ProcedureTemplateItem[]> {
  const [own] = await tx
    .select()
    .from(procedureTemplates)
    .where(and(eq(procedureTemplates.divisionCode, divisionCode), eq(procedureTemplates.approvalType, approvalType)));
  return (own?.items as ProcedureTemplateItem[] | undefined) ?? DEFAULT_PROCEDURE_TEMPLATES[approvalType as keyof typeof DEFAULT_PROCEDURE_TEMPLATES];
}

/** Adds the checklist items of the template the project does not have yet. */
export async function ensureProcedures(tx: DbOrTx, divisionCode: string, projectId: string, approvalType: string) {
  const template = await procedureTemplateFor(tx, divisionCode, approvalType);
  await tx
    .insert(projectProcedures)
    .values(
      template.map((item, index) => ({
        divisionCode,
        projectId,
        key: item.key,
        name: item.name,
        sortOrder: index,
        isRequiredForStart: item.isRequiredForStart,
        approvingOffice: item.office,
      })),
    )
    .onConflictDoNothing();
}

function searchColumns(name: string, ownerName: string | null, code: string | null, reserveNo: string) {
  const searchText = searchTextOf([name, ownerName, code, reserveNo]);
  return { searchText, searchGrams: bigrams(searchText) };
}

/** Creates a project (储备编号 generated; the national code only checked, never generated). */
export async function createProject(database: Database, actor: Actor, input: CreateProjectInput) {
  const divisionCode = input.divisionCode ?? actor.divisionCode;
  if (!canReachDivision(actor, divisionCode)) throw new AppError('VALIDATION_FAILED', '行政区划不在您的管理范围内', { field: 'divisionCode' });
  // A city or province user reads and rolls up its counties; it files no county's project.
  if (!writesIn(actor, divisionCode) && isCountyDivision(divisionCode)) forbidden('上级部门只能查看和汇总县级项目，不能为县级行政区划新建项目');
  const { divisionCode: _d, stage, ...rest } = input;
  const fields = { ...rest, ...forcedUnitFields(actor, rest) };
  return database.db.transaction(async (tx) => {
    const [division] = await tx.select().from(divisions).where(eq(divisions.code, divisionCode));
    if (!division || division.level !== 'county') throw new AppError('VALIDATION_FAILED', '项目须归属到县级行政区划', { field: 'divisionCode' });
    await checkFields(tx, divisionCode, fields);
    const row = await insertProject(tx, actor, divisionCode, stage, fields);
    const loaded = await repo.findProject(tx, row.id, eq(projects.divisionCode, divisionCode));
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      divisionCode,
      action: 'project.created',
      entityType: 'project',
      entityId: row.id,
      summary: `新建项目：${row.name}`,
      after: { ...row, searchGrams: undefined, funding: fields.funding, yearPlans: fields.yearPlans },
    });
    return presentDetail(tx, actor, loaded!);
  });
}

/** Inserts a project with its children inside an open transaction (also used by the ledger import). */
export async function insertProject(tx: Tx, actor: Actor, divisionCode: string, stage: Stage, fields: ProjectFields & { name: string; ownerUnitId: string; sector: string; totalInvestment: string }) {
  const id = crypto.randomUUID();
  const code = fields.code ? await claimCode(tx, fields.code, divisionCode, id) : null;
  const reserveNo = await repo.nextReserveNo(tx, divisionCode, new Date().getFullYear());
  const [ownerUnit] = await repo.findUnits(tx, divisionCode, [fields.ownerUnitId]);
  const [row] = await tx
    .insert(projects)
    .values({
      divisionCode,
      id,
      code: code?.code ?? null,
      codeKind: code?.kind ?? null,
      reserveNo,
      name: fields.name,
      ownerUnitId: fields.ownerUnitId,
      departmentId: fields.departmentId ?? null,
      townshipId: fields.townshipId ?? null,
      parkId: fields.parkId ?? null,
      sector: fields.sector,
      industryCode: fields.industryCode ?? null,
      approvalType: fields.approvalType ?? 'government',
      constructionNature: fields.constructionNature ?? 'new',
      scaleContent: fields.scaleContent ?? null,
      totalInvestment: fields.totalInvestment,
      plannedStart: fields.plannedStart ?? null,
      plannedCompletion: fields.plannedCompletion ?? null,
      stage,
      maturity: fields.maturity ?? 'concept',
      tags: fields.tags ?? [],
      leaderName: fields.leaderName ?? null,
      longitude: fields.longitude == null ? null : String(fields.longitude),
      latitude: fields.latitude == null ? null : String(fields.latitude),
      remarks: fields.remarks ?? null,
      createdBy: actor.id,
      ...searchColumns(fields.name, ownerUnit?.name ?? null, code?.code ?? null, reserveNo),
    })
    .returning();
  await repo.replaceFunding(tx, divisionCode, id, (fields.funding ?? []).map((f) => ({ ...f, currency: f.currency ?? 'CNY' })));
  await repo.replaceYearPlans(tx, divisionCode, id, fields.yearPlans ?? []);
  await ensureProcedures(tx, divisionCode, id, row.approvalType);
  await writeHistory(tx, stageMachine, [{ divisionCode, recordId: id, from: null, to: stage, action: 'create', reason: '新建项目', actor }]);
  return row;
}

/** Updates a project with optimistic locking; code changes are re-validated and re-claimed. */
export async function updateProject(database: Database, actor: Actor, id: string, input: UpdateProjectInput) {
  return database.db.transaction(async (tx) => {
    const before = await loadProjectFor(tx, actor, id, 'update');
    const p = before.project;
    assertSameVersion(p.version, input.version);
    if (p.stage === 'terminated') throw new AppError('CONFLICT', '项目已终止，不能再修改');
    const { version, funding, yearPlans, code: codeInput, ...requested } = input;
    // The same scope rules as on create: no one moves a project out of their own scope.
    const units = {
      ownerUnitId: requested.ownerUnitId ?? p.ownerUnitId,
      departmentId: requested.departmentId !== undefined ? requested.departmentId : p.departmentId,
      townshipId: requested.townshipId !== undefined ? requested.townshipId : p.townshipId,
    };
    const changes = { ...requested, ...forcedUnitFields(actor, units) };
    await checkFields(tx, p.divisionCode, { ...changes, funding, yearPlans, ownerUnitId: changes.ownerUnitId ?? undefined }, p);
    let code: { code: string | null; kind: string | null } = { code: p.code, kind: p.codeKind };
    if (codeInput !== undefined) {
      const wanted = codeInput?.trim() || null;
      if (wanted) code = await claimCode(tx, wanted, p.divisionCode, id);
      else code = { code: null, kind: null };
      if (p.code && p.code !== code.code) await releaseCode(tx, p.code);
    }
    const ownerUnitId = changes.ownerUnitId ?? p.ownerUnitId;
    const [ownerUnit] = await repo.findUnits(tx, p.divisionCode, [ownerUnitId]);
    const name = changes.name ?? p.name;
    const children = await repo.loadFundingAndPlans(tx, p.divisionCode, id);
    return saveRecord(tx, {
      table: projects,
      where: and(eq(projects.divisionCode, p.divisionCode), eq(projects.id, id)),
      version,
      set: {
        ...changes,
        longitude: changes.longitude === undefined ? undefined : changes.longitude === null ? null : String(changes.longitude),
        latitude: changes.latitude === undefined ? undefined : changes.latitude === null ? null : String(changes.latitude),
        code: code.code,
        codeKind: code.kind,
        ...searchColumns(name, ownerUnit?.name ?? null, code.code, p.reserveNo),
      },
      after: async () => {
        if (funding) await repo.replaceFunding(tx, p.divisionCode, id, funding.map((f) => ({ ...f, currency: f.currency ?? 'CNY' })));
        if (yearPlans) await repo.replaceYearPlans(tx, p.divisionCode, id, yearPlans);
        if (changes.approvalType && changes.approvalType !== p.approvalType) await ensureProcedures(tx, p.divisionCode, id, changes.approvalType);
      },
      audit: (after) => ({
        actor: auditActorOf(actor),
        divisionCode: p.divisionCode,
        action: 'project.updated',
        entityType: 'project',
        entityId: id,
        summary: `修改项目：${after.name}`,
        before: { ...p, searchGrams: undefined, searchText: undefined, funding: funding ? children.funding : undefined, yearPlans: yearPlans ? children.plans : undefined },
        after: { ...after, searchGrams: undefined, searchText: undefined, funding, yearPlans },
      }),
      present: async () => presentDetail(tx, actor, (await repo.findProject(tx, id, eq(projects.divisionCode, p.divisionCode)))!),
    });
  });
}

/** Moves a project to another stage if the transition table and its guards allow it. */
export async function transitionProject(
  database: Database,
  actor: Actor,
  id: string,
  input: { to: Stage; reason?: string | null; actualStart?: string | null; actualCompletion?: string | null },
) {
  return database.db.transaction(async (tx) => {
    const row = await loadProjectFor(tx, actor, id, 'transition');
    const p = row.project;
    const procedures = await tx
      .select()
      .from(projectProcedures)
      .where(and(eq(projectProcedures.divisionCode, p.divisionCode), eq(projectProcedures.projectId, id)));
    const actualStart = input.actualStart ?? p.actualStart;
    const actualCompletion = input.actualCompletion ?? p.actualCompletion;
    const reason = input.reason ?? null;
    return transitionRecord(tx, stageMachine, {
      actor,
      table: projects,
      stateColumn: projects.stage,
      record: { divisionCode: p.divisionCode, id, state: p.stage as Stage },
      where: and(eq(projects.divisionCode, p.divisionCode), eq(projects.id, id)),
      version: p.version,
      move: { to: input.to },
      facts: { stageBeforeSuspension: p.stageBeforeSuspension as Stage | null, actualStart, actualCompletion, procedures, reason },
      reason,
      set: {
        stageBeforeSuspension: input.to === 'suspended' ? p.stage : null,
        actualStart,
        actualCompletion,
        maturity: input.to === 'ready' ? 'ready' : input.to === 'preliminary' && p.maturity === 'concept' ? 'preliminary' : p.maturity,
      },
      audit: () => ({
        actor: auditActorOf(actor),
        divisionCode: p.divisionCode,
        action: 'project.stage_changed',
        entityType: 'project',
        entityId: id,
        summary: `阶段变更：${p.name}（${STAGE_LABELS[p.stage as Stage]} → ${STAGE_LABELS[input.to]}）`,
        before: { stage: p.stage, actualStart: p.actualStart, actualCompletion: p.actualCompletion },
        after: { stage: input.to, actualStart, actualCompletion, reason },
      }),
      present: async () => presentDetail(tx, actor, (await repo.findProject(tx, id, eq(projects.divisionCode, p.divisionCode)))!),
    });
  });
}

/** The stage timeline of a project, oldest first. */
export async function projectTimeline(database: Database, actor: Actor, id: string) {
  const { project } = await loadProject(database.db, actor, id);
  const rows = await database.db
    .select()
    .from(stageTransitions)
    .where(and(eq(stageTransitions.divisionCode, project.divisionCode), eq(stageTransitions.projectId, id)))
    .orderBy(asc(stageTransitions.at));
  return rows.map((r) => ({ id: r.id, fromStage: r.fromStage, toStage: r.toStage, reason: r.reason, actorName: r.actorName, at: r.at.toISOString() }));
}
