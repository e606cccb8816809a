import Decimal from 'decimal.js';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { bandLabel, INVESTMENT_BANDS, SECTOR_LABELS, type Sector } from '../../../common/projects';
import type { LaggingProject, MonthlySummary, SummaryBreakdownRow, SummaryFigure, SummaryProjectRef } from '../../../common/summary';
import { canReachDivision, divisionChain, regionCondition } from '../../platform/auth/scope';
import { rowsOf, type Database, type DbOrTx } from '../../platform/db/client';
import type { Actor } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import { libraries, libraryMemberships } from '../libraries';
import { divisions, orgUnits } from '../org';
import { projectScope } from '../projects';
import { plainWan } from '../projects';
import { projects, projectYearPlans } from '../projects';
import { getRules } from '../../platform/rules/rules.service';
import { bandMinimums, investmentThresholds } from '../projects';
import { cycleSettings, REPORTING_STAGES } from './monthly-reports.service';
import { investmentFigures, monthlyReports, reportingPeriods, summarySnapshots } from './monthly-reports.tables';
import { periodSpec, samePeriodLastYear } from './periods';

/** Growth in % with one decimal, or null when last year's figure is zero or unknown. */
export function growthPct(current: string, lastYear: string | null): string | null {
  if (lastYear === null) return null;
  const base = new Decimal(lastYear);
  if (base.isZero()) return null;
  return new Decimal(current).minus(base).div(base).times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1);
}

const monthEnd = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

interface GroupRow {
  dim: 'total' | 'sector' | 'department' | 'township' | 'band' | 'library';
  key: string | null;
  label: string | null;
  projects: number;
  period_amount: string;
  ytd: string;
  ly: string;
  has_ly: boolean;
}

interface ListRow {
  id: string;
  name: string;
  department_name: string | null;
  township_name: string | null;
  total_investment: string;
  stage: string;
  actual_start: string | null;
  actual_completion: string | null;
  planned_start: string | null;
  ytd: string;
  year_plan: string | null;
  recent_amount: string;
}

/**
 * The 发改局's monthly summary: year-to-date completed investment of projects of at least the
 * division's 统计起点 (500万元 by default; the thresholds used travel with the summary)
 * from the approved report of each project and period (a newer approved revision
 * supersedes the older), compared with the same period last year, broken down every way
 * the report needs, with starts, completions, lagging projects and the problems reported.
 * The figures are aggregated in the database in one statement; only the projects that are
 * listed by name travel back. `divisionCode` may be a city or province code for a roll-up.
 */
