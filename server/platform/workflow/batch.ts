import type { Database, Db, Tx } from '../db/client';
import { AppError } from '../http/errors';

/** A record of a batch: its id and how a clerk names it (the project's name). */
export interface BatchItem {
  id: string;
  label: string;
}

/** One record that stopped a batch, and why (the refusal its single action gives). */
export interface BatchBlocker {
  id: string;
  /** The record as a clerk names it; sent as `projectName`. */
  projectName: string;
  code: string;
  message: string;
  field?: string;
}

/** How many blockers the message names; `details.blocked` lists them all. */
const NAMED_IN_MESSAGE = 3;

/**
 * Runs a record's own single action on every record of a batch, all or nothing, in one
 * transaction: each action runs in a savepoint of it (the `Database` it gets is that
 * savepoint, so the action's own transaction nests), its audit entry and history with it.
 * When any record refuses, every refusal is collected and nothing is kept: a batch of one
 * throws its refusal unchanged; a larger batch throws one error with the first refusal's code,
 * a message naming the records that blocked it and `details.blocked` listing each (with its field).
 */
export async function runBatch<T>(
  database: Database,
  items: readonly BatchItem[],
  /** How the message names the action and the records: 「审核通过」, 「月报」, counted in 「份」. */
  what: { verb: string; noun: string; unit?: string },
  act: (scoped: Database, item: BatchItem) => Promise<T>,
): Promise<T[]> {
  return database.db.transaction(async (tx) => {
    const done: T[] = [];
    const blocked: Array<BatchBlocker & { error: AppError }> = [];
    for (const item of items) {
      try {
        // A savepoint per record: a refusal rolls back that record only, so the others can still be checked.
        done.push(await tx.transaction((savepoint) => act(asDatabase(database, savepoint), item)));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        blocked.push({ id: item.id, projectName: item.label, code: error.code, message: error.message, field: error.field, error });
      }
    }
    if (!blocked.length) return done;
    if (items.length === 1) throw blocked[0].error;
    const named = blocked.slice(0, NAMED_IN_MESSAGE).map((b) => `「${b.projectName}」${b.message}`).join('；');
    const unit = what.unit ?? '份';
    const more = blocked.length > NAMED_IN_MESSAGE ? `等 ${blocked.length} ${unit}` : '';
    throw new AppError(
      blocked[0].error.code,
      `所选 ${items.length} ${unit}${what.noun}中有 ${blocked.length} ${unit}不能${what.verb}，整批未处理：${named}${more}`,
      { details: { blocked: blocked.map(({ error: _error, ...b }) => b) } },
    );
  });
}

/** The database seen through an open transaction: a service's own `transaction` then opens a savepoint in it. */
function asDatabase(database: Database, tx: Tx): Database {
  return { ...database, db: tx as unknown as Db };
}

/** The ids of a batch once each, in the order given. */
export function distinctIds(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
