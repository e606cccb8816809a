/**
 * The actions the module's record policies answer, sent with every presented record as
 * `allowedActions` (the UI shows a button only for an action in the list).
 */

/** On a monthly report (or the grid row of a project not reported yet): save the draft, submit, review, correct, add a photo. */
export const REPORT_ACTIONS = ['edit', 'submit', 'approve', 'return', 'revise', 'addPhoto'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

/** On a reporting period: close it, ask to reopen it, turn its history-entry mode (补录历史数据) on or off. */
export const PERIOD_ACTIONS = ['close', 'requestReopen', 'startHistoryEntry', 'endHistoryEntry'] as const;
export type PeriodAction = (typeof PERIOD_ACTIONS)[number];

/** On a request to reopen a period. */
export const REOPEN_REQUEST_ACTIONS = ['approve', 'reject'] as const;
export type ReopenRequestAction = (typeof REOPEN_REQUEST_ACTIONS)[number];
