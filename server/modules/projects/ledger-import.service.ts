import Decimal from 'decimal.js';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { findIndustry } from '../../../common/industry-classes';
import { parseProjectCode } from '../../../common/project-code';
import {
  CONSTRUCTION_NATURE_LABELS,
  MATURITY_LABELS,
  SECTOR_LABELS,
  STAGE_LABELS,
  type FundingSource,
  type Stage,
} from '../../../common/projects';
import { auditActorOf, recordAuditBatch, type AuditEntryInput } from '../../platform/audit/audit.service';
import { insertChunks, rowsOf, type Database, type DbOrTx, type Tx } from '../../platform/db/client';
import { refreshStatistics } from '../../platform/db/statistics';
import type { Actor } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import type { HistoryRow } from '../../platform/workflow/machine';
import { writeHistory } from '../../platform/workflow/transitions';
import { orgUnits, requireCountyActor, unitShortName } from '../org';
import { parseLedger, type LedgerProblem, type LedgerRecord } from './ledger-parser';
import { stageMachine, type GuardProcedure } from './lifecycle';
import { projectProcedures } from './procedures.tables';
import { projectScope } from './projects.policy';
import { CreateProjectBody, type CreateProjectInput } from './projects.schemas';
import { procedureTemplateFor } from './projects.service';
import { projectCodes, projectFunding, projects, projectYearPlans, reserveCounters } from './projects.tables';
import { bigrams, searchTextOf } from './search';

/** Ledger rows per import; beyond this the file is refused (keeps memory well under 1 GB). */
export const MAX_IMPORT_ROWS = 30_000;
export const MAX_IMPORT_BYTES = 30 * 1024 * 1024;

const FUNDING_COLUMNS: Record<string, FundingSource> = {
  fundCentral: 'central',
  fundProvincial: 'provincial',
  fundCity: 'city',
  fundCounty: 'county',
  fundSpecialBond: 'special_bond',
  fundBankLoan: 'bank_loan',
  fundSelfRaised: 'self_raised',
  fundAttracted: 'attracted',
};

/** Words county ledgers use for each code, beyond the official labels. */
const SYNONYMS = {
  sector: { 服务业: 'services', 三产: 'services', 第三产业: 'services', 民生: 'social', 社会事业: 'social', 城建: 'infrastructure', 城镇建设: 'infrastructure' },
  stage: { 前期工作: 'preliminary', 拟开工: 'ready', 待开工: 'ready', 新开工: 'construction', 开工: 'construction', 续建: 'construction', 建设中: 'construction', 建成: 'completed', 完工: 'completed', 运营: 'operating', 停建: 'suspended', 缓建: 'suspended', 取消: 'terminated' },
  nature: { 改造: 'renovation', 技术改造: 'upgrade', 新建扩建: 'expansion' },
  maturity: { 谋划: 'concept', 概念: 'concept', 成熟: 'ready', 具备开工: 'ready' },
} as const;

function matchCode<K extends string>(text: string | null, labels: Record<K, string>, synonyms: Record<string, string>): K | null | 'unknown' {
  if (!text) return null;
  const t = text.replace(/\s+/g, '');
  for (const [key, label] of Object.entries(labels) as Array<[K, string]>) if (label === t) return key;
  if (t in synonyms) return synonyms[t] as K;
  for (const [key, label] of Object.entries(labels) as Array<[K, string]>) if (t.includes(label as string)) return key;
  return 'unknown';
}

type UnitRow = { id: string; name: string; shortName: string | null; kind: string };
/** A unit found for a ledger's text, or the units it could be (several share its short name). */
type UnitMatch = { unit: UnitRow } | { candidates: UnitRow[] } | null;

/**
 * Finds a unit by the name a ledger gives it: the exact full name first; then the short name
 * (`unitShortName`: without the county's name or 「县」 in front) or the unit's recorded 简称,
 * only when exactly one unit has it — 「农业农村局」 beside both 「县农业农村局」 and
 * 「河西县农业农村局」 is ambiguous and the row says so.
 */
function unitMatcher(units: UnitRow[], divisionName: string) {
  const compact = (s: string) => s.replace(/\s+/g, '');
  const byName = new Map<string, UnitRow>();
  const byShort = new Map<string, UnitRow[]>();
  const index = (key: string, u: UnitRow) => {
    const list = byShort.get(key) ?? [];
    if (!list.includes(u)) list.push(u);
    byShort.set(key, list);
  };
  for (const u of units) {
    byName.set(compact(u.name), u);
    index(unitShortName(u.name, divisionName), u);
    if (u.shortName) index(compact(u.shortName), u);
  }
  return (text: string | null, kinds?: string[]): UnitMatch => {
    if (!text) return null;
    const fits = (u: UnitRow) => !kinds || kinds.includes(u.kind);
    const t = compact(text);
    const exact = byName.get(t);
    if (exact && fits(exact)) return { unit: exact };
    const candidates = [...new Set([...(byShort.get(t) ?? []), ...(byShort.get(unitShortName(t, divisionName)) ?? [])])].filter(fits);
    if (candidates.length === 1) return { unit: candidates[0] };
    return candidates.length > 1 ? { candidates } : null;
  };
}

