import { and, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
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
  const row = rows[0];
  if (options.after) await options.after(row);
  const entry = options.audit?.(row);
  if (entry) await recordAudit(tx, entry);
  return options.present(row);
}
