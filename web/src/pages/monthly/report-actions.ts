/** Which buttons a report row shows: the server's `allowedActions`, or today's role logic until it sends them. */
import type { ReportAction } from '../../../../server/modules/monthly-reports/monthly-reports.actions';
import type { GridRow } from '../../api/monthly';
import { allowedActionsOf } from '../../components/allowed-actions';

/** The role logic the page used before the API sent `allowedActions`; the server decides the same way. */
function fallbackActions(row: GridRow, isPeriodOpen: boolean): ReportAction[] {
  const status = row.report?.status ?? null;
  const actions: ReportAction[] = [];
  if (isPeriodOpen && row.canFill && (status === null || status === 'draft')) actions.push('edit', 'submit');
  if (status === 'submitted' && row.canReview) actions.push('approve', 'return');
  if ((status === 'approved' || status === 'returned') && row.canFill && isPeriodOpen) actions.push('revise');
  return actions;
}

/**
 * The actions the page offers on a row — the one place that decides them. The report's list
 * wins over the row's: a write answers with the new report (and its actions), not a new row.
 */
export function reportActions(row: GridRow, isPeriodOpen: boolean): ReadonlySet<string> {
  return allowedActionsOf([row.report, row], () => fallbackActions(row, isPeriodOpen));
}

/** Whether the row's report can be typed into. */
export function isEditableRow(row: GridRow, isPeriodOpen: boolean): boolean {
  return reportActions(row, isPeriodOpen).has('edit');
}
