import Decimal from 'decimal.js';
import { and, asc, desc, eq, gte, inArray, like, lt, or, sql } from 'drizzle-orm';
import { auditActorOf, recordAudit } from '../../platform/audit/audit.service';
import { canReachDivision, regionCondition } from '../../platform/auth/scope';
import type { Database, DbOrTx } from '../../platform/db/client';
import { assertVersionMatched } from '../../platform/db/versioning';
import type { Actor } from '../../platform/http/context';
import { AppError, notFound } from '../../platform/http/errors';
import { beijingToday } from '../milestones/milestone-status';
import { divisions, orgUnits } from '../org/org.tables';
import { can } from '../projects/projects.policy';
import { projects } from '../projects/projects.tables';
import { TARGET_DEFINITIONS, TARGET_UNIT_LABELS, targetDefinition, type TargetKey, type TargetUnit } from './target-keys';
import type { SaveAllocationsInput, SaveTargetsInput, TargetsFilters } from './targets.schemas';
import { targetAllocations, targets } from './targets.tables';
import { reportingPeriods } from '../monthly-reports/monthly-reports.tables';
import { getSummary } from '../monthly-reports/summary.service';

/** Thresholds of SPEC §2: ≥ 500万 counts toward library and start targets, ≥ 1亿 is a 重大项目. */
const COUNTED_MIN_WAN = '500';
const MAJOR_MIN_WAN = '10000';
const RESERVE_STAGES = ['planning', 'reserve', 'preliminary', 'ready'];
/** Units a target may be decomposed to: departments (the 商务局 and 发改局 included) and townships. */
const ALLOCATABLE_KINDS = ['department', 'township', 'commerce', 'drc'];

type Counts = Record<'reserve_new' | 'construction_projects' | 'major_projects', number>;
const COMPUTED_KEYS = ['reserve_new', 'construction_projects', 'major_projects'] as const;

const plain = (value: string) => new Decimal(value).toFixed();

function pctOf(progress: string | null, value: string | null): string | null {
  if (progress === null || value === null || new Decimal(value).isZero()) return null;
  return new Decimal(progress).div(value).times(100).toDecimalPlaces(1).toFixed(1);
}

/**
 * Progress of the computed targets over a division's projects in a year, for the county
 * and per unit (projects whose responsible department or township is the unit). Dates of
 * creation are taken in Beijing time.
 */
export async function computeProgress(tx: DbOrTx, divisionCode: string, year: number) {
  const createdFrom = new Date(`${year}-01-01T00:00:00+08:00`);
  const createdTo = new Date(`${year + 1}-01-01T00:00:00+08:00`);
  const startedThisYear = and(gte(projects.actualStart, `${year}-01-01`), lt(projects.actualStart, `${year + 1}-01-01`));
  const reserveNew = and(
    inArray(projects.stage, RESERVE_STAGES),
    gte(projects.totalInvestment, COUNTED_MIN_WAN),
    gte(projects.createdAt, createdFrom),
    lt(projects.createdAt, createdTo),
  );
  const construction = and(gte(projects.totalInvestment, COUNTED_MIN_WAN), startedThisYear);
  const major = and(gte(projects.totalInvestment, MAJOR_MIN_WAN), or(eq(projects.stage, 'construction'), startedThisYear));
  // One pass, grouped by (department, township): the county total is the sum of the groups,
  // a unit's share the sum of the groups it appears in.
  const groups = await tx
    .select({
      departmentId: projects.departmentId,
      townshipId: projects.townshipId,
      reserve_new: sql<number>`count(*) filter (where ${reserveNew})::int`,
      construction_projects: sql<number>`count(*) filter (where ${construction})::int`,
      major_projects: sql<number>`count(*) filter (where ${major})::int`,
    })
    .from(projects)
    .where(and(eq(projects.divisionCode, divisionCode), or(reserveNew, construction, major)))
    .groupBy(projects.departmentId, projects.townshipId);
  const total: Counts = { reserve_new: 0, construction_projects: 0, major_projects: 0 };
  for (const g of groups) for (const k of COMPUTED_KEYS) total[k] += Number(g[k]);
  const ofUnit = (unitId: string): Counts => {
    const counts: Counts = { reserve_new: 0, construction_projects: 0, major_projects: 0 };
    for (const g of groups) {
      if (g.departmentId !== unitId && g.townshipId !== unitId) continue;
      for (const k of COMPUTED_KEYS) counts[k] += Number(g[k]);
    }
    return counts;
  };
  return { total, ofUnit };
}

function progressFor(key: string, counts: Counts): string | null {
  return (COMPUTED_KEYS as readonly string[]).includes(key) ? String(counts[key as keyof Counts]) : null;
}

function resolveDivision(actor: Actor, divisionCode: string | undefined): string {
  const code = divisionCode ?? actor.divisionCode;
  if (!canReachDivision(actor, code)) notFound('行政区划不在您的数据范围内');
  return code;
}