const unitOf = (match: UnitMatch) => (match && 'unit' in match ? match.unit : null);
const ambiguity = (label: string, text: string | null, match: UnitMatch) =>
  match && 'candidates' in match
    ? `${label}「${text}」可能是 ${match.candidates.map((u) => `「${u.name}」`).join('、')} 中的任一单位，请填写单位全称`
    : null;

/** One ledger row as it will be written. */
export interface PlannedRow {
  sheet: string;
  row: number;
  action: 'create' | 'update';
  matchedProjectId: string | null;
  input: CreateProjectInput & { stage: Stage };
  newOwnerName: string | null;
  fundingGiven: boolean;
  annualPlan: string | null;
  actualStart: string | null;
  actualCompletion: string | null;
  values: Record<string, string | null>;
  /** For an update that changes the stage: the stage it was checked from. */
  stageFrom?: Stage;
}

export interface ImportPreview {
  fileName: string;
  records: Array<{ sheet: string; row: number; action: 'create' | 'update'; matchedProjectId: string | null; values: Record<string, string | null> }>;
  problems: LedgerProblem[];
  canCommit: boolean;
  summary: { create: number; update: number; newOwners: number };
}

/**
 * Reads a ledger and works out, row by row, what would be stored: values checked with the
 * same schema as the API, units matched by name, existing projects matched by code and then
 * by name + owner. Writes nothing.
 */