export async function computeSummary(database: Database, actor: Actor, periodInput: string, divisionCode = actor.divisionCode): Promise<MonthlySummary> {
  const { db } = database;
  if (!canReachDivision(actor, divisionCode)) {
    throw new AppError('NOT_FOUND', '行政区划不在您的数据范围内');
  }
  const [division] = await db.select().from(divisions).where(eq(divisions.code, divisionCode));
  if (!division) throw new AppError('NOT_FOUND', '行政区划不存在');
  const settings = await cycleSettings(db, division.level === 'county' ? divisionCode : actor.divisionCode);
  const spec = periodSpec(periodInput, settings);
  const year = spec.year;
  const lastYearPeriod = samePeriodLastYear(spec.period);
  const periodStart = `${year}-${String(spec.firstMonth).padStart(2, '0')}-01`;
  const periodEnd = monthEnd(year, spec.lastMonth);
  const idleFrom = (() => {
    const d = new Date(Date.UTC(year, spec.lastMonth - settings.idleMonths, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  })();
  const scope = projectScope(actor) ?? sql`true`;
  const inDivision = regionCondition(projects.divisionCode, divisionCode);
  const reportsIn = regionCondition(sql`division_code`, divisionCode);
  const planShare = new Decimal(spec.lastMonth).div(12).times(1 - settings.lagMarginPct / 100).toFixed(6);
  // Only projects of at least the division's 统计起点 (500万元 by default) count toward fixed-asset investment.
  const thresholds = await getRules(db, divisionCode, investmentThresholds);
  const minimums = bandMinimums(thresholds);
  const bands = [...INVESTMENT_BANDS].reverse();
  const bandCase = sql`case ${sql.join(
    bands.map((b) => sql`when total_investment >= ${minimums[b.key]}::numeric then ${b.key}`),
    sql` `,
  )} end`;

  const [result] = rowsOf<{ groups: GroupRow[] | null; lists: ListRow[] | null; reporting: { expected: number; submitted: number; approved: number; late: number } }>(
    await db.execute(sql`
      with ty as (
        select division_code, project_id,
          sum(invested_this_period) filter (where period = ${spec.period}) as period_amount,
          sum(invested_this_period) as ytd,
          sum(invested_this_period) filter (where period >= ${idleFrom}) as recent_amount
        from ${monthlyReports}
        where ${reportsIn} and status = 'approved' and period between ${`${year}-01`} and ${spec.period}
        group by division_code, project_id
      ), ly as (
        select division_code, project_id, sum(invested_this_period) as ytd
        from ${monthlyReports}
        where ${reportsIn} and status = 'approved' and period between ${`${year - 1}-01`} and ${lastYearPeriod}
        group by division_code, project_id
      ), b as materialized (
        select ${projects.divisionCode} as division_code, ${projects.id} as id, ${projects.name} as name, ${projects.sector} as sector,
          ${projects.departmentId} as department_id, ${projects.townshipId} as township_id, ${projects.totalInvestment} as total_investment,
          ${projects.stage} as stage, ${projects.actualStart} as actual_start, ${projects.actualCompletion} as actual_completion,
          ${projects.plannedStart} as planned_start,
          coalesce(ty.period_amount, 0) as period_amount, coalesce(ty.ytd, 0) as ytd, coalesce(ly.ytd, 0) as ly,
          coalesce(ty.recent_amount, 0) as recent_amount, yp.planned as year_plan
        from ${projects}
        left join ty on ty.division_code = ${projects.divisionCode} and ty.project_id = ${projects.id}
        left join ly on ly.division_code = ${projects.divisionCode} and ly.project_id = ${projects.id}
        left join ${projectYearPlans} yp on yp.division_code = ${projects.divisionCode} and yp.project_id = ${projects.id} and yp.year = ${year}
        where ${inDivision} and ${scope} and ${projects.totalInvestment} >= ${thresholds.countedMinWan}
      ), counted as (
        select * from b where ytd > 0 or ly > 0
      ), grouped as (
        select
          case when grouping(sector) = 0 then 'sector' when grouping(department_id) = 0 then 'department'
               when grouping(township_id) = 0 then 'township' when grouping(band) = 0 then 'band' else 'total' end as dim,
          coalesce(sector, department_id::text, township_id::text, band) as key,
          count(*) filter (where ytd > 0)::int as projects,
          sum(period_amount)::text as period_amount, sum(ytd)::text as ytd, sum(ly)::text as ly, bool_or(ly > 0) as has_ly
        from (select c.*, ${bandCase} as band from counted c) x
        group by grouping sets ((), (sector), (department_id), (township_id), (band))
      ), libs as (
        select 'library' as dim, l.id::text as key, l.name as label, count(*) filter (where c.ytd > 0)::int as projects,
          sum(c.period_amount)::text as period_amount, sum(c.ytd)::text as ytd, sum(c.ly)::text as ly, bool_or(c.ly > 0) as has_ly
        from counted c
        join ${libraryMemberships} m on m.division_code = c.division_code and m.project_id = c.id
        join ${libraries} l on l.division_code = m.division_code and l.id = m.library_id
        group by l.id, l.name
      ), listed as (
        select b.*, d.name as department_name, t.name as township_name from b
        left join ${orgUnits} d on d.division_code = b.division_code and d.id = b.department_id
        left join ${orgUnits} t on t.division_code = b.division_code and t.id = b.township_id
        where (b.actual_start between ${periodStart} and ${periodEnd})
           or (b.actual_completion between ${periodStart} and ${periodEnd})
           or (b.stage = 'construction' and b.year_plan > 0 and b.ytd < b.year_plan * ${planShare}::numeric)
           or (b.stage = 'construction' and b.actual_start < ${`${idleFrom}-01`} and b.recent_amount = 0)
           or (b.stage in ('planning', 'reserve', 'preliminary', 'ready') and b.planned_start <= ${periodEnd})
      ), latest as (
        select distinct on (division_code, project_id) division_code, project_id, status, is_late
        from ${monthlyReports}
        where ${reportsIn} and period = ${spec.period} and status <> 'superseded'
        order by division_code, project_id, revision desc
      )
      select
        (select json_agg(g) from (
          select g.dim, g.key, coalesce(u.name, g.key) as label, g.projects, g.period_amount, g.ytd, g.ly, g.has_ly from grouped g
          left join ${orgUnits} u on g.dim in ('department', 'township') and u.id::text = g.key
          union all select * from libs) g) as groups,
        (select json_agg(json_build_object('id', id, 'name', name, 'department_name', department_name, 'township_name', township_name,
          'total_investment', total_investment::text, 'stage', stage, 'actual_start', actual_start::text, 'actual_completion', actual_completion::text,
          'planned_start', planned_start::text, 'ytd', ytd::text, 'year_plan', year_plan::text, 'recent_amount', recent_amount::text)) from listed) as lists,
        (select json_build_object(
          'expected', count(*)::int,
          'submitted', count(*) filter (where r.status in ('submitted', 'approved'))::int,
          'approved', count(*) filter (where r.status = 'approved')::int,
          'late', count(*) filter (where r.is_late)::int)
         from ${projects}
         left join latest r on r.division_code = ${projects.divisionCode} and r.project_id = ${projects.id}
         where ${inDivision} and ${scope} and ${projects.stage} in (${sql.join(REPORTING_STAGES.map((st) => sql`${st}`), sql`, `)})) as reporting`),
  );
  const groups = result.groups ?? [];
  const lists = result.lists ?? [];

  // Last year's figures imported for the divisions that had no platform yet (调度数 history).
  const importedRows = await db
    .select()
    .from(investmentFigures)
    .where(and(eq(investmentFigures.divisionCode, divisionCode), eq(investmentFigures.period, lastYearPeriod), eq(investmentFigures.kind, 'dispatch')));
  const imported = new Map(importedRows.map((r) => [r.scope, plainWan(r.yearCumulative)]));

  const figure = (g: GroupRow | undefined, lastYearOverride?: string): SummaryFigure => {
    const ytd = g?.ytd ?? '0';
    const ly = lastYearOverride ?? (g?.has_ly ? g.ly : null);
    return {
      period: plainWan(g?.period_amount ?? '0'),
      yearCumulative: plainWan(ytd),
      lastYearCumulative: ly === null ? null : plainWan(ly),
      growthPct: ly === null ? null : growthPct(ytd, ly),
      projects: g?.projects ?? 0,
    };
  };
  const rowsOfDim = (dim: GroupRow['dim'], labelOf: (g: GroupRow) => string, overrides?: (key: string) => string | undefined): SummaryBreakdownRow[] =>
    groups
      .filter((g) => g.dim === dim)
      .map((g) => ({ key: g.key ?? '-', label: g.key === null ? '未指定' : labelOf(g), ...figure(g, g.key ? overrides?.(g.key) : undefined) }))
      .sort((a, b) => new Decimal(b.yearCumulative).comparedTo(a.yearCumulative));

  const ref = (f: ListRow, date: string | null): SummaryProjectRef => ({
    id: f.id,
    name: f.name,
    departmentName: f.department_name,
    townshipName: f.township_name,
    totalInvestment: plainWan(f.total_investment),
    date,
  });
  const started = lists.filter((f) => f.actual_start && f.actual_start >= periodStart && f.actual_start <= periodEnd).map((f) => ref(f, f.actual_start));
  const completed = lists.filter((f) => f.actual_completion && f.actual_completion >= periodStart && f.actual_completion <= periodEnd).map((f) => ref(f, f.actual_completion));
  const startsByDay = new Map<string, SummaryProjectRef[]>();
  for (const st of started) startsByDay.set(st.date!, [...(startsByDay.get(st.date!) ?? []), st]);

  const lagging: LaggingProject[] = [];
  for (const f of lists) {
    if (f.stage === 'construction') {
      if (f.year_plan && new Decimal(f.year_plan).gt(0) && new Decimal(f.ytd).lt(new Decimal(f.year_plan).times(planShare))) {
        const pct = new Decimal(f.ytd).div(f.year_plan).times(100).toDecimalPlaces(1).toFixed(1);
        lagging.push({ ...ref(f, null), reason: 'behind_plan', detail: `本年累计完成 ${plainWan(f.ytd)} 万元，仅为年度计划 ${plainWan(f.year_plan)} 万元的 ${pct}%` });
      } else if (f.actual_start !== null && f.actual_start < `${idleFrom}-01` && new Decimal(f.recent_amount).isZero()) {
        lagging.push({ ...ref(f, null), reason: 'idle', detail: `连续 ${settings.idleMonths} 个月未完成投资` });
      }
    } else if (['planning', 'reserve', 'preliminary', 'ready'].includes(f.stage) && f.planned_start && f.planned_start <= periodEnd) {
      lagging.push({ ...ref(f, f.planned_start), reason: 'start_overdue', detail: `计划 ${f.planned_start} 开工，至今未开工` });
    }
  }

  const issues = rowsOf<{ project_id: string; project_name: string; department_name: string | null; problems: string; measures: string | null }>(
    await db.execute(sql`
      select r.project_id, ${projects.name} as project_name, d.name as department_name, r.problems, r.measures
      from ${monthlyReports} r
      join ${projects} on ${projects.divisionCode} = r.division_code and ${projects.id} = r.project_id
      left join ${orgUnits} d on d.division_code = ${projects.divisionCode} and d.id = ${projects.departmentId}
      where ${regionCondition(sql`r.division_code`, divisionCode)} and ${scope} and r.period = ${spec.period}
        and r.status = 'approved' and coalesce(r.problems, '') <> ''
      order by d.name nulls last, ${projects.name} limit 200`),
  );

  const officialRows = await db
    .select()
    .from(investmentFigures)
    .where(and(eq(investmentFigures.divisionCode, divisionCode), eq(investmentFigures.kind, 'official'), eq(investmentFigures.scope, 'total')));
  const official = officialRows.find((r) => r.period === spec.period);
  const officialLastYear = officialRows.find((r) => r.period === lastYearPeriod);
  const reporting = result.reporting;

  return {
    divisionCode,
    divisionName: division.name,
    period: spec.period,
    periodLabel: spec.label,
    cumulativeLabel: spec.cumulativeLabel,
    year,
    generatedAt: new Date().toISOString(),
    thresholds: { countedMinWan: thresholds.countedMinWan, majorMinWan: thresholds.majorMinWan, largeMinWan: thresholds.largeMinWan },
    totals: figure(groups.find((g) => g.dim === 'total'), imported.get('total')),
    bySector: rowsOfDim('sector', (g) => SECTOR_LABELS[g.key as Sector] ?? g.key!, (key) => imported.get(`sector:${key}`)),
    byDepartment: rowsOfDim('department', (g) => g.label ?? '未指定'),
    byTownship: rowsOfDim('township', (g) => g.label ?? '未指定'),
    byLibrary: rowsOfDim('library', (g) => g.label ?? g.key!),
    byBand: rowsOfDim('band', (g) => bandLabel(g.key!, thresholds)),
    startedThisPeriod: started,
    completedThisPeriod: completed,
    concentratedStarts: [...startsByDay.entries()].filter(([, list]) => list.length >= 3).map(([date, list]) => ({ date, count: list.length, projects: list })),
    lagging,
    issues: issues.map((i) => ({ projectId: i.project_id, projectName: i.project_name, departmentName: i.department_name, problems: i.problems, measures: i.measures })),
    reporting: { ...reporting, missing: reporting.expected - reporting.submitted },
    official: official
      ? { yearCumulative: plainWan(official.yearCumulative), growthPct: officialLastYear ? growthPct(official.yearCumulative, officialLastYear.yearCumulative) : null }
      : null,
  };
}


/** What separates one caller's view of a summary from another's: division-wide scopes share one. */
function scopeKeyOf(actor: Actor): string {
  return actor.dataScope === 'division' || actor.dataScope === 'all' ? 'region' : `${actor.dataScope}:${actor.unitId ?? '-'}`;
}

/**
 * The summary as the pages, documents and cockpit read it. Once every county it covers has
 * closed the period, the period is frozen: the summary is computed once, kept, and served
 * from the snapshot until a county's period is reopened.
 */
export async function getSummary(database: Database, actor: Actor, periodInput: string, divisionCode = actor.divisionCode): Promise<MonthlySummary> {
  const { db } = database;
  const period = periodSpec(periodInput, await cycleSettings(db, actor.divisionCode)).period;
  const scopeKey = scopeKeyOf(actor);
  const [snapshot] = await db
    .select({ summary: summarySnapshots.summary })
    .from(summarySnapshots)
    .where(and(eq(summarySnapshots.divisionCode, divisionCode), eq(summarySnapshots.period, period), eq(summarySnapshots.scopeKey, scopeKey)));
  if (snapshot && canReachDivision(actor, divisionCode)) return withThresholds(snapshot.summary as StoredSummary);
  const summary = await computeSummary(database, actor, period, divisionCode);
  if (await isFrozen(database, divisionCode, period)) {
    await db.insert(summarySnapshots).values({ divisionCode, period, scopeKey, summary }).onConflictDoNothing();
  }
  return summary;
}

/** A snapshot as stored: those frozen before summaries carried their thresholds lack them. */
type StoredSummary = Omit<MonthlySummary, 'thresholds'> & { thresholds?: MonthlySummary['thresholds'] };

/** A stored summary with its thresholds; an old snapshot was computed with the defaults. */
export function withThresholds(stored: StoredSummary): MonthlySummary {
  return { ...stored, thresholds: stored.thresholds ?? { ...investmentThresholds.defaults } };
}

// Frozen when every county under the division has closed the period.
async function isFrozen(database: Database, divisionCode: string, period: string): Promise<boolean> {
  const [row] = rowsOf<{ counties: number; closed: number }>(
    await database.db.execute(sql`
      select (select count(*)::int from ${divisions} where level = 'county' and ${regionCondition(divisions.code, divisionCode)}) as counties,
        (select count(*)::int from ${reportingPeriods} where ${regionCondition(reportingPeriods.divisionCode, divisionCode)} and period = ${period} and status = 'closed') as closed`),
  );
  return row.counties > 0 && row.closed >= row.counties;
}

/** Drops the snapshots a reopened county's period fed: its own and its city's and province's. */
export async function dropSnapshots(tx: DbOrTx, countyCode: string, period: string): Promise<void> {
  await tx.delete(summarySnapshots).where(and(inArray(summarySnapshots.divisionCode, divisionChain(countyCode)), eq(summarySnapshots.period, period)));
}
