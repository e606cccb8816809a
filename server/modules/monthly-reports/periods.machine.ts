import { and, eq } from 'drizzle-orm';
import { defineMachine, type EffectContext } from '../../platform/workflow/machine';
import { transitionRecord, type WorkflowContext } from '../../platform/workflow/transitions';
import { reportingPeriods } from './monthly-reports.tables';
import { markSnapshotsStale } from './summary-snapshots';

export type PeriodStatus = 'open' | 'closed';

/** What the period checks read: its label, for the messages. */
export interface PeriodFacts {
  label: string;
}

/** What closing brings: how many reports still wait for review. */
export interface PeriodMove {
  pendingReports?: number;
}

// A reopened period's published summaries are stale, and so is every summary its month feeds.
async function dropStaleSummaries({ context: { tx }, divisionCode, recordId }: EffectContext<PeriodStatus, PeriodFacts, PeriodMove, WorkflowContext>) {
  await markSnapshotsStale(tx, divisionCode, recordId, `${recordId} 报送期重开`);
}

/** 报送期: open until the 发改局 closes (freezes) it; reopened only by an approved request. History as `period`. */
export const periodMachine = defineMachine<PeriodStatus, PeriodFacts, PeriodMove, WorkflowContext>({
  kind: 'period',
  states: ['open', 'closed'],
  labels: { open: '开放', closed: '已关闭' },
  transitions: [
    {
      from: 'open',
      to: 'closed',
      action: 'close',
      label: '关闭',
      permission: 'period.manage',
      refused: (_from, f) => `${f.label}报送期已关闭`,
      requires: [(f) => (f.pendingReports ? `还有 ${f.pendingReports} 份月报待审核，审核完毕后再关闭报送期` : null)],
    },
    // Taken by whoever approves the reopen request (the division's 重开审批人 rule), as its effect.
    { from: 'closed', to: 'open', action: 'reopen', label: '重开', permission: 'period.reopen.decide', refused: (_from, f) => `${f.label}报送期未关闭`, effects: [dropStaleSummaries] },
  ],
});

export type ReopenRequestStatus = 'pending' | 'approved' | 'rejected';

/** What a reopen request's checks and effects read: the period it is about. */
export interface ReopenMove {
  period: { period: string; label: string; status: string };
  /** Whether the period already has a pending request (asked only when requesting). */
  hasPendingRequest?: boolean;
}

// An approved request reopens its period, as a transition of the period itself.
async function reopenPeriod({ context, divisionCode, facts: { period }, recordId }: EffectContext<ReopenRequestStatus, object, ReopenMove, WorkflowContext>) {
  if (period.status !== 'closed') return;
  await transitionRecord(context.tx, periodMachine, {
    actor: context.actor,
    table: reportingPeriods,
    stateColumn: reportingPeriods.status,
    record: { divisionCode, id: period.period, state: 'closed' },
    where: and(eq(reportingPeriods.divisionCode, divisionCode), eq(reportingPeriods.period, period.period)),
    move: { action: 'reopen' },
    facts: { label: period.label },
    reason: `重开申请 ${recordId} 获批`,
    set: { closedAt: null, closedByName: null },
    audit: () => null,
    present: () => undefined,
  });
}

/**
 * 重开申请: requested by a filler for a closed period, approved (reopening it) or rejected by the
 * approver the division's 重开审批人 rule names (another 发改局 user, a leader account, or the
 * city's 发改局). History as `period_reopen_request`.
 */
export const reopenRequestMachine = defineMachine<ReopenRequestStatus, object, ReopenMove, WorkflowContext>({
  kind: 'period_reopen_request',
  states: ['pending', 'approved', 'rejected'],
  labels: { pending: '待审批', approved: '已同意', rejected: '已驳回' },
  transitions: [
    {
      from: null,
      to: 'pending',
      action: 'request',
      label: '申请重开',
      permission: 'report.fill',
      requires: [
        (f) => (f.period.status !== 'closed' ? `${f.period.label}报送期未关闭，无需申请重开` : null),
        (f) => (f.period.status === 'closed' && f.hasPendingRequest ? '该报送期已有待审批的重开申请' : null),
      ],
    },
    { from: 'pending', to: 'approved', action: 'approve', label: '同意重开', permission: 'period.reopen.decide', refused: '该申请已处理', effects: [reopenPeriod] },
    { from: 'pending', to: 'rejected', action: 'reject', label: '驳回', permission: 'period.reopen.decide', refused: '该申请已处理' },
  ],
});
