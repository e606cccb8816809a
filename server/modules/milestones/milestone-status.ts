import { beijingToday } from '../../../common/format';

/**
 * Milestone status (挂图作战): computed from the planned and actual dates and today's date
 * in Beijing, never stored, so a plan turns red by itself when its day passes.
 */

/** A milestone with no actual date turns 临期 (at risk) this many days before its planned date. */
export const AT_RISK_DAYS = 7;

export const MILESTONE_STATUSES = ['overdue', 'at_risk', 'on_time', 'done'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** Worst first: the roll-up of a project is the first of these any of its milestones has. */
const SEVERITY: Record<MilestoneStatus, number> = { overdue: 3, at_risk: 2, on_time: 1, done: 0 };

export const MILESTONE_STATUS_LABELS: Record<MilestoneStatus, string> = {
  overdue: '已逾期',
  at_risk: '临期',
  on_time: '正常推进',
  done: '已完成',
};

export interface MilestoneDates {
  plannedDate: string;
  actualDate: string | null;
}

export interface MilestoneState {
  status: MilestoneStatus;
  /** 按期完成 / 逾期完成 / 已逾期 / 临期 / 正常推进. */
  statusLabel: string;
  /** Whether a reached milestone was reached after its planned date (null while open). */
  isDoneLate: boolean | null;
  /** Days from today to the planned date; negative when overdue, null once done. */
  daysRemaining: number | null;
}

const MS_PER_DAY = 86_400_000;

/** Today's calendar date in Beijing, as YYYY-MM-DD (defined once, in common/format). */
export { beijingToday };

/** Whole days from one YYYY-MM-DD date to another (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The status of one milestone on a given day (`today` in Beijing, YYYY-MM-DD). */
export function milestoneState(m: MilestoneDates, today: string, atRiskDays = AT_RISK_DAYS): MilestoneState {
  if (m.actualDate) {
    const isDoneLate = m.actualDate > m.plannedDate;
    return { status: 'done', statusLabel: isDoneLate ? '逾期完成' : '按期完成', isDoneLate, daysRemaining: null };
  }
  const daysRemaining = daysBetween(today, m.plannedDate);
  if (daysRemaining < 0) return { status: 'overdue', statusLabel: MILESTONE_STATUS_LABELS.overdue, isDoneLate: null, daysRemaining };
  if (daysRemaining <= atRiskDays) return { status: 'at_risk', statusLabel: MILESTONE_STATUS_LABELS.at_risk, isDoneLate: null, daysRemaining };
  return { status: 'on_time', statusLabel: MILESTONE_STATUS_LABELS.on_time, isDoneLate: null, daysRemaining };
}

/** The roll-up of several milestones: the worst status among them (null when there are none). */
export function rollUpStatus(statuses: MilestoneStatus[]): MilestoneStatus | null {
  if (!statuses.length) return null;
  return statuses.reduce((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst));
}
