/**
 * The actions the module's record policies answer, sent with every presented record as
 * `allowedActions` (the UI shows a button only for an action in the list).
 */

/** On a project: edit, change stage, ask for 入库/调整/出库, attach files, 前期手续, milestones, monthly reports. */
export const PROJECT_ACTIONS = ['update', 'transition', 'requestLibrary', 'uploadDocument', 'updateProcedures', 'manageMilestones', 'fillReport'] as const;
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];
