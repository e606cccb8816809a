import type { Database, DbOrTx } from '../db/client';
import type { Actor } from '../http/context';
import { createRulesReader, type RulesReader } from '../rules/rules.service';

/** What a figure counts in: projects, 万元, a percentage, or a ratio (times). */
export type MetricUnit = 'count' | 'wan' | 'pct' | 'ratio';

/** What a provider computes a figure for: a division (county, or a city/province region) and a year or period. */
export interface MetricContext {
  database: Database;
  /** The database the figure is read from (the read replica for the cockpit, when there is one). */
  db: DbOrTx;
  /** Whose view it is: data scope applies as in the lists. */
  actor: Actor;
  divisionCode: string;
  year: number;
  /** A reporting period `YYYY-MM` when the figure is of a period (the Word report), else the year. */
  period?: string;
  /** The division's effective rules, read once per context. */
  rules: RulesReader;
  /** Shares one query among the figures of a context (several counts from one pass). */
  memo<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

/**
 * A computed figure a module provides. `compute` answers a decimal string or null (no data);
 * `computeByUnit`, when given, answers the figure of each department or township for the
 * decomposition of targets.
 */
export interface MetricDefinition {
  key: string;
  label: string;
  unit: MetricUnit;
  /** How it is counted, shown beside targets. */
  basis?: string;
  compute(ctx: MetricContext): Promise<string | null>;
  computeByUnit?(ctx: MetricContext): Promise<(unitId: string) => string | null>;
}

/** Declares a figure a module provides. */
export function defineMetric(definition: MetricDefinition): MetricDefinition {
  return definition;
}

/** A context for computing figures of a division; create one per request or computation. */
export function createMetricContext(options: { database: Database; db?: DbOrTx; actor: Actor; divisionCode: string; year: number; period?: string }): MetricContext {
  const db = options.db ?? options.database.db;
  const memos = new Map<string, Promise<unknown>>();
  return {
    ...options,
    db,
    rules: createRulesReader(db),
    memo: <T>(key: string, compute: () => Promise<T>) => {
      if (!memos.has(key)) memos.set(key, compute());
      return memos.get(key) as Promise<T>;
    },
  };
}

/** The registry of computed figures, built from the providers' lists. */
export interface MetricRegistry {
  has(key: string): boolean;
  get(key: string): MetricDefinition | undefined;
  list(): readonly MetricDefinition[];
  /** The figure, or null when no provider computes it. */
  compute(key: string, ctx: MetricContext): Promise<string | null>;
  /** The figure per unit, or null when the provider has none. */
  computeByUnit(key: string, ctx: MetricContext): Promise<((unitId: string) => string | null) | null>;
}

/** Builds the registry; two providers of one key are a programming error. */
export function createMetricRegistry(providers: readonly MetricDefinition[]): MetricRegistry {
  const byKey = new Map<string, MetricDefinition>();
  for (const p of providers) {
    if (byKey.has(p.key)) throw new Error(`metric ${p.key} is provided twice`);
    byKey.set(p.key, p);
  }
  return {
    has: (key) => byKey.has(key),
    get: (key) => byKey.get(key),
    list: () => [...byKey.values()],
    compute: async (key, ctx) => (byKey.get(key) ? byKey.get(key)!.compute(ctx) : null),
    computeByUnit: async (key, ctx) => {
      const metric = byKey.get(key);
      return metric?.computeByUnit ? metric.computeByUnit(ctx) : null;
    },
  };
}