/** Year-to-date FAI growth of the latest closed period of the year, from the 发改局 summary. */
async function latestGrowth(database: Database, actor: Actor, divisionCode: string, year: number): Promise<string | null> {
  const [latest] = await database.db
    .select({ period: reportingPeriods.period })
    .from(reportingPeriods)
    .where(and(eq(reportingPeriods.divisionCode, divisionCode), eq(reportingPeriods.status, 'closed'), like(reportingPeriods.period, `${year}-%`)))
    .orderBy(desc(reportingPeriods.period))
    .limit(1);
  if (!latest) return null;
  return (await getSummary(database, actor, latest.period, divisionCode)).totals.growthPct;
}

/** The year's targets of a division (every key of SPEC §8, set or not) with computed progress. */
export async function listTargets(database: Database, actor: Actor, filters: TargetsFilters, now = new Date()) {
  const { db } = database;
  const year = filters.year ?? Number(beijingToday(now).slice(0, 4));
  const divisionCode = resolveDivision(actor, filters.divisionCode);
  const rows = await db
    .select()
    .from(targets)
    .where(and(eq(targets.divisionCode, divisionCode), eq(targets.year, year)));
  const allocations = rows.length
    ? await db
        .select({ allocation: targetAllocations, unitName: orgUnits.name, unitKind: orgUnits.kind, sortOrder: orgUnits.sortOrder })
        .from(targetAllocations)
        .leftJoin(orgUnits, and(eq(orgUnits.divisionCode, targetAllocations.divisionCode), eq(orgUnits.id, targetAllocations.unitId)))
        .where(
          and(
            eq(targetAllocations.divisionCode, divisionCode),
            inArray(
              targetAllocations.targetId,
              rows.map((r) => r.id),
            ),
          ),
        )
        .orderBy(asc(orgUnits.kind), asc(orgUnits.sortOrder), asc(orgUnits.name))
    : [];
  const progress = await computeProgress(db, divisionCode, year);
  const faiGrowth = await latestGrowth(database, actor, divisionCode, year);
  const data = TARGET_DEFINITIONS.map((d) => {
    const row = rows.find((r) => r.key === d.key);
    const value = row ? plain(row.value) : null;
    const countyProgress = d.key === 'fai_growth' ? faiGrowth : progressFor(d.key, progress.total);
    const own = row ? allocations.filter((a) => a.allocation.targetId === row.id) : [];
    return {
      id: row?.id ?? null,
      year,
      key: d.key,
      label: d.label,
      unit: d.unit,
      unitLabel: TARGET_UNIT_LABELS[d.unit],
      value,
      defaultValue: d.defaultValue,
      version: row?.version ?? null,
      source: d.source,
      basis: d.basis,
      progress: countyProgress,
      progressPct: pctOf(countyProgress, value),
      allocations: own.map((a) => {
        const unitProgress = progressFor(d.key, progress.ofUnit(a.allocation.unitId));
        const unitValue = plain(a.allocation.value);
        return {
          unitId: a.allocation.unitId,
          unitName: a.unitName,
          unitKind: a.unitKind,
          value: unitValue,
          progress: unitProgress,
          progressPct: pctOf(unitProgress, unitValue),
        };
      }),
      allocatedTotal: row ? own.reduce((sum, a) => sum.plus(a.allocation.value), new Decimal(0)).toFixed() : null,
      updatedByName: row?.updatedByName ?? null,
      updatedAt: row?.updatedAt.toISOString() ?? null,
    };
  });
  return { year, divisionCode, data, canManage: can(actor, 'target.manage') };
}

/** Counts are whole numbers; percentages stay below 1000. */
function checkValue(unit: TargetUnit, value: string, field: string) {
  const v = new Decimal(value);
  if (unit === 'count' && !v.isInteger()) throw new AppError('VALIDATION_FAILED', '项目个数应为整数', { field });
  if (unit === 'pct' && v.gt(1000)) throw new AppError('VALIDATION_FAILED', '百分比不能超过 1000', { field });
}