export async function planImport(database: Database, actor: Actor, file: { name: string; bytes: Buffer }) {
  const parsed = await parseLedger(file.bytes).catch(() => {
    // exceljs throws on corrupt archives and unexpected XML: that is the file's fault.
    throw new AppError('VALIDATION_FAILED', '无法读取该 .xlsx 文件，可能已损坏，请用 Excel 或 WPS 打开后重新保存', { field: 'file' });
  });
  const problems: LedgerProblem[] = [...parsed.problems];
  if (parsed.records.length > MAX_IMPORT_ROWS) {
    throw new AppError('VALIDATION_FAILED', `一次最多导入 ${MAX_IMPORT_ROWS} 行，请拆分台账`, { field: 'file' });
  }
  if (parsed.sheets.length === 0) {
    // Not a ledger at all (unreadable, or no sheet with a ledger header): refuse the file itself.
    const unreadable = parsed.problems.find((p) => p.row === 0);
    throw new AppError('VALIDATION_FAILED', unreadable?.message ?? '未找到台账表头：表头须包含「项目名称」「建设单位」「总投资」等列', { field: 'file' });
  }
  const divisionCode = actor.divisionCode;
  const { db } = database;
  const division = await requireCountyActor(db, actor, '请以县级用户身份导入本县的项目台账');
  const units = await db
    .select({ id: orgUnits.id, name: orgUnits.name, shortName: orgUnits.shortName, kind: orgUnits.kind })
    .from(orgUnits)
    .where(eq(orgUnits.divisionCode, divisionCode));
  const findUnit = unitMatcher(units, division.name);
  const townships = units.filter((u) => u.kind === 'township');
  const columnOf = new Map<string, string>();
  for (const sheet of parsed.sheets) for (const c of sheet.columns) columnOf.set(`${sheet.name}:${c.key}`, c.column);
  const problem = (r: LedgerRecord, field: string, message: string) => {
    const column = columnOf.get(`${r.sheet}:${field}`);
    problems.push({ sheet: r.sheet, row: r.row, column, field, message: `第 ${r.row} 行${column ? ` ${column} 列` : ''}：${message}` });
  };

  const planned: PlannedRow[] = [];
  const seenCodes = new Map<string, number>();
  const seenNames = new Map<string, number>();
  const newOwnerSpellings = new Map<string, { name: string; row: number }>();
  for (const r of parsed.records) {
    const v = r.values;
    const errorsBefore = problems.length;
    let code: string | null = null;
    if (v.code) {
      const parsedCode = parseProjectCode(v.code);
      if (!parsedCode.ok) problem(r, 'code', parsedCode.message);
      else code = parsedCode.code;
    }
    const sector = matchCode(v.sector, SECTOR_LABELS, SYNONYMS.sector);
    if (sector === null) problem(r, 'sector', '缺少产业类别（农业 / 工业 / 三产服务业 / 社会民生 / 基础设施），也无法从分类行判断');
    else if (sector === 'unknown') problem(r, 'sector', `无法识别的产业类别：${v.sector}`);
    const stage = matchCode(v.stage, STAGE_LABELS, SYNONYMS.stage);
    if (stage === 'unknown') problem(r, 'stage', `无法识别的项目阶段：${v.stage}`);
    const nature = matchCode(v.nature, CONSTRUCTION_NATURE_LABELS, SYNONYMS.nature);
    if (nature === 'unknown') problem(r, 'nature', `无法识别的建设性质：${v.nature}（应为新建、续建、扩建、改建、迁建、恢复或技改）`);
    const maturity = matchCode(v.maturity, MATURITY_LABELS, SYNONYMS.maturity);
    if (maturity === 'unknown') problem(r, 'maturity', `无法识别的成熟度：${v.maturity}`);
    let industryCode: string | null = null;
    if (v.industry) {
      const match = findIndustry(v.industry);
      if (match?.level === 'division') industryCode = match.division.code;
      else if (!match) problem(r, 'industry', `无法识别的国民经济行业分类：${v.industry}`);
    }
    const departmentMatch = findUnit(v.department);
    const department = unitOf(departmentMatch);
    const departmentAmbiguity = ambiguity('主管部门', v.department, departmentMatch);
    if (departmentAmbiguity) problem(r, 'department', departmentAmbiguity);
    else if (v.department && !department) problem(r, 'department', `未找到主管部门「${v.department}」，请先在单位管理中建立或核对名称`);
    let departmentId = department?.id ?? null;
    if (actor.dataScope === 'unit' && actor.unitId) {
      if (departmentId && departmentId !== actor.unitId) problem(r, 'department', `主管部门「${v.department}」不是本单位，只能导入本单位主管的项目`);
      departmentId = actor.unitId;
    }
    const township = v.township ? townships.find((t) => v.township!.includes(t.name)) ?? null : null;
    let townshipId = township?.id ?? null;
    if (actor.dataScope === 'township' && actor.unitId) townshipId = actor.unitId;
    const parkMatch = findUnit(v.park, ['park']);
    const park = unitOf(parkMatch);
    const parkAmbiguity = ambiguity('园区', v.park, parkMatch);
    if (parkAmbiguity) problem(r, 'park', parkAmbiguity);
    else if (v.park && !park) problem(r, 'park', `未找到园区「${v.park}」`);
    const ownerMatch = findUnit(v.ownerUnit);
    const owner = unitOf(ownerMatch);
    const ownerAmbiguity = ambiguity('建设单位', v.ownerUnit, ownerMatch);
    if (ownerAmbiguity) problem(r, 'ownerUnit', ownerAmbiguity);
    // A new owner becomes a unit: two spellings of one new owner in a file would become two units.
    const newOwner = owner || ownerAmbiguity || !v.ownerUnit ? null : v.ownerUnit.replace(/\s+/g, '');
    if (newOwner) {
      const short = unitShortName(newOwner, division.name);
      const first = newOwnerSpellings.get(short);
      if (first && first.name !== newOwner) problem(r, 'ownerUnit', `建设单位「${newOwner}」与第 ${first.row} 行的「${first.name}」仅差县名前缀，请统一为同一名称`);
      else if (!first) newOwnerSpellings.set(short, { name: newOwner, row: r.row });
    }

    const funding = Object.entries(FUNDING_COLUMNS)
      .filter(([key]) => v[key] && v[key] !== '0')
      .map(([key, source]) => ({ source, amount: v[key]!, currency: 'CNY' }));
    const fundingGiven = Object.keys(FUNDING_COLUMNS).some((key) => v[key] != null);
    const tags = v.tags ? v.tags.split(/[、,，;；\s]+/).filter(Boolean) : undefined;
    const candidate = {
      name: v.name?.replace(/\s+/g, '') ?? '',
      code,
      ownerUnitId: owner?.id ?? '00000000-0000-4000-8000-000000000000',
      departmentId,
      townshipId,
      parkId: park?.id ?? null,
      sector: typeof sector === 'string' && sector !== 'unknown' ? sector : 'agriculture',
      industryCode,
      constructionNature: nature && nature !== 'unknown' ? nature : undefined,
      scaleContent: v.scale,
      totalInvestment: v.totalInvestment ?? '',
      funding,
      plannedStart: v.plannedStart,
      plannedCompletion: v.plannedCompletion,
      maturity: maturity && maturity !== 'unknown' ? maturity : undefined,
      tags,
      leaderName: v.leader,
      longitude: v.longitude ? Number(v.longitude) : null,
      latitude: v.latitude ? Number(v.latitude) : null,
      remarks: v.remarks,
    };
    // The same schema as the API: a ledger row is refused for what a form would refuse.
    const checked = CreateProjectBody.safeParse(candidate);
    if (!checked.success) {
      for (const issue of checked.error.issues.slice(0, 3)) {
        const field = String(issue.path[0] ?? '');
        problem(r, LEDGER_KEY_OF[field] ?? field, issue.message);
      }
    }
    if (funding.length) {
      const sum = funding.reduce((acc, f) => acc.plus(f.amount), new Decimal(0));
      if (v.totalInvestment && sum.gt(v.totalInvestment)) problem(r, 'totalInvestment', `资金来源合计 ${sum.toFixed()} 万元超过总投资 ${v.totalInvestment} 万元`);
    }
    if (v.plannedStart && v.plannedCompletion && v.plannedCompletion < v.plannedStart) problem(r, 'plannedCompletion', '计划竣工时间早于计划开工时间');
    const nameKey = `${candidate.name}|${v.ownerUnit ?? ''}`;
    if (code) {
      if (seenCodes.has(code)) problem(r, 'code', `项目代码 ${code} 与第 ${seenCodes.get(code)} 行重复`);
      seenCodes.set(code, r.row);
    }
    if (seenNames.has(nameKey)) problem(r, 'name', `与第 ${seenNames.get(nameKey)} 行为同一项目（名称和建设单位相同）`);
    seenNames.set(nameKey, r.row);
    if (problems.length > errorsBefore || !checked.success) continue;
    planned.push({
      sheet: r.sheet,
      row: r.row,
      action: 'create',
      matchedProjectId: null,
      input: { ...checked.data, stage: stage && stage !== 'unknown' ? (stage as Stage) : 'reserve' } as CreateProjectInput & { stage: Stage },
      newOwnerName: owner ? null : (newOwner ?? ''),
      fundingGiven,
      annualPlan: v.annualPlan,
      actualStart: v.actualStart,
      actualCompletion: v.actualCompletion,
      values: v,
    });
  }

  await matchExisting(db, actor, divisionCode, planned, (row, message) => {
    const field = message.startsWith('项目代码') ? 'code' : 'name';
    const column = columnOf.get(`${row.sheet}:${field}`);
    problems.push({ sheet: row.sheet, row: row.row, column, field, message: `第 ${row.row} 行${column ? ` ${column} 列` : ''}：${message}` });
  });
  await checkStageChanges(db, actor, divisionCode, planned, (row, message) => {
    const column = columnOf.get(`${row.sheet}:stage`);
    problems.push({ sheet: row.sheet, row: row.row, column, field: 'stage', message: `第 ${row.row} 行${column ? ` ${column} 列` : ''}：${message}` });
  });

  problems.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : a.sheet < b.sheet ? -1 : 1));
  const newOwners = new Set(planned.filter((p) => p.newOwnerName).map((p) => p.newOwnerName));
  const preview: ImportPreview = {
    fileName: file.name,
    records: planned.map((p) => ({ sheet: p.sheet, row: p.row, action: p.action, matchedProjectId: p.matchedProjectId, values: p.values })),
    problems,
    canCommit: problems.length === 0 && planned.length > 0,
    summary: {
      create: planned.filter((p) => p.action === 'create').length,
      update: planned.filter((p) => p.action === 'update').length,
      newOwners: newOwners.size,
    },
  };
  return { preview, planned, divisionCode };
}

