/**
 * The actions a record policy answers for each kind of record, sent with every presented
 * record as `allowedActions` (the server's `*.policy.ts` decide them; the UI shows a button
 * only for an action in the list).
 */

/** On a project: edit, change stage, ask for 入库/调整/出库, attach files, 前期手续, milestones, monthly reports. */
export const PROJECT_ACTIONS = ['update', 'transition', 'requestLibrary', 'uploadDocument', 'updateProcedures', 'manageMilestones', 'fillReport'] as const;
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];

/** On a monthly report (or the grid row of a project not reported yet): save the draft, submit, review, correct, add a photo. */
export const REPORT_ACTIONS = ['edit', 'submit', 'approve', 'return', 'revise', 'addPhoto'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

/** On a reporting period. */
export const PERIOD_ACTIONS = ['close', 'requestReopen'] as const;
export type PeriodAction = (typeof PERIOD_ACTIONS)[number];

/** On a request to reopen a period. */
export const REOPEN_REQUEST_ACTIONS = ['approve', 'reject'] as const;
export type ReopenRequestAction = (typeof REOPEN_REQUEST_ACTIONS)[number];

/** On an 入库 / 调整 / 出库 request. */
export const LIBRARY_REQUEST_ACTIONS = ['approve', 'return'] as const;
export type LibraryRequestAction = (typeof LIBRARY_REQUEST_ACTIONS)[number];
