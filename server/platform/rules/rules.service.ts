import { and, desc, eq, inArray, or } from 'drizzle-orm';
import type { z } from '@hono/zod-openapi';
import { divisions } from '../../modules/org';
import { auditActorOf, recordAudit } from '../audit/audit.service';
import { canReachDivision, divisionChain, divisionPrefix, regionCondition } from '../auth/scope';
import type { Database, DbOrTx } from '../db/client';
import type { Actor } from '../http/context';
import { AppError, notFound } from '../http/errors';
import { describeFields, type RuleFieldValue, type RuleSet } from './define-rule-set';
import { ruleSetByKey, ruleSets } from './rule-sets';
import { ruleSettings } from './rules.tables';

type Values = Record<string, unknown>;
type SavedRow = { divisionCode: string; version: number; value: unknown };

/** Where an effective rule value comes from: the defaults, or a division's saved version. */
export interface RuleSource {
  level: 'default' | 'province' | 'city' | 'county';
  divisionCode: string | null;
  version: number | null;
}

function levelOf(code: string): RuleSource['level'] {
  const prefix = divisionPrefix(code);
  return prefix.length === 2 ? 'province' : prefix.length === 4 ? 'city' : 'county';
}

/**
 * The effective value of a rule set for a division from the newest saved versions of the
 * divisions above it (each saved version holds only the fields that division sets itself):
 * field by field, the nearest division that sets it wins, else the default. A combination the
 * schema refuses (a parent changed under a child's own value) falls back to the defaults.
 */
function resolve<S extends RuleSet>(set: S, divisionCode: string, newest: Map<string, SavedRow>): { value: z.infer<S['schema']>; sources: Record<string, RuleSource> } {
  const merged: Values = { ...(set.defaults as Values) };
  const sources: Record<string, RuleSource> = Object.fromEntries(Object.keys(merged).map((k) => [k, { level: 'default', divisionCode: null, version: null }]));
  for (const code of [...divisionChain(divisionCode)].reverse()) {
    const row = newest.get(code);
    if (!row) continue;
    for (const [field, v] of Object.entries(row.value as Values)) {
      if (!(field in merged)) continue;
      merged[field] = v;
      sources[field] = { level: levelOf(code), divisionCode: code, version: row.version };
    }
  }
  const parsed = set.schema.safeParse(merged);
  if (parsed.success) return { value: parsed.data as z.infer<S['schema']>, sources };
  console.warn(`[rules] ${set.key} of ${divisionCode}: saved values no longer pass the schema, using the defaults`, parsed.error.issues[0]);
  return {
    value: set.defaults as z.infer<S['schema']>,
    sources: Object.fromEntries(Object.keys(merged).map((k) => [k, { level: 'default', divisionCode: null, version: null }])),
  };
}

// The newest saved version of each division matching `where`, for one rule set (a handful of rows).
async function newestVersions(db: DbOrTx, set: RuleSet, where: ReturnType<typeof and>): Promise<Map<string, SavedRow>> {
  const rows = await db
    .selectDistinctOn([ruleSettings.divisionCode], { divisionCode: ruleSettings.divisionCode, version: ruleSettings.version, value: ruleSettings.value })
    .from(ruleSettings)
    .where(and(eq(ruleSettings.ruleSet, set.key), where))
    .orderBy(ruleSettings.divisionCode, desc(ruleSettings.version));
  return new Map(rows.map((r) => [r.divisionCode, r]));
}

/** The effective rules of a division (one small query): its own, else its city's, else its province's, else the defaults. */
export async function getRules<S extends RuleSet>(db: DbOrTx, divisionCode: string, set: S): Promise<z.infer<S['schema']>> {
  return resolve(set, divisionCode, await newestVersions(db, set, inArray(ruleSettings.divisionCode, divisionChain(divisionCode)))).value;
}

/**
 * Loads a rule set once for many divisions (a list across a city, a job over every county) and
 * answers each division's effective rules from memory: no query per row. `regionCode` limits
 * the load to a region and the divisions above it; without it every division is loaded.
 */
