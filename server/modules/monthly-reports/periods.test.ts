import { describe, expect, it } from 'vitest';
import { figureStatusOf, headlinePeriod, onOrNextWorkday, periodOf, periodSpec, periodsOfYear } from './periods';

describe('reporting periods', () => {
  it('reports January and February together as 1—2月 by default', () => {
    expect(periodOf(2024, 1)).toBe('2024-01');
    expect(periodOf(2024, 2)).toBe('2024-01');
    expect(periodOf(2024, 3)).toBe('2024-03');
    expect(periodSpec('2024-02')).toMatchObject({ period: '2024-01', label: '1—2月', firstMonth: 1, lastMonth: 2, cumulativeLabel: '1—2月' });
    expect(periodsOfYear(2024)).toHaveLength(11);
    expect(periodOf(2024, 2, { deadlineDay: 20, summaryDay: 10, combineJanFeb: false })).toBe('2024-02');
  });

  it('puts the deadline on the 20th and the summary on the 10th of the next month', () => {
    // 2024-10-20 is a Sunday → Monday the 21st; 2024-11-10 is a Sunday → the 11th.
    expect(periodSpec('2024-10')).toMatchObject({ label: '10月', cumulativeLabel: '1—10月', deadline: '2024-10-21', summaryDue: '2024-11-11' });
    // 2024-03-20 is a Wednesday; 2024-04-10 a Wednesday.
    expect(periodSpec('2024-03')).toMatchObject({ deadline: '2024-03-20', summaryDue: '2024-04-10' });
    // December's summary is due in January of the next year.
    expect(periodSpec('2024-12').summaryDue).toBe('2025-01-10');
  });

  it('heads pages with the latest period whose summary is due (the 10th rule), not the open month', () => {
    // 2 December 2026: November's summary is due on 10 December, so the headline is 1—10月.
    expect(headlinePeriod('2026-12-02')).toBe('2026-10');
    // 10 December 2026 is a Thursday: November's summary is due that day.
    expect(headlinePeriod('2026-12-10')).toBe('2026-11');
    // Early January: December's summary is not due yet; the headline is last year's November.
    expect(headlinePeriod('2027-01-05')).toBe('2026-11');
    // In March the 1—2月 period (keyed 2026-01) is due on the 10th.
    expect(headlinePeriod('2026-03-09')).toBe('2025-12');
    expect(headlinePeriod('2026-03-10')).toBe('2026-01');
    expect(figureStatusOf('closed')).toBe('final');
    expect(figureStatusOf('open')).toBe('preliminary');
    expect(figureStatusOf(undefined)).toBe('preliminary');
  });

  it('moves a deadline that falls on a public holiday to the next working day, honouring 调休', () => {
    // Spring Festival 2026: 2026-02-15 … 2026-02-23 off; the 20th moves to Tuesday the 24th.
    expect(periodSpec('2026-01').deadline).toBe('2026-02-24');
    // 2025-09-28 (a Sunday) was a make-up working day before National Day.
    expect(onOrNextWorkday('2025-09-28')).toBe('2025-09-28');
    // National Day 2025: 10-01 … 10-08 off.
    expect(onOrNextWorkday('2025-10-03')).toBe('2025-10-09');
  });
});
