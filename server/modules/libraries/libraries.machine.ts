import { and, eq } from 'drizzle-orm';
import { LIBRARY_REQUEST_STATUS_LABELS, LIBRARY_REQUEST_STATUSES, type LibraryRequestStatus } from '../../../common/projects';
import { defineMachine, type EffectContext } from '../../platform/workflow/machine';
import type { WorkflowContext } from '../../platform/workflow/transitions';
import { libraryMemberships } from './libraries.tables';

/** What a library request transition acts on. */
export interface LibraryRequestMove {
  request: { divisionCode: string; libraryId: string; projectId: string; kind: string; changes: unknown };
  /** Whether the project already has a pending request for the library (asked only when submitting). */
  hasPendingRequest?: boolean;
}

// An approved request applies to the library at once: 入库 adds, 出库 removes, 调整 records the change.
async function applyRequest({ context: { tx }, facts: { request } }: EffectContext<LibraryRequestStatus, object, LibraryRequestMove, WorkflowContext>) {
  const key = and(
    eq(libraryMemberships.divisionCode, request.divisionCode),
    eq(libraryMemberships.libraryId, request.libraryId),
    eq(libraryMemberships.projectId, request.projectId),
  );
  if (request.kind === 'enter') {
    await tx.insert(libraryMemberships).values({ divisionCode: request.divisionCode, libraryId: request.libraryId, projectId: request.projectId }).onConflictDoNothing();
  } else if (request.kind === 'exit') {
    await tx.delete(libraryMemberships).where(key);
  } else {
    await tx.update(libraryMemberships).set({ note: (request.changes as string | null) ?? null }).where(key);
  }
}

const ALREADY_DECIDED = '该申请已处理，不能重复审核';

/** 入库 / 调整 / 出库 requests: submitted, then approved (applied) or returned by the library's reviewer. History as `library_request`. */
export const libraryRequestMachine = defineMachine<LibraryRequestStatus, object, LibraryRequestMove, WorkflowContext>({
  kind: 'library_request',
  states: LIBRARY_REQUEST_STATUSES,
  labels: LIBRARY_REQUEST_STATUS_LABELS,
  transitions: [
    {
      from: null,
      to: 'pending',
      action: 'submit',
      label: '提交申请',
      permission: 'library.request',
      requires: [(f) => (f.hasPendingRequest ? '该项目在此库已有待审核的申请' : null)],
    },
    { from: 'pending', to: 'approved', action: 'approve', label: '通过', permission: 'library.review', refused: ALREADY_DECIDED, effects: [applyRequest] },
    { from: 'pending', to: 'returned', action: 'return', label: '退回', permission: 'library.review', refused: ALREADY_DECIDED },
  ],
});
