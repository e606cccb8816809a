/** What a backup needs to know about a database, read from PostgreSQL's catalog (same on both engines). */
import fs from 'node:fs';
import { sql, type SQL } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { MIGRATIONS_DIR, rowsOf, type DbOrTx } from '../db/client';
import { CANONICAL_SETTINGS, checksumSql, quoteIdent, type BackupMigration } from './format';

/** Runs SQL text with `$n` parameters on a connection or inside a transaction. */
export type Query = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/** A `Query` over a Drizzle handle, so the same code runs inside a transaction on either engine. */
export function queryOf(db: DbOrTx): Query {
  return async <T,>(text: string, params: unknown[] = []) => {
    const parts = text.split(/\$(\d+)/);
    const chunks: SQL[] = parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${params[Number(part) - 1]}`));
    return rowsOf<T>(await db.execute(sql.join(chunks)));
  };
}

/** Sets, for the current transaction, the settings under which rows print the same on both engines. */
export async function useCanonicalSettings(query: Query): Promise<void> {
  for (const [name, value] of CANONICAL_SETTINGS) await query(`select set_config('${name}', '${value}', true)`);
}

export interface TableShape {
  name: string;
  /** Every column, in the table's order (the order of its row text). */
  columns: string[];
  /** Columns a restore writes (generated ones are computed again). */
  writable: string[];
  primaryKey: string[];
}

/** The application's tables: ordinary and partitioned tables of schema `public`, not the partitions. */
export async function listTables(query: Query): Promise<TableShape[]> {
  const rows = await query<{ name: string; columns: string[]; generated: boolean[]; pk: string[] | null }>(
    `select c.relname as name,
       array(select a.attname::text from pg_attribute a
             where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped order by a.attnum) as columns,
       array(select a.attgenerated <> '' from pg_attribute a
             where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped order by a.attnum) as generated,
       array(select a.attname::text from pg_index i
               join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
             where i.indrelid = c.oid and i.indisprimary
             order by array_position(i.indkey::int2[], a.attnum)) as pk
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
     order by c.relname`,
  );
  return rows.map((r) => ({
    name: r.name,
    columns: r.columns,
    writable: r.columns.filter((_, i) => !r.generated[i]),
    primaryKey: r.pk ?? [],
  }));
}

/** Row count and checksum of one table, computed by the database. */
export async function tableChecksum(query: Query, table: string): Promise<{ rows: number; checksum: string }> {
  const [row] = await query<{ rows: string; checksum: string }>(checksumSql(`public.${quoteIdent(table)}`));
  return { rows: Number(row.rows), checksum: row.checksum };
}

/** The sequences of schema `public` and where they stand. */
export async function listSequences(query: Query): Promise<Array<{ name: string; lastValue: string; isCalled: boolean }>> {
  const names = await query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'S' order by c.relname`,
  );
  const result = [];
  for (const { name } of names) {
    const [row] = await query<{ last_value: string; is_called: boolean }>(`select last_value::text, is_called from public.${quoteIdent(name)}`);
    result.push({ name, lastValue: row.last_value, isCalled: row.is_called });
  }
  return result;
}

/** Foreign keys of schema `public`, to drop while loading and add back (validated) afterwards. */
export async function listForeignKeys(query: Query): Promise<Array<{ table: string; name: string; definition: string }>> {
  return query(
    `select c.relname as table, k.conname as name, pg_get_constraintdef(k.oid) as definition
     from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
     where k.contype = 'f' and n.nspname = 'public' and k.conparentid = 0`,
  );
}

/** The migrations recorded as applied, oldest first (none when the database was never migrated). */
export async function appliedMigrations(query: Query): Promise<BackupMigration[]> {
  const [exists] = await query<{ present: boolean }>(`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!exists.present) return [];
  const rows = await query<{ hash: string; created_at: string }>(`select hash, created_at::text from drizzle.__drizzle_migrations order by created_at, id`);
  return rows.map((r) => ({ hash: r.hash, createdAt: Number(r.created_at) }));
}

/** The migrations this code ships, oldest first. */
export function codeMigrations(): Array<BackupMigration & { tag: string }> {
  const journal = JSON.parse(fs.readFileSync(`${MIGRATIONS_DIR}/meta/_journal.json`, 'utf8')) as { entries: Array<{ tag: string }> };
  return readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR }).map((m, i) => ({ hash: m.hash, createdAt: m.folderMillis, tag: journal.entries[i].tag }));
}

/** The tables of `public` that hold at least one row. */
export async function tablesWithRows(query: Query): Promise<string[]> {
  const tables = await listTables(query);
  const found: string[] = [];
  for (const t of tables) {
    const [row] = await query<{ any: boolean }>(`select exists (select 1 from public.${quoteIdent(t.name)}) as any`);
    if (row.any) found.push(t.name);
  }
  return found;
}
