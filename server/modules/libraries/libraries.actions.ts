/**
 * The actions the module's record policies answer, sent with every presented record as
 * `allowedActions` (the UI shows a button only for an action in the list).
 */

/** On an 入库 / 调整 / 出库 request. */
export const LIBRARY_REQUEST_ACTIONS = ['approve', 'return'] as const;
export type LibraryRequestAction = (typeof LIBRARY_REQUEST_ACTIONS)[number];