const LEDGER_KEY_OF: Record<string, string> = { ownerUnitId: 'ownerUnit', departmentId: 'department', townshipId: 'township', parkId: 'park', constructionNature: 'nature', scaleContent: 'scale', industryCode: 'industry', leaderName: 'leader' };

// Re-importing a ledger updates its projects: matched by national code, then by name + owner unit.
async function matchExisting(db: DbOrTx, actor: Actor, divisionCode: string, planned: PlannedRow[], refuse: (row: PlannedRow, message: string) => void) {
  const codes = planned.map((p) => p.input.code).filter((c): c is string => !!c);
  const byCode = new Map<string, { divisionCode: string; projectId: string }>();
  for (let i = 0; i < codes.length; i += 1000) {
    for (const c of await db.select().from(projectCodes).where(inArray(projectCodes.code, codes.slice(i, i + 1000)))) byCode.set(c.code, c);
  }
  const names = [...new Set(planned.map((p) => p.input.name))];
  const byName = new Map<string, string>();
  for (let i = 0; i < names.length; i += 1000) {
    const rows = await db
      .select({ id: projects.id, name: projects.name, ownerUnitId: projects.ownerUnitId })
      .from(projects)
      .where(and(eq(projects.divisionCode, divisionCode), inArray(projects.name, names.slice(i, i + 1000))));
    for (const r of rows) byName.set(`${r.name}|${r.ownerUnitId}`, r.id);
  }
  const candidates = new Set<string>();
  for (const p of planned) {
    const hit = p.input.code ? byCode.get(p.input.code) : undefined;
    if (hit && hit.divisionCode !== divisionCode) {
      refuse(p, `项目代码 ${p.input.code} 已被其他行政区划的项目使用`);
      continue;
    }
    // The owner as matched (full name, or an unambiguous short name); a new owner has no projects yet.
    const id = hit?.projectId ?? (p.newOwnerName ? undefined : byName.get(`${p.input.name}|${p.input.ownerUnitId}`));
    if (id) {
      p.action = 'update';
      p.matchedProjectId = id;
      candidates.add(id);
    }
  }
  if (!candidates.size) return;
  const reachable = new Set<string>();
  const ids = [...candidates];
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db.select({ id: projects.id }).from(projects).where(and(projectScope(actor), eq(projects.divisionCode, divisionCode), inArray(projects.id, ids.slice(i, i + 1000))));
    for (const r of rows) reachable.add(r.id);
  }
  for (const p of planned) {
    if (p.matchedProjectId && !reachable.has(p.matchedProjectId)) refuse(p, `项目「${p.input.name}」已存在，但不在您的数据范围内，不能通过导入修改`);
  }
}

