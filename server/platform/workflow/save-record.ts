import { and, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgInsertValue, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { recordAudit, type AuditEntryInput } from '../audit/audit.service';
import type { DbOrTx } from '../db/client';
import { AppError } from '../http/errors';

type Row<T extends PgTable> = T['$inferSelect'];

export interface SaveRecordOptions<T extends PgTable, Out> {
  table: T;
  /** The row (division and id), plus any state it must still be in. */
  where: SQL | undefined;
  /**
   * The version the caller read. The update then also needs `version = :version` and bumps it;
   * omitted when a state condition in `where` is the lock (a transition) — the version is still bumped.
   */
  version?: number;
  /** The version loaded in this transaction: a stale `version` fails before any work. */
  loadedVersion?: number;
  set: PgUpdateSetSource<T>;
  /** What to throw when no row matched (default VERSION_CONFLICT: somebody saved first). */
  conflict?: () => AppError;
  /** Side work after the update and before the audit (children, effects). */
  after?: (row: Row<T>) => Promise<void>;
  /** The audit entry, written in the same transaction; null writes none. */
  audit: ((row: Row<T>) => AuditEntryInput | null) | null;
  present: (row: Row<T>) => Out | Promise<Out>;
}

/**
 * The one "check version → update → audit → present" sequence of every save: refuses a stale
 * version, updates `WHERE … AND version = :version` bumping `version` and `updatedAt` when the
 * table has them, runs the side work, writes the audit entry in the same transaction, and
 * presents the row as saved. Call inside a transaction.
 */
export async function saveRecord<T extends PgTable, Out>(tx: DbOrTx, options: SaveRecordOptions<T, Out>): Promise<Out> {
  const { table, version } = options;
  const conflict = options.conflict ?? (() => new AppError('VERSION_CONFLICT'));
  if (version !== undefined && options.loadedVersion !== undefined && version !== options.loadedVersion) throw new AppError('VERSION_CONFLICT');
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const bump: Record<string, unknown> = {};
  if (columns.version) bump.version = sql`${columns.version} + 1`;
  if (columns.updatedAt && !('updatedAt' in (options.set as object))) bump.updatedAt = new Date();
  const where = and(options.where, version !== undefined && columns.version ? eq(columns.version, version) : undefined);
  const rows = (await tx
    .update(table)
    .set({ ...options.set, ...bump } as PgUpdateSetSource<T>)
    .where(where)
    .returning()) as Array<Row<T>>;
  if (rows.length === 0) throw conflict();
  return finish(tx, options, rows[0]);
}

/** What follows a saved row: side work, the audit entry, the presented answer. */
async function finish<T extends PgTable, Out>(tx: DbOrTx, options: Pick<SaveRecordOptions<T, Out>, 'after' | 'audit' | 'present'>, row: Row<T>): Promise<Out> {
  if (options.after) await options.after(row);
  const entry = options.audit?.(row);
  if (entry) await recordAudit(tx, entry);
  return options.present(row);
}

export interface UpsertRecordOptions<T extends PgTable, Out> extends Omit<SaveRecordOptions<T, Out>, 'version' | 'loadedVersion'> {
  /** The version the caller read: 0 when it saw no row yet. */
  version: number;
  /** The row as loaded in this transaction (by the same key as `where`), undefined when there is none. */
  current: Row<T> | undefined;
  /** The row to insert when there is none and the caller read version 0. */
  values: PgInsertValue<T>;
}

/**
 * A save where version 0 means "create it": with a current row it is `saveRecord` (the version
 * read must still be current); without one the caller must have read version 0, the row is
 * inserted, and a row that appeared meanwhile (its unique key taken) refuses VERSION_CONFLICT.
 * Side work, audit and presenting as in `saveRecord`. Call inside a transaction.
 */
export async function upsertRecord<T extends PgTable, Out>(tx: DbOrTx, options: UpsertRecordOptions<T, Out>): Promise<Out> {
  const { current, values, ...save } = options;
  if (current) return saveRecord(tx, { ...save, loadedVersion: (current as { version?: number }).version });
  const conflict = options.conflict ?? (() => new AppError('VERSION_CONFLICT'));
  if (options.version !== 0) throw new AppError('VERSION_CONFLICT');
  const rows = (await tx.insert(options.table).values(values).onConflictDoNothing().returning()) as Array<Row<T>>;
  if (rows.length === 0) throw conflict();
  return finish(tx, options, rows[0]);
}

export interface DeleteRecordOptions<T extends PgTable> {
  table: T;
  /** The row (division and id). */
  where: SQL | undefined;
  /** The version the caller read: the delete also needs `version = :version`. */
  version: number;
  /** The version loaded in this transaction: a stale `version` fails before any work. */
  loadedVersion?: number;
  /** What to throw when no row matched (default VERSION_CONFLICT: somebody saved first). */
  conflict?: () => AppError;
  /** The audit entry, written in the same transaction; null writes none. */
  audit: ((row: Row<T>) => AuditEntryInput | null) | null;
}

/**
 * The delete counterpart of `saveRecord`: deletes `WHERE … AND version = :version`, refuses when
 * nothing matched (somebody saved or deleted first), writes the audit entry in the same
 * transaction and answers the deleted row. Call inside a transaction.
 */
export async function deleteRecord<T extends PgTable>(tx: DbOrTx, options: DeleteRecordOptions<T>): Promise<Row<T>> {
  const { table, version } = options;
  const conflict = options.conflict ?? (() => new AppError('VERSION_CONFLICT'));
  if (options.loadedVersion !== undefined && version !== options.loadedVersion) throw new AppError('VERSION_CONFLICT');
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  if (!columns.version) throw new Error('deleteRecord: the table has no version column');
  const rows = (await tx.delete(table).where(and(options.where, eq(columns.version, version))).returning()) as Array<Row<T>>;
  if (rows.length === 0) throw conflict();
  const entry = options.audit?.(rows[0]);
  if (entry) await recordAudit(tx, entry);
  return rows[0];
}
