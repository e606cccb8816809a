import {
  PERIOD_ACTIONS,
  REOPEN_REQUEST_ACTIONS,
  REPORT_ACTIONS,
  type PeriodAction,
  type ReopenRequestAction,
  type ReportAction,
} from './monthly-reports.actions';
import { definePolicy, holds, isCountyDivision, reviewsFor, writesIn } from '../../platform/auth/policy';
import type { Actor } from '../../platform/http/context';
import { reportMachine } from './monthly-reports.machine';

/** What the monthly-report policy reads of a report (or of the row of a project not reported yet). */
export interface ReportFacts {
  divisionCode: string;
  /** null while the project has no report for the period yet. */
  status: string | null;
  submittedBy: string | null;
  /** Whether this is the latest revision of the project's period. */
  isLatest: boolean;
  isPeriodOpen: boolean;
  /** The project's 主管部门, which reviews its reports besides the 发改局. */
  departmentId: string | null;
}


const fills = (actor: Actor, r: ReportFacts) => holds(actor, 'report.fill') && writesIn(actor, r.divisionCode);
const reviews = (actor: Actor, r: ReportFacts) =>
  holds(actor, 'report.review') && writesIn(actor, r.divisionCode) && reviewsFor(actor, r.departmentId) && r.submittedBy !== actor.id;
const reviewRefusal = (actor: Actor, r: ReportFacts) =>
  !writesIn(actor, r.divisionCode)
    ? '上级部门只能查看和汇总县级月报，不能审核'
    : r.submittedBy === actor.id
      ? '不能审核自己提交的月报'
      : '只有项目主管部门或发改局可以审核该月报';
const fillRefusal = () => '上级部门只能查看和汇总县级月报，不能填报';

const isDraft = (r: ReportFacts) => r.status === null || r.status === 'draft';
/** Whether the report status machine has the move from the report's state (its permission is the policy's `who`). */
const machineOffers = (action: string) => (r: ReportFacts) =>
  r.status !== null && reportMachine.isState(r.status) && reportMachine.from(r.status).some((t) => t.action === action);

/** The report states in which each action applies: the status machine's moves, an open period, the latest revision. */
export const REPORT_STATE_RULES: Record<ReportAction, (r: ReportFacts) => boolean> = {
  edit: (r) => r.isPeriodOpen && isDraft(r),
  // A row without a report yet is submitted by saving its draft first.
  submit: (r) => r.isPeriodOpen && (r.status === null || machineOffers('submit')(r)),
  approve: machineOffers('approve'),
  return: machineOffers('return'),
  revise: (r) => r.isPeriodOpen && r.isLatest && machineOffers('revise')(r),
  addPhoto: (r) => r.status === 'draft',
};

/** May this actor do X to this monthly report. */
export const reportPolicy = definePolicy<ReportFacts, ReportAction>({
  actions: REPORT_ACTIONS,
  who: { edit: fills, submit: fills, approve: reviews, return: reviews, revise: fills, addPhoto: fills },
  when: REPORT_STATE_RULES,
  refusals: { edit: fillRefusal, submit: fillRefusal, approve: reviewRefusal, return: reviewRefusal, revise: fillRefusal, addPhoto: fillRefusal },
});

/** The unit an analysis report is issued (落款) by when the caller runs a division's monthly cycle (the 发改局), else null. */
export function issuesReportsAs(actor: Actor): string | null {
  return holds(actor, 'period.manage') && actor.unitName ? actor.unitName : null;
}

/** What the period policy reads of a reporting period. */
export interface PeriodFacts {
  divisionCode: string;
  /** 'open', 'closed' or 'future'. */
  status: string;
  /** Whether the period is in history-entry mode (补录历史数据). */
  historyEntry?: boolean;
  /** Whether the period has ended (before the current one): only a past period is back-entered. */
  isPast?: boolean;
}


// Periods live in counties and are run by the county's own users: a city or province only reads them.
const runsPeriodsOf = (actor: Actor, divisionCode: string) => writesIn(actor, divisionCode) && isCountyDivision(divisionCode);
const periodRefusal = () => '报送期由县级发改局管理，上级部门只能查看和汇总';

/** May this actor do X to this reporting period. */
export const periodPolicy = definePolicy<PeriodFacts, PeriodAction>({
  actions: PERIOD_ACTIONS,
  who: {
    close: (actor, p) => holds(actor, 'period.manage') && runsPeriodsOf(actor, p.divisionCode),
    requestReopen: (actor, p) => holds(actor, 'report.fill') && runsPeriodsOf(actor, p.divisionCode),
    startHistoryEntry: (actor, p) => holds(actor, 'period.manage') && runsPeriodsOf(actor, p.divisionCode),
    endHistoryEntry: (actor, p) => holds(actor, 'period.manage') && runsPeriodsOf(actor, p.divisionCode),
  },
  // The hook for the workflow kit: the period machine's `allowedTransitions` will answer these.
  when: {
    close: (p) => p.status === 'open',
    requestReopen: (p) => p.status === 'closed',
    // Back-entry is for a past period still open for entry; the current and later periods report as usual.
    startHistoryEntry: (p) => p.status === 'open' && p.isPast === true && !p.historyEntry,
    endHistoryEntry: (p) => p.historyEntry === true,
  },
  refusals: { close: periodRefusal, requestReopen: periodRefusal, startHistoryEntry: periodRefusal, endHistoryEntry: periodRefusal },
});

/** What the policy reads of a request to reopen a period. */
export interface ReopenRequestFacts {
  divisionCode: string;
  status: string;
  requestedBy: string;
  /** Who decides, fixed when requested by the 重开审批人 rule: 'unit', 'leader', 'city' or 'province'. */
  approverKind: string;
  /** The city or province whose 发改局 decides ('city' / 'province'). */
  approverDivisionCode: string | null;
  /** Who will approve, as the requester was told. */
  approverLabel: string | null;
}

// The approver the request was routed to: another 发改局 user of the county, a leader account of
// the county, or a 发改局 user of the city / province it went up to. Never the requester.
const isRoutedTo = (actor: Actor, r: ReopenRequestFacts) => {
  if (!holds(actor, 'period.reopen.decide')) return false;
  // The leader account: it may decide reopen requests without running periods (县级领导).
  if (r.approverKind === 'leader') return !holds(actor, 'period.manage') && writesIn(actor, r.divisionCode);
  if (r.approverKind === 'city' || r.approverKind === 'province') return holds(actor, 'period.manage') && r.approverDivisionCode !== null && writesIn(actor, r.approverDivisionCode);
  return holds(actor, 'period.manage') && runsPeriodsOf(actor, r.divisionCode);
};
const decides = (actor: Actor, r: ReopenRequestFacts) => r.requestedBy !== actor.id && isRoutedTo(actor, r);
const decideRefusal = (actor: Actor, r: ReopenRequestFacts) =>
  r.requestedBy === actor.id ? '不能审批自己提交的申请' : r.approverLabel ? `该申请由${r.approverLabel}审批` : periodRefusal();

/** May this actor decide this reopen request. */
export const reopenRequestPolicy = definePolicy<ReopenRequestFacts, ReopenRequestAction>({
  actions: REOPEN_REQUEST_ACTIONS,
  who: { approve: decides, reject: decides },
  when: { approve: (r) => r.status === 'pending', reject: (r) => r.status === 'pending' },
  refusals: { approve: decideRefusal, reject: decideRefusal },
});