const importReason = (p: PlannedRow) => `导入台账（第 ${p.row} 行）`;
// The create schema allows only 谋划 / 储备 for a new project; a ledger row may name any stage.
const stageOf = (p: PlannedRow) => p.input.stage as Stage;

/**
 * A re-import that changes a project's stage goes through the stage machine like the stage
 * button: the move must be in the table, with its checks passed (an actual start date and the
 * procedures done for 在建, …). Loads what the checks read in bulk, never one query per row.
 */
async function checkStageChanges(db: DbOrTx, actor: Actor, divisionCode: string, planned: PlannedRow[], refuse: (row: PlannedRow, message: string) => void) {
  const updates = planned.filter((p) => p.action === 'update' && p.values.stage);
  const current = new Map<string, { stage: string; stageBeforeSuspension: string | null; actualStart: string | null; actualCompletion: string | null }>();
  for (let i = 0; i < updates.length; i += 1000) {
    const ids = updates.slice(i, i + 1000).map((p) => p.matchedProjectId!);
    const rows = await db
      .select({ id: projects.id, stage: projects.stage, stageBeforeSuspension: projects.stageBeforeSuspension, actualStart: projects.actualStart, actualCompletion: projects.actualCompletion })
      .from(projects)
      .where(and(eq(projects.divisionCode, divisionCode), inArray(projects.id, ids)));
    for (const r of rows) current.set(r.id, r);
  }
  const changes = updates.filter((p) => current.has(p.matchedProjectId!) && current.get(p.matchedProjectId!)!.stage !== stageOf(p));
  // Only the moves into 在建 read the checklist.
  const needProcedures = changes.filter((p) => stageOf(p) === 'construction').map((p) => p.matchedProjectId!);
  const procedures = new Map<string, GuardProcedure[]>();
  for (let i = 0; i < needProcedures.length; i += 1000) {
    const rows = await db
      .select({ projectId: projectProcedures.projectId, name: projectProcedures.name, status: projectProcedures.status, isRequiredForStart: projectProcedures.isRequiredForStart, waiverReason: projectProcedures.waiverReason })
      .from(projectProcedures)
      .where(and(eq(projectProcedures.divisionCode, divisionCode), inArray(projectProcedures.projectId, needProcedures.slice(i, i + 1000))));
    for (const r of rows) procedures.set(r.projectId, [...(procedures.get(r.projectId) ?? []), r]);
  }
  for (const p of changes) {
    const before = current.get(p.matchedProjectId!)!;
    const from = before.stage as Stage;
    const result = stageMachine.check(from, { to: stageOf(p) }, actor, {
      stageBeforeSuspension: before.stageBeforeSuspension as Stage | null,
      actualStart: p.actualStart ?? before.actualStart,
      actualCompletion: p.actualCompletion ?? before.actualCompletion,
      procedures: procedures.get(p.matchedProjectId!) ?? [],
      reason: importReason(p),
    });
    if (result.problems.length) refuse(p, `项目「${p.input.name}」现为「${STAGE_LABELS[from]}」，不能转为「${STAGE_LABELS[stageOf(p)]}」：${result.problems.join('；')}`);
    else p.stageFrom = from;
  }
}

/** Previews a ledger: what would be created and updated, and every problem. */
export async function previewImport(database: Database, actor: Actor, file: { name: string; bytes: Buffer }): Promise<ImportPreview> {
  return (await planImport(database, actor, file)).preview;
}

