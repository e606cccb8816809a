import { MODULES } from '../modules';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAuditEntries, verifyAuditChain } from '../platform/audit/audit.service';
import { verifyPassword } from '../platform/auth/passwords';
import { migrateDatabase, openDatabase, type Database } from '../platform/db/client';
import { divisions, orgUnits, users } from '../modules/org/org.tables';
import { DEMO_PASSWORD } from './accounts';
import { loadActor } from '../platform/auth/actor';
import { computeSummary } from '../modules/monthly-reports/summary.service';
import { generateDemoData } from './generate';
import { isDemoLoaded, loadDemoData } from './load';
import { monthlyOfCounty, rollUpFigures } from './monthly';
import { bigrams, normalizeSearch } from '../modules/projects/search';

describe('loadDemoData', () => {
  let database: Database;
  const data = generateDemoData({ seed: 3, counties: 2, asOf: '2026-11-24' });

  beforeAll(async () => {
    database = await openDatabase();
    await migrateDatabase(database);
  }, 60_000);

  afterAll(async () => {
    await database?.close();
  });

  const cycles = ['990121', '990122'].map((code) => monthlyOfCounty(data, code));
  const all = <T>(pick: (c: (typeof cycles)[number]) => T[]) => cycles.flatMap(pick);
  const monthlyCounts = {
    reportingPeriods: all((c) => c.periods).length,
    monthlyReports: all((c) => c.reports).length,
    reportFunding: all((c) => c.reports.flatMap((r) => r.funding)).length,
    reportLateness: all((c) => c.lateness).length,
    // The counties' rows and the city's and province's sums of them.
    investmentFigures: all((c) => c.figures).length + rollUpFigures(data.divisions, all((c) => c.figures)).length,
    milestones: all((c) => c.milestones).length,
    targets: all((c) => c.targets).length,
    targetAllocations: all((c) => c.targets.flatMap((t) => t.allocations)).length,
  };

  it('loads every row once, into an empty database only', async () => {
    expect(await isDemoLoaded(database)).toBe(false);
    const counts = await loadDemoData(database, data);
    expect(counts).toEqual({
      divisions: data.divisions.length,
      units: data.units.length,
      users: data.users.length,
      libraries: data.libraries.length,
      projects: data.projects.length,
      procedures: data.projects.reduce((n, p) => n + p.procedures.length, 0),
      transitions: data.projects.reduce((n, p) => n + p.transitions.length, 0),
      memberships: data.projects.reduce((n, p) => n + p.memberships.length, 0),
      libraryRequests: data.libraryRequests.length,
      ...monthlyCounts,
      // Each module's demo section reports its own rows (checked below and by the module's tests).
      moduleRows: expect.any(Object),
    });
    expect(Object.keys(counts.moduleRows).sort()).toEqual(MODULES.filter((m) => m.demo).map((m) => m.name).sort());
    expect(await isDemoLoaded(database)).toBe(true);

    const count = async (table: typeof divisions | typeof orgUnits | typeof users) =>
      (await database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0].n;
    expect(await count(divisions)).toBe(data.divisions.length);
    expect(await count(orgUnits)).toBe(data.units.length);
    expect(await count(users)).toBe(data.users.length);
    expect(data.divisions.filter((d) => d.level === 'county')).toHaveLength(2);
    const rows = async (table: string) => (await database.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0].n;
    const sum = (f: (p: (typeof data.projects)[number]) => number) => data.projects.reduce((n, p) => n + f(p), 0);
    expect(await rows('projects')).toBe(data.projects.length);
    expect(await rows('project_codes')).toBe(data.projects.filter((p) => p.code).length);
    expect(await rows('project_funding')).toBe(sum((p) => p.funding.length));
    expect(await rows('project_year_plans')).toBe(sum((p) => p.yearPlans.length));
    expect(await rows('project_procedures')).toBe(sum((p) => p.procedures.length));
    expect(await rows('stage_transitions')).toBe(sum((p) => p.transitions.length));
    expect(await rows('library_memberships')).toBe(sum((p) => p.memberships.length));
    expect(await rows('libraries')).toBe(data.libraries.length);
    expect(await rows('library_requests')).toBe(data.libraryRequests.length);
    expect(await rows('reserve_counters')).toBe(data.reserveCounters.length);
    // The cockpit's section: a township outline for each of the two counties.
    expect(counts.moduleRows.cockpit).toBe(2);
    expect(await rows('division_maps')).toBe(2);
    expect(await rows('monthly_reports')).toBe(monthlyCounts.monthlyReports);
    expect(await rows('monthly_report_funding')).toBe(monthlyCounts.reportFunding);
    expect(await rows('reporting_periods')).toBe(monthlyCounts.reportingPeriods);
    expect(await rows('report_lateness')).toBe(monthlyCounts.reportLateness);
    expect(await rows('investment_figures')).toBe(monthlyCounts.investmentFigures);
    expect(await rows('milestones')).toBe(monthlyCounts.milestones);
    expect(await rows('targets')).toBe(monthlyCounts.targets);
    expect(await rows('target_allocations')).toBe(monthlyCounts.targetAllocations);
  }, 120_000);

  it('gives the 发改局 summary non-zero totals and last year to compare with', async () => {
    const [drc] = await database.db.select().from(users).where(sql`${users.username} = 'drc'`);
    const actor = (await loadActor(database.db, drc.id, null))!;
    const summary = await computeSummary(database, actor, '2026-10');
    expect(Number(summary.totals.yearCumulative)).toBeGreaterThan(0);
    expect(Number(summary.totals.period)).toBeGreaterThan(0);
    expect(Number(summary.totals.growthPct)).toBeGreaterThan(3);
    expect(Number(summary.totals.growthPct)).toBeLessThan(15);
    expect(summary.bySector.find((s) => s.key === 'industry')!.growthPct!.startsWith('-')).toBe(true);
    expect(summary.reporting.expected).toBeGreaterThan(0);
    expect(summary.issues.length).toBeGreaterThan(0);
    expect(summary.official).not.toBeNull();
    // 2025 against the 调度数 imported for 2024.
    const lastYear = await computeSummary(database, actor, '2025-10');
    expect(Number(lastYear.totals.growthPct)).toBeGreaterThan(0);
    // The city's 调度数 for 2024 are its counties' sum.
    const [city] = await database.query<{ v: string }>(`select year_cumulative::text as v from investment_figures where division_code = '990100' and period = '2024-10' and kind = 'dispatch' and scope = 'total'`);
    const [counties] = await database.query<{ v: string }>(`select sum(year_cumulative)::text as v from investment_figures where division_code in ('990121', '990122') and period = '2024-10' and kind = 'dispatch' and scope = 'total'`);
    expect(Number(city.v)).toBeCloseTo(Number(counties.v), 4);
  }, 60_000);

  it('stores a hash that verifies the demo password, and no forced change', async () => {
    const [drc] = await database.db.select().from(users).where(sql`${users.username} = 'drc'`);
    expect(drc.mustChangePassword).toBe(false);
    expect(await verifyPassword(drc.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(drc.passwordHash, 'wrong')).toBe(false);
    const [other] = await database.db.select().from(users).where(sql`${users.username} = '990122_owner'`);
    expect(other.passwordHash).toBe(drc.passwordHash);
  });

  it('stores projects as the service would: searchable by name, typed columns intact', async () => {
    const sample = data.projects.find((p) => p.code && p.tags.length && p.funding.some((f) => f.source !== 'foreign'))!;
    const [row] = await database.query<{
      search_text: string;
      search_grams: string[];
      tags: string[];
      total_investment: string;
      created_at: Date;
      actual_start: string | null;
    }>(`select search_text, search_grams, tags, total_investment::text, created_at, actual_start::text from projects where id = $1`, [sample.id]);
    expect(row.search_text).toBe(sample.searchText);
    expect(row.search_grams).toEqual(bigrams(sample.searchText));
    expect(row.tags).toEqual(sample.tags);
    expect(Number(row.total_investment)).toBe(Number(sample.totalInvestment));
    expect(new Date(row.created_at).toISOString()).toBe(sample.createdAt);
    expect(row.actual_start).toBe(sample.actualStart);

    // A substring search narrows through the bigram index, as the project list does.
    const needle = normalizeSearch(Array.from(sample.name).slice(2, 6).join(''));
    const grams = bigrams(needle);
    const found = await database.query<{ id: string }>(
      `select id from projects where search_grams @> $1::text[] and search_text like '%' || $2 || '%'`,
      [grams, needle],
    );
    expect(found.map((r) => r.id)).toContain(sample.id);

    // The next 储备编号 the service issues does not collide.
    const [counter] = await database.query<{ last: number }>(
      `select last from reserve_counters where division_code = '990121' and year = 2026`,
    );
    const taken = await database.query<{ n: number }>(
      `select count(*)::int as n from projects where division_code = '990121' and reserve_no = $1`,
      [`CB-2026-990121-${String(counter.last + 1).padStart(4, '0')}`],
    );
    expect(taken[0].n).toBe(0);
  });

  it('records one intact audit entry per division with units or users', async () => {
    expect(await countAuditEntries(database.db)).toBe(data.divisions.length);
    const rows = await database.query<{ division_code: string; summary: string }>(
      `select division_code, summary from audit_log where division_code = '990121'`,
    );
    const units = data.units.filter((u) => u.divisionCode === '990121').length;
    const people = data.users.filter((u) => u.divisionCode === '990121').length;
    const projectCount = data.projects.filter((p) => p.divisionCode === '990121').length;
    const reports = cycles[0].reports.length;
    expect(rows).toEqual([{ division_code: '990121', summary: `载入演示数据：${units} 个单位，${people} 个用户，${projectCount} 个项目，${reports} 份月报` }]);
    expect((await verifyAuditChain(database)).problems).toEqual([]);
  });
});
