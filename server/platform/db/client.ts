import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { partitionBusinessTables, partitionsFromEnv } from './partitioning';

/** The query builder every repository uses, whichever database is behind it (SQL-like queries only: no relational API, so no schema barrel). */
export type Db = PgDatabase<PgQueryResultHKT>;
/** A transaction handle; repositories take `Db | Tx` so that services choose the boundary. */
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>, ExtractTablesWithRelations<Record<string, never>>>;
export type DbOrTx = Db | Tx;

export type DatabaseKind = 'embedded' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Runs a raw SQL string and returns its rows (maintenance, tests, benchmarks). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
  /** The embedded engine, when there is one (tests clone it). */
  pglite?: PGlite;
}

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

export interface OpenOptions {
  /** `postgres://…`; when absent the embedded database is used. */
  url?: string;
  /** Directory of the embedded database; absent means in memory. */
  dataDir?: string;
  /** A dump of an embedded database to start from (tests). */
  loadDataDir?: Blob | File;
  /** Maximum connections in the server pool. */
  poolSize?: number;
}

/** Opens the embedded database or a PostgreSQL server, the same schema either way. */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  if (options.url) {
    const client = postgres(options.url, {
      max: options.poolSize ?? 10,
      onnotice: () => {},
    });
    const db = drizzlePostgres(preparedStatements(client)) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      query: async (text, params) => (await client.unsafe(text, (params ?? []) as never[])) as never,
      close: () => client.end({ timeout: 5 }),
    };
  }
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: { pg_trgm },
  });
  return wrapPglite(pglite);
}

/**
 * Drizzle sends every query as an unnamed statement, which postgres.js answers with two round
 * trips (describe, then execute) and the server parses and plans afresh each time. Named
 * statements cost one round trip once cached per connection, and let the server reuse plans:
 * on the project list this halves the database's CPU per request. Connections are recycled
 * (postgres.js `max_lifetime`), which bounds the statements a connection keeps.
 */
function preparedStatements(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, key, receiver) {
      if (key !== 'unsafe') return Reflect.get(target, key, receiver);
      return (text: string, args?: unknown[], options?: postgres.UnsafeQueryOptions) =>
        target.unsafe(text, args as never[], { ...options, prepare: true });
    },
  });
}

/** Wraps an open PGlite instance (a fresh one or a clone). */
export function wrapPglite(pglite: PGlite): Database {
  const db = drizzlePglite(pglite) as unknown as Db;
  return {
    db,
    kind: 'embedded',
    pglite,
    query: async (text, params) => (await pglite.query(text, params)).rows as never,
    close: () => pglite.close(),
  };
}

export interface MigrateOptions {
  /** Another migrations folder (tests apply part of the history). */
  migrationsFolder?: string;
  /** Hash partitions per business table; 0 keeps plain tables. Default: `DATABASE_PARTITIONS`. */
  partitions?: number;
}

/**
 * Applies every migration in `drizzle/` that has not been applied yet; with partitions, then
 * turns business tables not yet partitioned into tables hash-partitioned by `division_code`
 * (see partitioning.ts), so that later migrations run on the partitioned schema.
 */
export async function migrateDatabase(database: Database, options: MigrateOptions = {}): Promise<void> {
  const migrationsFolder = options.migrationsFolder ?? MIGRATIONS_DIR;
  if (database.kind === 'embedded') {
    await migratePglite(database.db as never, { migrationsFolder });
  } else {
    await migratePostgres(database.db as never, { migrationsFolder });
  }
  const partitions = options.partitions ?? partitionsFromEnv();
  if (partitions > 0) await partitionBusinessTables(database, partitions);
}

/** The rows of a raw `db.execute(sql…)`, whichever driver ran it (PGlite answers {rows}, postgres.js an array). */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Inserts rows a chunk at a time, each statement below PostgreSQL's bind-parameter limit. */
export async function insertChunks<T extends Record<string, unknown>>(db: DbOrTx, table: Parameters<DbOrTx['insert']>[0], rows: T[], size: number): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await db.insert(table).values(rows.slice(i, i + size) as never);
}