/** Writes a clean ledger in one transaction; a ledger with any problem is refused whole. */
export async function commitImport(database: Database, actor: Actor, file: { name: string; bytes: Buffer }) {
  const { preview, planned, divisionCode } = await planImport(database, actor, file);
  if (!preview.canCommit) {
    throw new AppError('VALIDATION_FAILED', preview.problems.length ? `台账存在 ${preview.problems.length} 处问题，整份台账未导入，请修改后重新上传` : '台账中没有可导入的项目', {
      field: 'file',
      details: { problems: preview.problems.slice(0, 200) },
    });
  }
  const year = Number(new Date().toISOString().slice(0, 4));
  const result = await database.db.transaction(async (tx) => {
    const ownerIds = await createOwners(tx, divisionCode, planned);
    const audits: Array<Omit<AuditEntryInput, 'divisionCode'>> = [];
    const creates = planned.filter((p) => p.action === 'create');
    const updates = planned.filter((p) => p.action === 'update');
    await insertCreated(tx, actor, divisionCode, year, creates, ownerIds, audits);
    await applyUpdates(tx, actor, divisionCode, year, updates, ownerIds, audits);
    await recordAuditBatch(tx, divisionCode, audits);
    return { created: creates.length, updated: updates.length, newOwners: ownerIds.size };
  });
  // Thousands of new rows at once: let the planner know before the next list query.
  if (result.created + result.updated > 500) await refreshStatistics(database, ['projects', 'project_procedures', 'project_funding', 'project_year_plans', 'stage_transitions']);
  return result;
}

// Owners a ledger names that the county does not have yet become 项目单位 units.
async function createOwners(tx: Tx, divisionCode: string, planned: PlannedRow[]) {
  const names = [...new Set(planned.map((p) => p.newOwnerName).filter((n): n is string => !!n))];
  const ids = new Map<string, string>();
  for (let i = 0; i < names.length; i += 1000) {
    const rows = await tx
      .insert(orgUnits)
      .values(names.slice(i, i + 1000).map((name) => ({ divisionCode, name, kind: 'owner' })))
      .onConflictDoUpdate({ target: [orgUnits.divisionCode, orgUnits.name], set: { updatedAt: new Date() } })
      .returning({ id: orgUnits.id, name: orgUnits.name });
    for (const r of rows) ids.set(r.name, r.id);
  }
  return ids;
}

const ownerOf = (p: PlannedRow, ownerIds: Map<string, string>) => (p.newOwnerName ? ownerIds.get(p.newOwnerName)! : p.input.ownerUnitId);

async function insertCreated(tx: Tx, actor: Actor, divisionCode: string, year: number, rows: PlannedRow[], ownerIds: Map<string, string>, audits: Array<Omit<AuditEntryInput, 'divisionCode'>>) {
  if (!rows.length) return;
  const [counter] = await tx
    .insert(reserveCounters)
    .values({ divisionCode, year, last: rows.length })
    .onConflictDoUpdate({ target: [reserveCounters.divisionCode, reserveCounters.year], set: { last: sql`${reserveCounters.last} + ${rows.length}` } })
    .returning({ last: reserveCounters.last });
  const first = counter.last - rows.length + 1;
  const ownerNames = new Map<string, string>();
  for (const [name, id] of ownerIds) ownerNames.set(id, name);
  const units = await tx.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.divisionCode, divisionCode));
  for (const u of units) ownerNames.set(u.id, u.name);
  const templates = new Map<string, Awaited<ReturnType<typeof procedureTemplateFor>>>();
  for (const type of ['government', 'approval', 'filing']) templates.set(type, await procedureTemplateFor(tx, divisionCode, type));

  const projectRows: Array<typeof projects.$inferInsert> = [];
  const codeRows: Array<typeof projectCodes.$inferInsert> = [];
  const fundingRows: Array<typeof projectFunding.$inferInsert> = [];
  const planRows: Array<typeof projectYearPlans.$inferInsert> = [];
  const idsByType = new Map<string, string[]>();
  const transitionRows: HistoryRow[] = [];
  rows.forEach((p, index) => {
    const id = crypto.randomUUID();
    const i = p.input;
    const ownerUnitId = ownerOf(p, ownerIds);
    const reserveNo = `CB-${year}-${divisionCode}-${String(first + index).padStart(4, '0')}`;
    const searchText = searchTextOf([i.name, ownerNames.get(ownerUnitId), i.code, reserveNo]);
    const codeKind = i.code ? (parseProjectCode(i.code) as { kind?: string }).kind ?? null : null;
    projectRows.push({
      divisionCode,
      id,
      code: i.code ?? null,
      codeKind,
      reserveNo,
      name: i.name,
      ownerUnitId,
      departmentId: i.departmentId ?? null,
      townshipId: i.townshipId ?? null,
      parkId: i.parkId ?? null,
      sector: i.sector,
      industryCode: i.industryCode ?? null,
      approvalType: i.approvalType,
      constructionNature: i.constructionNature,
      scaleContent: i.scaleContent ?? null,
      totalInvestment: i.totalInvestment,
      plannedStart: i.plannedStart ?? null,
      plannedCompletion: i.plannedCompletion ?? null,
      actualStart: p.actualStart,
      actualCompletion: p.actualCompletion,
      stage: p.input.stage,
      maturity: i.maturity,
      tags: i.tags ?? [],
      leaderName: i.leaderName ?? null,
      longitude: i.longitude == null ? null : String(i.longitude),
      latitude: i.latitude == null ? null : String(i.latitude),
      remarks: i.remarks ?? null,
      createdBy: actor.id,
      searchText,
      searchGrams: bigrams(searchText),
    });
    if (i.code) codeRows.push({ code: i.code, divisionCode, projectId: id });
    for (const f of i.funding ?? []) fundingRows.push({ divisionCode, projectId: id, source: f.source, amount: f.amount, currency: f.currency ?? 'CNY' });
    if (p.annualPlan) planRows.push({ divisionCode, projectId: id, year, planned: p.annualPlan });
    idsByType.set(i.approvalType, [...(idsByType.get(i.approvalType) ?? []), id]);
    transitionRows.push({ divisionCode, recordId: id, from: null, to: stageOf(p), action: 'import', reason: importReason(p), actor });
    audits.push({
      actor: auditActorOf(actor),
      action: 'project.imported',
      entityType: 'project',
      entityId: id,
      summary: `导入台账新建项目：${i.name}`,
      after: { ...projectRows[projectRows.length - 1], searchGrams: undefined, searchText: undefined, funding: i.funding },
    });
  });
  await insertChunks(tx, projects, projectRows, 500);
  await insertChunks(tx, projectCodes, codeRows, 2000);
  await insertChunks(tx, projectFunding, fundingRows, 2000);
  await insertChunks(tx, projectYearPlans, planRows, 2000);
  for (const [type, ids] of idsByType) await insertProcedures(tx, divisionCode, ids, templates.get(type)!);
  await writeHistory(tx, stageMachine, transitionRows);
}

