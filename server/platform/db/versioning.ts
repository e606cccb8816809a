import { AppError } from '../http/errors';

/**
 * Fails early when the version the caller sent is not the one loaded (optimistic locking; the
 * save itself goes through `saveRecord` and its siblings in platform/workflow/save-record.ts).
 */
export function assertSameVersion(current: number, expected: number): void {
  if (current !== expected) throw new AppError('VERSION_CONFLICT');
}
