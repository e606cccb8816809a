/** The 办理时限 filter of the 前期手续 list, shared by the page and the server. */
export const PROCEDURE_DUE_FILTERS = ['overdue', 'soon', 'none'] as const;
export type ProcedureDueFilter = (typeof PROCEDURE_DUE_FILTERS)[number];

/** A procedure is 临期 when its 办结时限 falls within this many days from today. */
export const PROCEDURE_SOON_DAYS = 30;

export const PROCEDURE_DUE_FILTER_LABELS: Record<ProcedureDueFilter, string> = {
  overdue: '已逾期',
  soon: `${PROCEDURE_SOON_DAYS}日内到期`,
  none: '未定时限',
};
