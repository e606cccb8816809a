import { describe, expect, it } from 'vitest';
import { missingReportFields, reportFigures, submitProblems } from './monthly-report-rules';

const prior = { totalInvestment: '100', yearCumulativeBefore: '20', sinceStartBefore: '90', lastProgressPct: 50 };
const filled = { preliminaryProgress: null, progressText: '主体施工', progressPct: 60, explanation: null, investedThisPeriod: '5' };

describe('the monthly report submit rules', () => {
  it('asks each stage for its own fields', () => {
    expect(missingReportFields('preliminary', { preliminaryProgress: ' ', progressText: null, progressPct: null }).map((p) => p.field)).toEqual(['preliminaryProgress']);
    expect(missingReportFields('construction', { preliminaryProgress: null, progressText: '', progressPct: null }).map((p) => p.field)).toEqual(['progressText', 'progressPct']);
    expect(missingReportFields('construction', filled)).toEqual([]);
  });

  it('adds this month exactly to the months before', () => {
    expect(reportFigures({ investedThisPeriod: '0.1', progressPct: null }, { ...prior, yearCumulativeBefore: '0.2' })).toMatchObject({ yearCumulative: '0.3', sinceStart: '90.1', needsExplanation: false });
  });

  it('wants a written explanation beyond the total investment or when progress goes back', () => {
    expect(submitProblems('construction', filled, prior)).toEqual([]);
    expect(submitProblems('construction', { ...filled, investedThisPeriod: '10.0001' }, prior)).toEqual([
      { field: 'explanation', message: '自开工累计完成投资 100.0001 万元将超过总投资 100 万元，请填写书面说明' },
    ]);
    expect(submitProblems('construction', { ...filled, progressPct: 40 }, prior)[0]?.message).toBe('形象进度 40% 低于上期的 50%，请填写书面说明');
    expect(submitProblems('construction', { ...filled, progressPct: 40, explanation: '设计变更' }, prior)).toEqual([]);
  });

  it('reports missing fields before the explanation', () => {
    expect(submitProblems('construction', { ...filled, progressText: null, progressPct: 40 }, prior).map((p) => p.field)).toEqual(['progressText']);
  });
});
