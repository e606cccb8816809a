import { AppError } from '../http/errors';

/**
 * Optimistic locking: an update carries the version the caller read. The repository updates
 * `WHERE … AND version = :expected` and bumps it; no row means somebody saved first.
 */
export function assertVersionMatched<T>(rows: T[]): T {
  if (rows.length === 0) throw new AppError('VERSION_CONFLICT');
  return rows[0];
}

/** Fails early when the version the caller sent is not the one loaded. */
export function assertSameVersion(current: number, expected: number): void {
  if (current !== expected) throw new AppError('VERSION_CONFLICT');
}
