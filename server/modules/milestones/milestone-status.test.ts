import { describe, expect, it } from 'vitest';
import { AT_RISK_DAYS, beijingToday, daysBetween, milestoneState, rollUpStatus } from './milestone-status';

describe('milestone status', () => {
  // 2026-05-18 01:30 in Beijing is still 2026-05-17 in UTC.
  const now = new Date('2026-05-17T17:30:00Z');
  const today = beijingToday(now);

  it('takes today in Beijing, not UTC', () => {
    expect(today).toBe('2026-05-18');
    expect(beijingToday(new Date('2026-05-17T15:59:59Z'))).toBe('2026-05-17');
  });

  it('counts whole days across month ends', () => {
    expect(daysBetween('2026-05-30', '2026-06-02')).toBe(3);
    expect(daysBetween('2026-06-02', '2026-05-30')).toBe(-3);
  });

  it('marks a reached milestone done, on time or late', () => {
    expect(milestoneState({ plannedDate: '2026-05-10', actualDate: '2026-05-10' }, today)).toEqual({
      status: 'done',
      statusLabel: '按期完成',
      isDoneLate: false,
      daysRemaining: null,
    });
    expect(milestoneState({ plannedDate: '2026-05-10', actualDate: '2026-05-12' }, today)).toMatchObject({ status: 'done', statusLabel: '逾期完成', isDoneLate: true });
    // Reached early but planned for the future: still done.
    expect(milestoneState({ plannedDate: '2026-09-01', actualDate: '2026-05-01' }, today).status).toBe('done');
  });

  it('marks an open milestone overdue the day after its planned date, with negative days', () => {
    expect(milestoneState({ plannedDate: '2026-05-17', actualDate: null }, today)).toMatchObject({ status: 'overdue', daysRemaining: -1 });
    expect(milestoneState({ plannedDate: '2026-05-18', actualDate: null }, today)).toMatchObject({ status: 'at_risk', daysRemaining: 0 });
  });

  it('turns at risk within the configured number of days', () => {
    expect(AT_RISK_DAYS).toBe(7);
    expect(milestoneState({ plannedDate: '2026-05-25', actualDate: null }, today)).toMatchObject({ status: 'at_risk', daysRemaining: 7 });
    expect(milestoneState({ plannedDate: '2026-05-26', actualDate: null }, today)).toMatchObject({ status: 'on_time', daysRemaining: 8, statusLabel: '正常推进' });
    expect(milestoneState({ plannedDate: '2026-05-26', actualDate: null }, today, 10).status).toBe('at_risk');
  });

  it('rolls a plan up to its worst status', () => {
    expect(rollUpStatus([])).toBeNull();
    expect(rollUpStatus(['done', 'done'])).toBe('done');
    expect(rollUpStatus(['done', 'on_time'])).toBe('on_time');
    expect(rollUpStatus(['on_time', 'at_risk', 'done'])).toBe('at_risk');
    expect(rollUpStatus(['at_risk', 'overdue', 'on_time'])).toBe('overdue');
  });
});
