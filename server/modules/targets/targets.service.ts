import Decimal from 'decimal.js';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { auditActorOf, recordAudit } from '../../platform/audit/audit.service';
import { actorRegion, canReachDivision } from '../../platform/auth/scope';
import type { Database } from '../../platform/db/client';
import type { Actor } from '../../platform/http/context';
import { AppError, notFound } from '../../platform/http/errors';
import { saveRecord, upsertRecord } from '../../platform/workflow/save-record';
import { completionPct } from '../../../common/targets';
import { beijingToday } from '../milestones';
import { periodForYear, summaryForYear } from '../monthly-reports';
import { divisions, orgUnits } from '../org';
import { targetPolicy } from './targets.policy';
import { TARGET_DEFINITIONS, TARGET_UNIT_LABELS, targetDefinition, type TargetKey, type TargetSource, type TargetUnit } from './target-keys';
import type { SaveAllocationsInput, SaveTargetsInput, TargetsFilters } from './targets.schemas';
import { targetAllocations, targets } from './targets.tables';
import { createMetricContext } from '../../platform/metrics/define-metric';
import { metrics } from '../../platform/metrics/providers';
import { targetRules } from './targets.rules';

/** Units a target may be decomposed to: departments (the 商务局 and 发改局 included) and townships. */
const ALLOCATABLE_KINDS = ['department', 'township', 'commerce', 'drc'];

const plain = (value: string) => new Decimal(value).toFixed();

const pctOf = completionPct;

function resolveDivision(actor: Actor, divisionCode: string | undefined): string {
  const code = divisionCode ?? actor.divisionCode;
  if (!canReachDivision(actor, code)) notFound('行政区划不在您的数据范围内');
  return code;
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
  // Progress comes from the figure of the same key in the metric registry; a target whose
  // module has no provider yet answers null with its note. The figures of a period (增速) are
  // the summary's of the headline period, with its status: the same number and label as there.
  const period = await periodForYear({ db, divisionCode, year }, now);
  const ctx = createMetricContext({ database, actor, divisionCode, year, period: period ?? undefined });
  const summary = period ? await summaryForYear(ctx) : null;
  const figuresOf = summary
    ? { period: summary.period, periodLabel: summary.periodLabel, cumulativeLabel: summary.cumulativeLabel, figureStatus: summary.figureStatus, figureNote: summary.figureNote }
    : null;
  const growthDefault = (await ctx.rules(targetRules, divisionCode)).growthTargetPct;
  const figures: Array<{ total: string | null; ofUnit: ((unitId: string) => string | null) | null }> = [];
  for (const d of TARGET_DEFINITIONS) {
    figures.push({ total: await metrics().compute(d.key, ctx), ofUnit: rows.some((r) => r.key === d.key) ? await metrics().computeByUnit(d.key, ctx) : null });
  }
  const data = TARGET_DEFINITIONS.map((d, i) => {
    const row = rows.find((r) => r.key === d.key);
    const value = row ? plain(row.value) : null;
    const countyProgress = figures[i].total;
    const source: TargetSource = metrics().has(d.key) ? 'computed' : 'pending';
    const own = row ? allocations.filter((a) => a.allocation.targetId === row.id) : [];
    return {
      id: row?.id ?? null,
      year,
      key: d.key,
      label: d.label,
      unit: d.unit,
      unitLabel: TARGET_UNIT_LABELS[d.unit],
      value,
      defaultValue: d.key === 'fai_growth' ? String(growthDefault) : d.defaultValue,
      version: row?.version ?? null,
      source,
      basis: d.basis,
      progress: countyProgress,
      progressPct: pctOf(countyProgress, value),
      ofPeriod: 'ofPeriod' in d && d.ofPeriod,
      allocations: own.map((a) => {
        const unitProgress = figures[i].ofUnit?.(a.allocation.unitId) ?? null;
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
  return { year, divisionCode, figuresOf, data, canManage: targetPolicy.can(actor, 'manage', { divisionCode }) };
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
  targetPolicy.authorize(actor, 'manage', { divisionCode });
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
      // Unchanged at the version read: nothing to save. A target set by someone else after the
      // caller loaded the page (a stale or missing version) is refused, never overwritten silently;
      // one created meanwhile refuses the insert.
      if (current && t.version === current.version && new Decimal(current.value).eq(t.value)) continue;
      await upsertRecord(tx, {
        table: targets,
        where: and(eq(targets.divisionCode, divisionCode), eq(targets.year, year), eq(targets.key, t.key)),
        version: t.version ?? 0,
        current,
        set: { value: t.value, updatedByName: actor.displayName },
        values: { divisionCode, year, key: t.key, label: d.label, unit: d.unit, value: t.value, updatedByName: actor.displayName },
        audit: null,
        present: () => undefined,
      });
      if (current) before[t.key] = plain(current.value);
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
      .where(and(eq(targets.id, targetId), actorRegion(actor, targets.divisionCode)));
    if (!target) notFound('目标任务不存在或不在您的数据范围内');
    targetPolicy.authorize(actor, 'manage', target);
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
    const ofTarget = and(eq(targetAllocations.divisionCode, target.divisionCode), eq(targetAllocations.targetId, target.id));
    const previous = await tx.select({ unitId: targetAllocations.unitId, value: targetAllocations.value }).from(targetAllocations).where(ofTarget);
    // The split is a child of the target: replacing it bumps the target's version.
    return saveRecord(tx, {
      table: targets,
      where: and(eq(targets.divisionCode, target.divisionCode), eq(targets.id, target.id)),
      version: input.version,
      set: { updatedByName: actor.displayName },
      after: async () => {
        await tx.delete(targetAllocations).where(ofTarget);
        if (input.allocations.length) {
          await tx.insert(targetAllocations).values(input.allocations.map((a) => ({ divisionCode: target.divisionCode, targetId: target.id, unitId: a.unitId, value: a.value })));
        }
      },
      audit: () => ({
        actor: auditActorOf(actor),
        divisionCode: target.divisionCode,
        action: 'target.allocated',
        entityType: 'target',
        entityId: target.id,
        summary: `分解目标任务：${target.year} 年${target.label}（${input.allocations.length} 个单位）`,
        before: previous.map((p) => ({ unitId: p.unitId, value: plain(p.value) })),
        after: input.allocations.map((a) => ({ unitId: a.unitId, value: plain(a.value) })),
      }),
      present: (row) => row,
    });
  });
  const list = await listTargets(database, actor, { year: result.year, divisionCode: result.divisionCode });
  return list.data.find((t) => t.key === (result.key as TargetKey))!;
}
