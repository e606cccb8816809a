import { eq, getTableColumns, and, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { AuditEntryInput } from '../audit/audit.service';
import { insertChunks, type DbOrTx, type Tx } from '../db/client';
import type { Actor } from '../http/context';
import type { AppError } from '../http/errors';
import type { HistoryRow, Machine, Move, TransitionDef } from './machine';
import { saveRecord } from './save-record';
import { recordTransitions } from './workflow.tables';

/** What the effects of a machine run with: the open transaction and who acts. */
export interface WorkflowContext {
  tx: Tx;
  actor: Actor;
}

/** Writes history rows of a machine: its own writer, else `record_transitions` under its kind. */
export async function writeHistory(tx: DbOrTx, machine: Pick<Machine<string, never, never, never>, 'kind' | 'history'>, rows: HistoryRow[]): Promise<void> {
  if (!rows.length) return;
  if (machine.history) return machine.history(tx, rows);
  const values = rows.map((r) => ({
    divisionCode: r.divisionCode,
    recordKind: machine.kind,
    recordId: r.recordId,
    fromState: r.from,
    toState: r.to,
    action: r.action,
    reason: r.reason?.trim() || null,
    actorId: r.actor.id,
    actorName: r.actor.displayName,
  }));
  await insertChunks(tx, recordTransitions, values, 2000);
}

export interface TransitionRecordOptions<S extends string, F, I, T extends PgTable, Out> {
  actor: Actor;
  table: T;
  /** The column holding the state (`status`, `stage`). */
  stateColumn: PgColumn;
  record: { divisionCode: string; id: string; state: S };
  /** The row (division and id); the current state is added as the lock. */
  where: SQL | undefined;
  move: Move<S>;
  facts: F & I;
  reason?: string | null;
  /** The version the caller read, when the action carries one. */
  version?: number;
  /** Other columns the transition sets. */
  set?: PgUpdateSetSource<T>;
  /** What to throw when the row left the state meanwhile (default VERSION_CONFLICT). */
  conflict?: () => AppError;
  audit: (row: T['$inferSelect'], transition: TransitionDef<S, F, I, WorkflowContext>) => AuditEntryInput | null;
  present: (row: T['$inferSelect']) => Out | Promise<Out>;
}

/**
 * Takes one transition of a machine on a stored record: checks it (state, permission, guards),
 * updates the state `WHERE` it is still the state read, writes the history row, runs the
 * effects, writes the audit entry and presents the result — all in the caller's transaction.
 */
export async function transitionRecord<S extends string, F, I, T extends PgTable, Out>(
  tx: Tx,
  machine: Machine<S, F, I, WorkflowContext>,
  options: TransitionRecordOptions<S, F, I, T, Out>,
): Promise<Out> {
  const { record, actor } = options;
  const transition = machine.assert(record.state, options.move, actor, options.facts);
  const stateKey = Object.entries(getTableColumns(options.table)).find(([, c]) => c === options.stateColumn)?.[0];
  if (!stateKey) throw new Error(`${machine.kind}: the state column is not a column of the table`);
  return saveRecord(tx, {
    table: options.table,
    where: and(options.where, eq(options.stateColumn, record.state)),
    version: options.version,
    set: { ...options.set, [stateKey]: transition.to } as PgUpdateSetSource<T>,
    conflict: options.conflict,
    after: async () => {
      await writeHistory(tx, machine, [{ divisionCode: record.divisionCode, recordId: record.id, from: record.state, to: transition.to, action: transition.action, reason: options.reason, actor }]);
      await machine.runEffects(transition, {
        context: { tx, actor },
        divisionCode: record.divisionCode,
        recordId: record.id,
        from: record.state,
        to: transition.to,
        action: transition.action,
        facts: options.facts,
      });
    },
    audit: (row) => options.audit(row, transition),
    present: options.present,
  });
}