export async function loadRules<S extends RuleSet>(db: DbOrTx, set: S, regionCode?: string): Promise<(divisionCode: string) => z.infer<S['schema']>> {
  const where = regionCode ? or(inArray(ruleSettings.divisionCode, divisionChain(regionCode)), regionCondition(ruleSettings.divisionCode, regionCode)) : undefined;
  const newest = await newestVersions(db, set, where);
  const memo = new Map<string, z.infer<S['schema']>>();
  return (divisionCode) => {
    let value = memo.get(divisionCode);
    if (value === undefined) memo.set(divisionCode, (value = resolve(set, divisionCode, newest).value));
    return value;
  };
}

/** The values every division saved itself (newest version each), for a job that must know the widest setting. */
export async function savedRuleValues<S extends RuleSet>(db: DbOrTx, set: S): Promise<Array<Partial<z.infer<S['schema']>>>> {
  const newest = await newestVersions(db, set, undefined);
  return [...newest.values()].map((r) => r.value as Partial<z.infer<S['schema']>>);
}

/** A per-computation reader: each (rule set, division) is read once however often it is asked for. */
export function createRulesReader(db: DbOrTx) {
  const cache = new Map<string, Promise<unknown>>();
  return <S extends RuleSet>(set: S, divisionCode: string): Promise<z.infer<S['schema']>> => {
    const key = `${set.key}|${divisionCode}`;
    if (!cache.has(key)) cache.set(key, getRules(db, divisionCode, set));
    return cache.get(key) as Promise<z.infer<S['schema']>>;
  };
}
export type RulesReader = ReturnType<typeof createRulesReader>;

function ruleSetOf(key: string): RuleSet {
  const set = ruleSetByKey(key);
  if (!set) notFound('规则集不存在');
  return set;
}

function divisionOf(actor: Actor, divisionCode: string | undefined): string {
  const code = divisionCode ?? actor.divisionCode;
  if (!canReachDivision(actor, code)) notFound('行政区划不在您的数据范围内');
  return code;
}

type Latest = { version: number; value: unknown; note: string | null; savedByName: string; savedAt: Date } | undefined;

async function ownLatest(db: DbOrTx, set: RuleSet, divisionCode: string): Promise<Latest> {
  const [row] = await db
    .select({ version: ruleSettings.version, value: ruleSettings.value, note: ruleSettings.note, savedByName: ruleSettings.savedByName, savedAt: ruleSettings.savedAt })
    .from(ruleSettings)
    .where(and(eq(ruleSettings.divisionCode, divisionCode), eq(ruleSettings.ruleSet, set.key)))
    .orderBy(desc(ruleSettings.version))
    .limit(1);
  return row;
}

async function presentRuleSet(db: DbOrTx, set: RuleSet, divisionCode: string, names: Map<string, string>) {
  const newest = await newestVersions(db, set, inArray(ruleSettings.divisionCode, divisionChain(divisionCode)));
  const { value, sources } = resolve(set, divisionCode, newest);
  const own = newest.get(divisionCode);
  const ownValues = (own?.value ?? {}) as Values;
  const latest = own ? await ownLatest(db, set, divisionCode) : undefined;
  return {
    key: set.key,
    label: set.label,
    description: set.description,
    version: own?.version ?? 0,
    note: latest?.note ?? null,
    savedByName: latest?.savedByName ?? null,
    savedAt: latest?.savedAt.toISOString() ?? null,
    fields: describeFields(set).map((f) => {
      const source = sources[f.key];
      return {
        ...f,
        unit: f.unit ?? null,
        help: f.help ?? null,
        defaultValue: (set.defaults as Values)[f.key] as RuleFieldValue,
        value: (value as Values)[f.key] as RuleFieldValue,
        ownValue: f.key in ownValues ? (ownValues[f.key] as RuleFieldValue) : null,
        source: { ...source, divisionName: source.divisionCode ? (names.get(source.divisionCode) ?? source.divisionCode) : null },
      };
    }),
  };
}

