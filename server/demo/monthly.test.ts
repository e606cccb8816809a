import { describe, expect, it } from 'vitest';
import { periodSpec } from '../modules/monthly-reports/periods';
import { TARGET_DEFINITIONS } from '../modules/targets/target-keys';
import { DEMO_COUNTY_CODE, generateDemoData } from './generate';
import { type DemoMonthlyReport, monthlyOfCounty, rollUpFigures } from './monthly';

const AS_OF = '2026-11-24';

describe('demo monthly cycle', () => {
  const data = generateDemoData({ seed: 1, counties: 2, asOf: AS_OF });
  const m = monthlyOfCounty(data, DEMO_COUNTY_CODE);
  const projects = new Map(data.projects.map((p) => [p.id, p]));
  const approved = m.reports.filter((r) => r.status === 'approved');
  /** Year-to-date of the approved reports of projects ≥ 500万 (what the 发改局 summary adds up). */
  const ytd = (year: number, upTo: string, sector?: string) =>
    approved
      .filter((r) => r.period >= `${year}-01` && r.period <= `${year}-${upTo}`)
      .filter((r) => Number(projects.get(r.projectId)!.totalInvestment) >= 500 && (!sector || projects.get(r.projectId)!.sector === sector))
      .reduce((a, r) => a + Number(r.investedThisPeriod), 0);

  it('is deterministic and leaves the rest of the data set alone', () => {
    expect(JSON.stringify(monthlyOfCounty(data, DEMO_COUNTY_CODE))).toBe(JSON.stringify(m));
    const again = generateDemoData({ seed: 1, counties: 2, asOf: AS_OF });
    expect(JSON.stringify(monthlyOfCounty(again, '990122'))).toBe(JSON.stringify(monthlyOfCounty(data, '990122')));
    const without = generateDemoData({ seed: 1, counties: 2, asOf: AS_OF, monthly: false });
    expect(without.monthly).toBe(false);
    expect(without.projects).toEqual(data.projects);
  });

  it('has every period of two years, past ones closed by the 发改局, the current one open', () => {
    expect(m.periods.map((p) => p.period)).toEqual([
      '2025-01', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12',
      '2026-01', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11',
    ]);
    const drcNames = new Set(data.users.filter((u) => u.divisionCode === DEMO_COUNTY_CODE && u.role === 'drc').map((u) => u.displayName));
    for (const p of m.periods) {
      const spec = periodSpec(p.period);
      expect(p).toMatchObject({ label: spec.label, deadline: spec.deadline, summaryDue: spec.summaryDue, firstMonth: spec.firstMonth, lastMonth: spec.lastMonth });
      if (p.period === '2026-11') expect(p).toMatchObject({ status: 'open', closedAt: null });
      else {
        expect(p.status).toBe('closed');
        expect(p.closedAt! < `${AS_OF}T00:00:00Z`).toBe(true);
        expect(p.closedAt!.slice(0, 10) > p.deadline).toBe(true);
        expect(drcNames.has(p.closedByName!)).toBe(true);
      }
    }
    expect(m.periods[0].label).toBe('1—2月');
  });

  it('keeps one approved revision per project and period, older approved ones superseded', () => {
    const seen = new Set<string>();
    for (const r of approved) {
      const key = `${r.projectId}|${r.period}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    const revised = m.reports.filter((r) => r.revision === 2);
    expect(revised.length).toBeGreaterThan(50);
    for (const r of revised) {
      expect(r.revisionReason).toBeTruthy();
      const first = m.reports.find((x) => x.projectId === r.projectId && x.period === r.period && x.revision === 1)!;
      expect(['superseded', 'returned']).toContain(first.status);
      expect(first.reviewedAt! < r.submittedAt!).toBe(true);
    }
    // Past periods are settled: nothing left to review.
    expect(m.reports.filter((r) => r.period < '2026-11' && (r.status === 'submitted' || r.status === 'draft'))).toEqual([]);
  });

  it('computes the cumulative figures as the platform does, never above the total', () => {
    const byProject = new Map<string, DemoMonthlyReport[]>();
    for (const r of m.reports) byProject.set(r.projectId, [...(byProject.get(r.projectId) ?? []), r]);
    for (const [id, list] of byProject) {
      const p = projects.get(id)!;
      let year = 0;
      let yearSum = 0;
      let all = 0;
      for (const r of list) {
        if (Number(r.period.slice(0, 4)) !== year) [year, yearSum] = [Number(r.period.slice(0, 4)), 0];
        if (r.status === 'draft') continue;
        const invested = Number(r.investedThisPeriod);
        expect(Number(r.yearCumulative)).toBeCloseTo(yearSum + invested, 4);
        expect(Number(r.sinceStartCumulative)).toBeCloseTo(all + invested, 4);
        expect(Number(r.sinceStartCumulative)).toBeLessThanOrEqual(Number(p.totalInvestment));
        if (r.status === 'approved') {
          yearSum += invested;
          all += invested;
        }
      }
    }
  });

  it('reports progress that never goes back without an explanation, and what each stage needs', () => {
    const last = new Map<string, number>();
    for (const r of approved) {
      if (r.stage === 'construction') {
        expect(r.progressText).toBeTruthy();
        expect(r.progressPct).not.toBeNull();
        const before = last.get(r.projectId);
        if (before !== undefined && r.progressPct! < before) expect(r.explanation).toBeTruthy();
        last.set(r.projectId, r.progressPct!);
      } else {
        expect(['preliminary', 'ready']).toContain(r.stage);
        expect(r.preliminaryProgress).toBeTruthy();
        expect(r.investedThisPeriod).toBe('0');
      }
    }
    const withProblems = m.reports.filter((r) => r.problems).length / m.reports.length;
    expect(withProblems).toBeGreaterThan(0.08);
    expect(withProblems).toBeLessThan(0.22);
    expect(m.reports.filter((r) => r.problems && !r.measures)).toEqual([]);
  });

  it('has department submitters, a different reviewer, mostly on time, and lateness rows that match', () => {
    const users = new Map(data.users.map((u) => [u.id, u]));
    const submitted = m.reports.filter((r) => r.submittedAt);
    for (const r of submitted) {
      expect(['department', 'drc']).toContain(users.get(r.submittedBy!)!.role);
      if (r.reviewedBy) expect(r.reviewedBy).not.toBe(r.submittedBy);
      if (r.reviewedAt) expect(r.reviewedAt > r.submittedAt!).toBe(true);
      expect(r.isLate).toBe(r.submittedAt!.slice(0, 10) > periodSpec(r.period).deadline);
      expect(r.submittedAt! < `${AS_OF}T00:00:00Z`).toBe(true);
    }
    const late = submitted.filter((r) => r.isLate).length / submitted.length;
    expect(late).toBeGreaterThan(0.02);
    expect(late).toBeLessThan(0.09);
    const firstSubmitted = new Map<string, DemoMonthlyReport>();
    for (const r of submitted) if (r.revision === 1) firstSubmitted.set(`${r.projectId}|${r.period}`, r);
    for (const l of m.lateness) {
      const first = firstSubmitted.get(`${l.projectId}|${l.period}`);
      if (l.kind === 'missing') expect(first).toBeUndefined();
      else expect(first!.submittedAt!.slice(0, 10) > periodSpec(l.period).deadline).toBe(true);
    }
  });

  it('leaves the current period half done: approved, submitted, drafts and not yet filed', () => {
    const current = m.reports.filter((r) => r.period === '2026-11');
    const expected = data.projects.filter((p) => p.divisionCode === DEMO_COUNTY_CODE && ['construction', 'preliminary', 'ready'].includes(p.stage)).length;
    const filed = current.filter((r) => r.status === 'approved' || r.status === 'submitted').length / expected;
    expect(filed).toBeGreaterThan(0.5);
    expect(filed).toBeLessThan(0.7);
    expect(current.some((r) => r.status === 'draft')).toBe(true);
    expect(current.length).toBeLessThan(expected);
  });

  it('grows year over year like the seed report: about +8% by 1—10月, 工业 down, 社会民生 up, weaker early months', () => {
    const growth = (upTo: string, sector?: string) => (ytd(2026, upTo, sector) / ytd(2025, upTo, sector) - 1) * 100;
    const total = growth('10');
    expect(total).toBeGreaterThan(3);
    expect(total).toBeLessThan(15);
    expect(growth('10', 'industry')).toBeLessThan(0);
    expect(growth('10', 'social')).toBeGreaterThan(total);
    expect(growth('01')).toBeLessThan(0);
    // 1—10月 of last year in the tens of 亿元 (the seed county: 262.9亿 on larger projects).
    expect(ytd(2025, '10')).toBeGreaterThan(500_000);
  });

  it('keeps 统计数 apart from 调度数 and imports last year before the platform', () => {
    const official = m.figures.filter((f) => f.kind === 'official' && f.period === '2026-10')[0];
    const platform = ytd(2026, '10');
    expect(Number(official.yearCumulative)).not.toBe(platform);
    expect(Math.abs(Number(official.yearCumulative) / platform - 1)).toBeLessThan(0.06);
    const dispatch = m.figures.filter((f) => f.kind === 'dispatch' && f.period === '2024-10');
    const total = Number(dispatch.find((f) => f.scope === 'total')!.yearCumulative);
    const sectors = dispatch.filter((f) => f.scope.startsWith('sector:')).reduce((a, f) => a + Number(f.yearCumulative), 0);
    expect(sectors).toBeCloseTo(total, 1);
    const growth2025 = (ytd(2025, '10') / total - 1) * 100;
    expect(growth2025).toBeGreaterThan(2);
    expect(growth2025).toBeLessThan(12);
    // Roll-ups for the city and the province.
    const up = rollUpFigures(data.divisions, [...m.figures, ...monthlyOfCounty(data, '990122').figures]);
    expect(up.find((f) => f.divisionCode === '990000' && f.period === '2024-10' && f.scope === 'total')).toBeTruthy();
  });

  it('plans milestones for the key projects and sets the year’s "1116" targets with allocations', () => {
    const byProject = new Map<string, number>();
    for (const x of m.milestones) byProject.set(x.projectId, (byProject.get(x.projectId) ?? 0) + 1);
    expect(byProject.size).toBeGreaterThan(80);
    for (const [id, n] of byProject) {
      const p = projects.get(id)!;
      expect(Number(p.totalInvestment) >= 10_000 || p.leaderUserId).toBeTruthy();
      expect(n).toBeGreaterThanOrEqual(4);
      expect(n).toBeLessThanOrEqual(8);
    }
    for (const x of m.milestones) if (x.actualDate) expect(x.actualDate < AS_OF).toBe(true);
    const overdue = m.milestones.filter((x) => !x.actualDate && x.plannedDate < AS_OF).length;
    expect(overdue).toBeGreaterThan(10);
    expect(overdue).toBeLessThan(m.milestones.length * 0.3);

    expect(m.targets.map((t) => t.key)).toEqual(TARGET_DEFINITIONS.map((d) => d.key));
    expect(Object.fromEntries(m.targets.map((t) => [t.key, t.value]))).toMatchObject({ reserve_new: '1000', construction_projects: '600', major_projects: '100', funds_in_place: '3000000', fai_growth: '10' });
    for (const t of m.targets) {
      if (!t.allocations.length) continue;
      expect(t.allocations.reduce((a, x) => a + Number(x.value), 0)).toBe(Number(t.value));
    }
    expect(m.targets.find((t) => t.key === 'construction_projects')!.allocations.length).toBeGreaterThan(5);
  });
});
