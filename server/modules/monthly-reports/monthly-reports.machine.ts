import { and, eq, lt } from 'drizzle-orm';
import { defineMachine, type EffectContext } from '../../platform/workflow/machine';
import { writeHistory, type WorkflowContext } from '../../platform/workflow/transitions';
import { monthlyReports } from './monthly-reports.tables';
import { markSnapshotsStale } from './summary-snapshots';

export const REPORT_STATUSES = ['draft', 'submitted', 'approved', 'returned', 'superseded'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** What a report transition brings: the revision it acts on. */
export interface ReportMove {
  report: { projectId: string; period: string; revision: number };
}

// Approving a correction: the earlier approved revision of the same period no longer counts.
async function supersedeEarlier({ context: { tx, actor }, divisionCode, facts: { report } }: EffectContext<ReportStatus, object, ReportMove, WorkflowContext>): Promise<void> {
  const rows = await tx
    .update(monthlyReports)
    .set({ status: 'superseded' })
    .where(
      and(
        eq(monthlyReports.divisionCode, divisionCode),
        eq(monthlyReports.projectId, report.projectId),
        eq(monthlyReports.period, report.period),
        eq(monthlyReports.status, 'approved'),
        lt(monthlyReports.revision, report.revision),
      ),
    )
    .returning({ id: monthlyReports.id });
  await writeHistory(
    tx,
    reportMachine,
    rows.map((r) => ({ divisionCode, recordId: r.id, from: 'approved', to: 'superseded', action: 'supersede', reason: `第 ${report.revision} 版审核通过`, actor })),
  );
}

// An approved report changes the figures of every kept summary its month feeds (a correction of a reopened month, say).
async function staleSummaries({ context: { tx }, divisionCode, facts: { report } }: EffectContext<ReportStatus, object, ReportMove, WorkflowContext>): Promise<void> {
  await markSnapshotsStale(tx, divisionCode, report.period, `${report.period} 月报${report.revision > 1 ? '更正' : '审核通过'}`);
}

/**
 * 月报 status: a draft is submitted, then approved or returned; a correction (更正) of an
 * approved or returned revision is a new draft revision, and approving it supersedes the
 * earlier approved one. History in `record_transitions` as `monthly_report`.
 */
export const reportMachine = defineMachine<ReportStatus, object, ReportMove, WorkflowContext>({
  kind: 'monthly_report',
  states: REPORT_STATUSES,
  labels: { draft: '草稿', submitted: '待审核', approved: '已通过', returned: '已退回', superseded: '已被更正' },
  transitions: [
    { from: null, to: 'draft', action: 'create', label: '填报', permission: 'report.fill' },
    { from: 'draft', to: 'submitted', action: 'submit', label: '提交', permission: 'report.fill', refused: '只有草稿可以提交' },
    { from: 'submitted', to: 'approved', action: 'approve', label: '审核通过', permission: 'report.review', refused: '该月报不是待审核状态', effects: [supersedeEarlier, staleSummaries] },
    { from: 'submitted', to: 'returned', action: 'return', label: '退回', permission: 'report.review', refused: '该月报不是待审核状态' },
    {
      // The correction is a new revision: `to` is the state of the new revision, the history row is the new one's.
      from: ['approved', 'returned'],
      to: 'draft',
      action: 'revise',
      label: '更正',
      permission: 'report.fill',
      refused: (from) => (from === 'draft' ? '草稿可直接修改' : from === 'submitted' ? '月报待审核中，审核后方可更正' : '只有已审核或已退回的月报可以更正'),
    },
    { from: 'approved', to: 'superseded', action: 'supersede', label: '被更正版本取代', permission: 'report.review' },
  ],
});