async function divisionNames(db: DbOrTx, divisionCode: string): Promise<Map<string, string>> {
  const rows = await db.select({ code: divisions.code, name: divisions.name }).from(divisions).where(inArray(divisions.code, divisionChain(divisionCode)));
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** Every rule set with its effective values for a division and where each value comes from. */
export async function listRuleSets(database: Database, actor: Actor, filters: { divisionCode?: string }) {
  const divisionCode = divisionOf(actor, filters.divisionCode);
  const names = await divisionNames(database.db, divisionCode);
  const data = [];
  for (const set of ruleSets()) data.push(await presentRuleSet(database.db, set, divisionCode, names));
  return {
    divisionCode,
    divisionName: names.get(divisionCode) ?? divisionCode,
    canManage: actor.permissions.includes('rules.manage') && divisionCode === actor.divisionCode,
    data,
  };
}

/** One rule set with its effective values for a division. */
export async function getRuleSet(database: Database, actor: Actor, key: string, filters: { divisionCode?: string }) {
  const set = ruleSetOf(key);
  const divisionCode = divisionOf(actor, filters.divisionCode);
  return presentRuleSet(database.db, set, divisionCode, await divisionNames(database.db, divisionCode));
}

/** The saved versions of a rule set of a division, newest first. */
export async function listRuleVersions(database: Database, actor: Actor, key: string, filters: { divisionCode?: string }) {
  const set = ruleSetOf(key);
  const divisionCode = divisionOf(actor, filters.divisionCode);
  const rows = await database.db
    .select()
    .from(ruleSettings)
    .where(and(eq(ruleSettings.divisionCode, divisionCode), eq(ruleSettings.ruleSet, set.key)))
    .orderBy(desc(ruleSettings.version))
    .limit(200);
  return {
    data: rows.map((r) => ({
      version: r.version,
      values: r.value as Record<string, RuleFieldValue>,
      note: r.note,
      savedByName: r.savedByName,
      savedAt: r.savedAt.toISOString(),
    })),
  };
}

export interface SaveRulesInput {
  /** The version the caller saw (0 when the division had none): a newer one answers 409. */
  version: number;
  /** The fields this division sets itself; a field left out follows the city / province / default. */
  values: Record<string, unknown>;
  note?: string | null;
}

function refuse(set: RuleSet, path: PropertyKey[], message: string): never {
  const field = String(path[0] ?? '');
  const label = (set.fields as Record<string, { label: string }>)[field]?.label;
  throw new AppError('VALIDATION_FAILED', label && !message.includes(label) ? `${label}：${message}` : message, { field: ['values', ...path.map(String)].join('.') });
}

/**
 * Saves a new version of a rule set for the caller's own division (a city's or province's
 * rules are inherited by the counties below that set nothing themselves). The values are
 * checked field by field and then as a whole, as they will apply; the audit entry is written
 * in the same transaction. Versions are appended, never changed.
 */
export async function saveRules(database: Database, actor: Actor, key: string, input: SaveRulesInput) {
  const set = ruleSetOf(key);
  const divisionCode = actor.divisionCode;
  const shape = set.schema.shape as Record<string, z.ZodType>;
  const own: Values = {};
  for (const [field, v] of Object.entries(input.values)) {
    if (!(field in shape)) refuse(set, [field], '没有这一规则项');
    const parsed = shape[field].safeParse(v);
    if (!parsed.success) refuse(set, [field, ...parsed.error.issues[0].path], parsed.error.issues[0].message);
    own[field] = parsed.data;
  }
  await database.db.transaction(async (tx) => {
    const newest = await newestVersions(tx, set, inArray(ruleSettings.divisionCode, divisionChain(divisionCode)));
    const current = newest.get(divisionCode);
    if ((current?.version ?? 0) !== input.version) throw new AppError('VERSION_CONFLICT');
    const effective = set.schema.safeParse({ ...(resolve(set, divisionCode, new Map([...newest].filter(([code]) => code !== divisionCode))).value as Values), ...own });
    if (!effective.success) refuse(set, effective.error.issues[0].path, effective.error.issues[0].message);
    const version = input.version + 1;
    const rows = await tx
      .insert(ruleSettings)
      .values({ divisionCode, ruleSet: set.key, version, value: own, note: input.note ?? null, savedBy: actor.id, savedByName: actor.displayName })
      .onConflictDoNothing()
      .returning({ version: ruleSettings.version });
    // Someone saved the same version in the meantime.
    if (!rows.length) throw new AppError('VERSION_CONFLICT');
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      divisionCode,
      action: 'rules.saved',
      entityType: 'rules',
      entityId: set.key,
      summary: `修改规则设置：${set.label}（第 ${version} 版）`,
      before: current ? { version: current.version, values: current.value } : null,
      after: { version, values: own, note: input.note ?? null },
    });
  });
  return presentRuleSet(database.db, set, divisionCode, await divisionNames(database.db, divisionCode));
}
