import { LIBRARY_REQUEST_ACTIONS, type LibraryRequestAction } from './libraries.actions';
import { definePolicy, holds, reviewsFor, writesIn } from '../../platform/auth/policy';
import type { Actor } from '../../platform/http/context';
import { forbidden } from '../../platform/http/errors';

/** What the library-request policy reads of a request and its library. */
export interface LibraryRequestFacts {
  divisionCode: string;
  status: string;
  submittedBy: string;
  /** The unit that reviews the library's requests besides the 发改局 (e.g. 水务局 for the 水务 library). */
  libraryOwnerUnitId: string | null;
}

// The 发改局 reviews every library's requests; a library's owner unit reviews its own; nobody their own request.
const reviews = (actor: Actor, r: LibraryRequestFacts) =>
  holds(actor, 'library.review') && writesIn(actor, r.divisionCode) && reviewsFor(actor, r.libraryOwnerUnitId) && r.submittedBy !== actor.id;
const refusal = (actor: Actor, r: LibraryRequestFacts) =>
  !writesIn(actor, r.divisionCode) ? '上级部门只能查看和汇总县级项目库，不能审核' : r.submittedBy === actor.id ? '不能审核自己提交的申请' : '您不是该项目库的审核单位';

/** May this actor decide this 入库 / 调整 / 出库 request. The `when` rules are the hook for the library-request machine. */
export const libraryRequestPolicy = definePolicy<LibraryRequestFacts, LibraryRequestAction>({
  actions: LIBRARY_REQUEST_ACTIONS,
  who: { approve: reviews, return: reviews },
  when: { approve: (r) => r.status === 'pending', return: (r) => r.status === 'pending' },
  refusals: { approve: refusal, return: refusal },
});

/** Libraries are configured by their own county's 发改局: a city or province reads them. */
export function authorizeLibraryChange(actor: Actor, library: { divisionCode: string }): void {
  if (!writesIn(actor, library.divisionCode)) forbidden('上级部门只能查看和汇总县级项目库，不能修改');
}