/** Sets a year's targets of a division (the 发改局): new keys are added, existing ones need their version. */
export async function saveTargets(database: Database, actor: Actor, year: number, input: SaveTargetsInput) {
  const divisionCode = resolveDivision(actor, input.divisionCode);
  const keys = input.targets.map((t) => t.key);
  if (new Set(keys).size !== keys.length) throw new AppError('VALIDATION_FAILED', '目标项重复', { field: 'targets' });
  input.targets.forEach((t, i) => checkValue(targetDefinition(t.key)!.unit, t.value, `targets.${i}.value`));
  await database.db.transaction(async (tx) => {
    const [division] = await tx.select().from(divisions).where(eq(divisions.code, divisionCode));
    if (!division) throw new AppError('VALIDATION_FAILED', '行政区划不存在', { field: 'divisionCode' });
    const existing = await tx
      .select()
      .from(targets)
      .where(and(eq(targets.divisionCode, divisionCode), eq(targets.year, year), inArray(targets.key, keys)));
    const before: Record<string, string> = {};
    const after: Record<string, string> = {};
    for (const t of input.targets) {
      const d = targetDefinition(t.key)!;
      const current = existing.find((r) => r.key === t.key);
      if (current) {
        // Someone set this target after the caller loaded the page: never overwrite silently.
        if (t.version === undefined || t.version !== current.version) throw new AppError('VERSION_CONFLICT');
        if (new Decimal(current.value).eq(t.value)) continue;
        const rows = await tx
          .update(targets)
          .set({ value: t.value, version: sql`${targets.version} + 1`, updatedByName: actor.displayName, updatedAt: new Date() })
          .where(and(eq(targets.divisionCode, divisionCode), eq(targets.id, current.id), eq(targets.version, t.version)))
          .returning();
        assertVersionMatched(rows);
        before[t.key] = plain(current.value);
      } else {
        const rows = await tx
          .insert(targets)
          .values({ divisionCode, year, key: t.key, label: d.label, unit: d.unit, value: t.value, updatedByName: actor.displayName })
          .onConflictDoNothing()
          .returning();
        // Another save created it in the meantime.
        assertVersionMatched(rows);
      }
      after[t.key] = plain(t.value);
    }
    if (Object.keys(after).length) {
      await recordAudit(tx, {
        actor: auditActorOf(actor),
        divisionCode,
        action: 'target.saved',
        entityType: 'target',
        entityId: null,
        summary: `设定 ${year} 年目标任务：${Object.keys(after)
          .map((k) => targetDefinition(k)!.label)
          .join('、')}`,
        before: { year, values: before },
        after: { year, values: after },
      });
    }
  });
  return listTargets(database, actor, { year, divisionCode });
}

/** Decomposes a target to departments and townships (replaces the whole split; needs the target's version). */
export async function saveAllocations(database: Database, actor: Actor, targetId: string, input: SaveAllocationsInput) {
  const result = await database.db.transaction(async (tx) => {
    const [target] = await tx
      .select()
      .from(targets)
      .where(and(eq(targets.id, targetId), regionCondition(actor, targets.divisionCode)));
    if (!target) notFound('目标任务不存在或不在您的数据范围内');
    const unitIds = input.allocations.map((a) => a.unitId);
    if (new Set(unitIds).size !== unitIds.length) throw new AppError('VALIDATION_FAILED', '同一单位不能重复分解', { field: 'allocations' });
    input.allocations.forEach((a, i) => checkValue(target.unit as TargetUnit, a.value, `allocations.${i}.value`));
    const units = unitIds.length
      ? await tx
          .select({ id: orgUnits.id, kind: orgUnits.kind })
          .from(orgUnits)
          .where(and(eq(orgUnits.divisionCode, target.divisionCode), inArray(orgUnits.id, unitIds)))
      : [];
    input.allocations.forEach((a, i) => {
      const unit = units.find((u) => u.id === a.unitId);
      if (!unit || !ALLOCATABLE_KINDS.includes(unit.kind)) {
        throw new AppError('VALIDATION_FAILED', '只能分解到本行政区划的部门或乡镇', { field: `allocations.${i}.unitId` });
      }
    });
    const rows = await tx
      .update(targets)
      .set({ version: sql`${targets.version} + 1`, updatedByName: actor.displayName, updatedAt: new Date() })
      .where(and(eq(targets.divisionCode, target.divisionCode), eq(targets.id, target.id), eq(targets.version, input.version)))
      .returning();
    assertVersionMatched(rows);
    const previous = await tx
      .select({ unitId: targetAllocations.unitId, value: targetAllocations.value })
      .from(targetAllocations)
      .where(and(eq(targetAllocations.divisionCode, target.divisionCode), eq(targetAllocations.targetId, target.id)));
    await tx.delete(targetAllocations).where(and(eq(targetAllocations.divisionCode, target.divisionCode), eq(targetAllocations.targetId, target.id)));
    if (input.allocations.length) {
      await tx.insert(targetAllocations).values(input.allocations.map((a) => ({ divisionCode: target.divisionCode, targetId: target.id, unitId: a.unitId, value: a.value })));
    }
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      divisionCode: target.divisionCode,
      action: 'target.allocated',
      entityType: 'target',
      entityId: target.id,
      summary: `分解目标任务：${target.year} 年${target.label}（${input.allocations.length} 个单位）`,
      before: previous.map((p) => ({ unitId: p.unitId, value: plain(p.value) })),
      after: input.allocations.map((a) => ({ unitId: a.unitId, value: plain(a.value) })),
    });
    return target;
  });
  const list = await listTargets(database, actor, { year: result.year, divisionCode: result.divisionCode });
  return list.data.find((t) => t.key === (result.key as TargetKey))!;
}