/**
 * Checklists for many new projects in one statement per template: PostgreSQL crosses the
 * project ids with the template items itself, instead of receiving ~10 rows per project.
 */
async function insertProcedures(tx: Tx, divisionCode: string, ids: string[], template: Awaited<ReturnType<typeof procedureTemplateFor>>) {
  const items = JSON.stringify(template.map((item, sortOrder) => ({ ...item, sortOrder })));
  await tx.execute(sql`
    insert into ${projectProcedures} (division_code, project_id, key, name, sort_order, is_required_for_start, approving_office)
    select ${divisionCode}, p.id, t.key, t.name, t."sortOrder", t."isRequiredForStart", t.office
    from unnest(string_to_array(${ids.join(',')}, ',')::uuid[]) as p(id)
    cross join jsonb_to_recordset(${items}::jsonb) as t(key text, name text, "sortOrder" int, "isRequiredForStart" boolean, office text)`);
}

/**
 * Updates matched projects in chunks: one UPDATE … FROM jsonb_to_recordset per chunk. A
 * value the ledger leaves empty keeps what the project had (coalesce).
 */
async function applyUpdates(tx: Tx, actor: Actor, divisionCode: string, year: number, rows: PlannedRow[], ownerIds: Map<string, string>, audits: Array<Omit<AuditEntryInput, 'divisionCode'>>) {
  if (!rows.length) return;
  const unitNames = new Map<string, string>();
  for (const u of await tx.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.divisionCode, divisionCode))) unitNames.set(u.id, u.name);
  for (let start = 0; start < rows.length; start += 1000) {
    const chunk = rows.slice(start, start + 1000);
    const ids = chunk.map((p) => p.matchedProjectId!);
    const befores = new Map(
      (await tx.select().from(projects).where(and(eq(projects.divisionCode, divisionCode), inArray(projects.id, ids)))).map((b) => [b.id, b]),
    );
    const values = [];
    for (const p of chunk) {
      const before = befores.get(p.matchedProjectId!)!;
      const i = p.input;
      const v = p.values;
      const stageChanges = !!v.stage && before.stage !== stageOf(p);
      // The stage moves were checked against the stage read when planning; somebody may have moved it since.
      if (stageChanges && before.stage !== p.stageFrom) {
        throw new AppError('CONFLICT', `项目「${before.name}」的阶段刚被修改为「${STAGE_LABELS[before.stage as Stage]}」，整份台账未导入，请重新上传`);
      }
      let code = before.code;
      if (i.code && i.code !== before.code) {
        await tx.insert(projectCodes).values({ code: i.code, divisionCode, projectId: before.id });
        if (before.code) await tx.delete(projectCodes).where(eq(projectCodes.code, before.code));
        code = i.code;
      }
      const ownerUnitId = ownerOf(p, ownerIds);
      const searchText = searchTextOf([i.name, unitNames.get(ownerUnitId), code, before.reserveNo]);
      values.push({
        id: before.id,
        name: i.name,
        owner_unit_id: ownerUnitId,
        sector: i.sector,
        total_investment: i.totalInvestment,
        code,
        code_kind: code ? ((parseProjectCode(code) as { kind?: string }).kind ?? null) : null,
        department_id: i.departmentId ?? null,
        township_id: i.townshipId ?? null,
        park_id: i.parkId ?? null,
        industry_code: i.industryCode ?? null,
        construction_nature: v.nature ? i.constructionNature : null,
        scale_content: v.scale ? (i.scaleContent ?? null) : null,
        planned_start: v.plannedStart ? (i.plannedStart ?? null) : null,
        planned_completion: v.plannedCompletion ? (i.plannedCompletion ?? null) : null,
        actual_start: p.actualStart,
        actual_completion: p.actualCompletion,
        stage: v.stage ? i.stage : null,
        stage_before_suspension: stageChanges ? (stageOf(p) === 'suspended' ? before.stage : null) : before.stageBeforeSuspension,
        maturity: v.maturity ? i.maturity : null,
        tags: v.tags ? (i.tags ?? []) : null,
        leader_name: v.leader ? (i.leaderName ?? null) : null,
        remarks: v.remarks ? (i.remarks ?? null) : null,
        search_text: searchText,
        search_grams: bigrams(searchText),
      });
    }
    const afters = (await tx.execute(sql`
      update ${projects} as p set
        name = v.name, owner_unit_id = v.owner_unit_id, sector = v.sector, total_investment = v.total_investment,
        code = v.code, code_kind = v.code_kind,
        department_id = coalesce(v.department_id, p.department_id), township_id = coalesce(v.township_id, p.township_id),
        park_id = coalesce(v.park_id, p.park_id), industry_code = coalesce(v.industry_code, p.industry_code),
        construction_nature = coalesce(v.construction_nature, p.construction_nature), scale_content = coalesce(v.scale_content, p.scale_content),
        planned_start = coalesce(v.planned_start, p.planned_start), planned_completion = coalesce(v.planned_completion, p.planned_completion),
        actual_start = coalesce(v.actual_start, p.actual_start), actual_completion = coalesce(v.actual_completion, p.actual_completion),
        stage = coalesce(v.stage, p.stage), stage_before_suspension = v.stage_before_suspension, maturity = coalesce(v.maturity, p.maturity), tags = coalesce(v.tags, p.tags),
        leader_name = coalesce(v.leader_name, p.leader_name), remarks = coalesce(v.remarks, p.remarks),
        search_text = v.search_text, search_grams = v.search_grams, version = p.version + 1, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(
        id uuid, name text, owner_unit_id uuid, sector text, total_investment numeric, code text, code_kind text,
        department_id uuid, township_id uuid, park_id uuid, industry_code text, construction_nature text, scale_content text,
        planned_start date, planned_completion date, actual_start date, actual_completion date, stage text, stage_before_suspension text, maturity text,
        tags text[], leader_name text, remarks text, search_text text, search_grams text[])
      where p.division_code = ${divisionCode} and p.id = v.id
      returning p.id, p.name, p.stage, p.version, p.total_investment`)) as unknown;
    const afterRows = rowsOf<{ id: string; name: string; stage: string; version: number; total_investment: string }>(afters);
    const withFunding = chunk.filter((p) => p.fundingGiven).map((p) => p.matchedProjectId!);
    if (withFunding.length) {
      await tx.delete(projectFunding).where(and(eq(projectFunding.divisionCode, divisionCode), inArray(projectFunding.projectId, withFunding)));
      const funding = chunk.flatMap((p) => (p.fundingGiven ? (p.input.funding ?? []).map((f) => ({ divisionCode, projectId: p.matchedProjectId!, source: f.source, amount: f.amount, currency: f.currency ?? 'CNY' })) : []));
      await insertChunks(tx, projectFunding, funding, 2000);
    }
    const plans = chunk.filter((p) => p.annualPlan).map((p) => ({ divisionCode, projectId: p.matchedProjectId!, year, planned: p.annualPlan! }));
    if (plans.length) {
      await tx
        .insert(projectYearPlans)
        .values(plans)
        .onConflictDoUpdate({ target: [projectYearPlans.divisionCode, projectYearPlans.projectId, projectYearPlans.year], set: { planned: sql`excluded.planned` } });
    }
    const afterById = new Map(afterRows.map((a) => [a.id, a]));
    const valuesById = new Map(values.map((x) => [x.id, x]));
    const transitions = chunk
      .filter((p) => p.values.stage && stageOf(p) !== befores.get(p.matchedProjectId!)!.stage)
      .map((p) => ({ divisionCode, recordId: p.matchedProjectId!, from: befores.get(p.matchedProjectId!)!.stage, to: stageOf(p), action: 'import', reason: importReason(p), actor }));
    await writeHistory(tx, stageMachine, transitions);
    for (const p of chunk) {
      const before = befores.get(p.matchedProjectId!)!;
      const after = afterById.get(before.id);
      audits.push({
        actor: auditActorOf(actor),
        action: 'project.imported',
        entityType: 'project',
        entityId: before.id,
        summary: `导入台账更新项目：${after?.name ?? before.name}`,
        before: { ...before, searchGrams: undefined, searchText: undefined },
        after: { ...valuesById.get(before.id), search_grams: undefined, search_text: undefined, version: after?.version },
      });
    }
  }
}
