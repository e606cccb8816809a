import Decimal from 'decimal.js';
import { and, eq, sql } from 'drizzle-orm';
import { bandLabel, INVESTMENT_BANDS, SECTOR_LABELS, type Sector } from '../../../common/projects';
import type { LaggingCounts, LaggingProject, MonthlySummary, SummaryBreakdownRow, SummaryFigure, SummaryProjectRef } from '../../../common/summary';
import { completionPct } from '../../../common/targets';
import { canReachDivision, regionCondition } from '../../platform/auth/scope';
import { rowsOf, type Database } from '../../platform/db/client';
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
import { investmentFigures, monthlyReports, summarySnapshots } from './monthly-reports.tables';
import { createMetricContext } from '../../platform/metrics/define-metric';
import { metrics } from '../../platform/metrics/providers';
import { periodClosureOf, type PeriodClosure } from './headline';
import { beijingDate, FIGURE_STATUS_LABELS, headlinePeriod, periodOf, periodSpec, samePeriodLastYear } from './periods';

/** Growth in % with one decimal, or null when last year's figure is zero or unknown. */
export function growthPct(current: string, lastYear: string | null): string | null {
  if (lastYear === null) return null;
  const base = new Decimal(lastYear);
  if (base.isZero()) return null;
  return new Decimal(current).minus(base).div(base).times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1);
}

const monthEnd = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, '0');

/** The stages of a project that has not started yet (a planned start may be overdue). */
const NOT_STARTED = ['planning', 'reserve', 'preliminary', 'ready'];

/**
 * The day a period's warnings are judged at, and the calendar they read. A warning states a
 * fact of that day: a period that is over is judged at its last day, the open one at today
 * (on 2 December, a start planned for 20 December is not overdue, and December's plan share and
 * idle months count only what has passed).
 */
export function judgingCalendar(spec: { year: number; lastMonth: number }, today: string, idleMonths: number) {
  const periodEnd = monthEnd(spec.year, spec.lastMonth);
  const isOver = today > periodEnd;
  const asOf = isOver ? periodEnd : today;
  // 逾期未开工: planned start before the earlier of today and the day after the period's end.
  const startBefore = isOver ? nextDay(periodEnd) : today;
  // Months of the year passed on the judging day (the plan to date), a day's share of the month included.
  const asOfYear = Number(asOf.slice(0, 4));
  const asOfMonth = Number(asOf.slice(5, 7));
  const daysInMonth = Number(monthEnd(asOfYear, asOfMonth).slice(8, 10));
  const elapsedMonths = isOver ? new Decimal(spec.lastMonth) : asOfYear < spec.year ? new Decimal(0) : new Decimal(asOfMonth - 1).plus(new Decimal(Number(asOf.slice(8, 10)) - 1).div(daysInMonth));
  // 连续未投资 counts whole months: the last one is the period's own once it is over, else the month before today.
  const lastWhole = isOver ? spec.year * 12 + spec.lastMonth - 1 : asOfYear * 12 + asOfMonth - 2;
  const first = lastWhole - idleMonths + 1;
  const idleFrom = { year: Math.floor(first / 12), month: (first % 12) + 1 };
  return { periodEnd, isOver, asOf, startBefore, elapsedMonths, idleFrom, idleFromDate: `${idleFrom.year}-${pad(idleFrom.month)}-01` };
}

interface GroupRow {
  dim: 'total' | 'sector' | 'department' | 'township' | 'band' | 'library' | 'county';
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
export async function computeSummary(database: Database, actor: Actor, periodInput: string, divisionCode = actor.divisionCode, now = new Date()): Promise<MonthlySummary> {
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
  const periodStart = `${year}-${pad(spec.firstMonth)}-01`;
  const calendar = judgingCalendar(spec, beijingDate(now), settings.idleMonths);
  const { periodEnd, asOf, startBefore, idleFromDate } = calendar;
  // The reports of the idle window (a combined 1—2月 period counts whole).
  const idleFromPeriod = periodOf(calendar.idleFrom.year, calendar.idleFrom.month, settings);
  const scope = projectScope(actor) ?? sql`true`;
  const inDivision = regionCondition(projects.divisionCode, divisionCode);
  const reportsIn = regionCondition(sql`division_code`, divisionCode);
  const planShare = calendar.elapsedMonths.div(12).times(1 - settings.lagMarginPct / 100).toFixed(6);
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
          sum(invested_this_period) as ytd
        from ${monthlyReports}
        where ${reportsIn} and status = 'approved' and period between ${`${year}-01`} and ${spec.period}
        group by division_code, project_id
      ), recent as (
        select division_code, project_id, sum(invested_this_period) as amount
        from ${monthlyReports}
        where ${reportsIn} and status = 'approved' and period between ${idleFromPeriod} and ${spec.period}
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
          coalesce(recent.amount, 0) as recent_amount, yp.planned as year_plan
        from ${projects}
        left join ty on ty.division_code = ${projects.divisionCode} and ty.project_id = ${projects.id}
        left join recent on recent.division_code = ${projects.divisionCode} and recent.project_id = ${projects.id}
        left join ly on ly.division_code = ${projects.divisionCode} and ly.project_id = ${projects.id}
        left join ${projectYearPlans} yp on yp.division_code = ${projects.divisionCode} and yp.project_id = ${projects.id} and yp.year = ${year}
        where ${inDivision} and ${scope} and ${projects.totalInvestment} >= ${thresholds.countedMinWan}
      ), counted as (
        select * from b where ytd > 0 or ly > 0
      ), grouped as (
        select
          case when grouping(sector) = 0 then 'sector' when grouping(department_id) = 0 then 'department'
               when grouping(township_id) = 0 then 'township' when grouping(band) = 0 then 'band'
               when grouping(division_code) = 0 then 'county' else 'total' end as dim,
          coalesce(sector, department_id::text, township_id::text, band, division_code::text) as key,
          count(*) filter (where ytd > 0)::int as projects,
          sum(period_amount)::text as period_amount, sum(ytd)::text as ytd, sum(ly)::text as ly, bool_or(ly > 0) as has_ly
        from (select c.*, ${bandCase} as band from counted c) x
        group by grouping sets ((), (sector), (department_id), (township_id), (band), (division_code))
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
           or (b.stage = 'construction' and b.actual_start < ${idleFromDate} and b.recent_amount = 0)
           or (b.stage in (${sql.join(NOT_STARTED.map((st) => sql`${st}`), sql`, `)}) and b.planned_start < ${startBefore})
      ), latest as (
        select distinct on (division_code, project_id) division_code, project_id, status, is_late
        from ${monthlyReports}
        where ${reportsIn} and period = ${spec.period} and status <> 'superseded'
        order by division_code, project_id, revision desc
      )
      select
        (select json_agg(g) from (
          select g.dim, g.key, coalesce(u.name, dv.name, g.key) as label, g.projects, g.period_amount, g.ytd, g.ly, g.has_ly from grouped g
          left join ${orgUnits} u on g.dim in ('department', 'township') and u.id::text = g.key
          left join ${divisions} dv on g.dim = 'county' and dv.code::text = g.key
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

  // Last year's figures imported for the divisions that had no platform yet (调度数 history);
  // a roll-up reads each county's too.
  const isRollUp = division.level !== 'county';
  const importedRows = await db
    .select()
    .from(investmentFigures)
    .where(and(regionCondition(investmentFigures.divisionCode, divisionCode), eq(investmentFigures.period, lastYearPeriod), eq(investmentFigures.kind, 'dispatch')));
  const imported = new Map(importedRows.filter((r) => r.divisionCode === divisionCode).map((r) => [r.scope, plainWan(r.yearCumulative)]));
  const importedOfCounty = new Map(importedRows.filter((r) => r.divisionCode !== divisionCode && r.scope === 'total').map((r) => [r.divisionCode, plainWan(r.yearCumulative)]));

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
      } else if (f.actual_start !== null && f.actual_start < idleFromDate && new Decimal(f.recent_amount).isZero()) {
        lagging.push({ ...ref(f, null), reason: 'idle', detail: `连续 ${settings.idleMonths} 个月未完成投资` });
      }
    } else if (NOT_STARTED.includes(f.stage) && f.planned_start && f.planned_start < startBefore) {
      lagging.push({ ...ref(f, f.planned_start), reason: 'start_overdue', detail: `计划 ${f.planned_start} 开工，截至 ${asOf} 未开工` });
    }
  }
  const laggingCounts: LaggingCounts = { total: lagging.length, behind_plan: 0, idle: 0, start_overdue: 0 };
  for (const l of lagging) laggingCounts[l.reason] += 1;

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
  const closure = await periodClosureOf(db, divisionCode, spec.period);
  const byCounty = isRollUp ? rowsOfDim('county', (g) => g.label ?? g.key!, (key) => importedOfCounty.get(key)) : [];
  // A roll-up's 上年同期 is its counties' when they were imported (the total is their sum).
  const totalLastYear = imported.get('total') ?? (importedOfCounty.size ? sumLastYear(byCounty) : undefined);
  const totals = figure(groups.find((g) => g.dim === 'total'), totalLastYear);

  return {
    divisionCode,
    divisionName: division.name,
    period: spec.period,
    periodLabel: spec.label,
    cumulativeLabel: spec.cumulativeLabel,
    year,
    generatedAt: new Date().toISOString(),
    thresholds: { countedMinWan: thresholds.countedMinWan, majorMinWan: thresholds.majorMinWan, largeMinWan: thresholds.largeMinWan },
    totals,
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
    asOf,
    figureStatus: closure.figureStatus,
    figureNote: figureNoteOf(closure, reporting, isRollUp),
    laggingCounts,
    laggingDefinition: laggingDefinitionOf({ countedMinWan: thresholds.countedMinWan, lagMarginPct: settings.lagMarginPct, idleMonths: settings.idleMonths, asOf }),
    byCounty,
    growthTarget: await growthTargetOf(database, actor, { divisionCode, year, period: spec.period }, totals.growthPct),
    recomputeReason: null,
  };
}

function sumLastYear(rows: SummaryBreakdownRow[]): string | undefined {
  const known = rows.filter((r) => r.lastYearCumulative !== null);
  return known.length ? plainWan(known.reduce((sum, r) => sum.plus(r.lastYearCumulative!), new Decimal(0)).toFixed()) : undefined;
}

/** 「初步 · 报送期未关闭，已报 61%」: the label every figure of a period carries. */
export function figureNoteOf(closure: PeriodClosure, reporting: { expected: number; submitted: number }, isRollUp: boolean): string {
  const label = FIGURE_STATUS_LABELS[closure.figureStatus];
  if (closure.figureStatus === 'final') return `${label} · 报送期已关闭`;
  const reported = reporting.expected ? `已报 ${Math.floor((reporting.submitted * 100) / reporting.expected)}%` : '暂无应报项目';
  return isRollUp ? `${label} · ${closure.closed}/${closure.counties} 个县区已关闭报送期，${reported}` : `${label} · 报送期未关闭，${reported}`;
}

/**
 * 滞后项目的口径 — the one definition of a lagging project, as pages and documents print it. A
 * project of at least the 统计起点 lags for one reason (checked in this order): 进度滞后 (under
 * construction, year-to-date investment below the year plan's share of the months passed by
 * more than the margin), 连续未投资 (under construction, started before the idle window, nothing
 * invested in its whole months), or 逾期未开工 (not started, planned start before the judging day).
 */
export function laggingDefinitionOf(rule: { countedMinWan: number; lagMarginPct: number; idleMonths: number; asOf: string }): string {
  return (
    `总投资 ${rule.countedMinWan} 万元及以上的项目，按以下顺序计一种原因：` +
    `进度滞后——在建项目本年累计完成投资低于年度计划按已过时间应完成额的 ${100 - rule.lagMarginPct}%；` +
    `连续未投资——在建项目连续 ${rule.idleMonths} 个完整月份未完成投资；` +
    `逾期未开工——尚未开工且计划开工日期早于判断日。` +
    `判断日 ${rule.asOf}（报送期已结束的按期末，未结束的按当天）。`
  );
}

// The year's growth target (the targets module's figure) and 同比 as a share of it.
async function growthTargetOf(database: Database, actor: Actor, of: { divisionCode: string; year: number; period: string }, growth: string | null) {
  const ctx = createMetricContext({ database, actor, ...of });
  const targetPct = (await metrics().compute('fai_growth_target', ctx)) ?? '0';
  return { targetPct, completionPct: completionPct(growth, targetPct) };
}


/** What separates one caller's view of a summary from another's: division-wide scopes share one. */
function scopeKeyOf(actor: Actor): string {
  return actor.dataScope === 'division' || actor.dataScope === 'all' ? 'region' : `${actor.dataScope}:${actor.unitId ?? '-'}`;
}

/**
 * The summary as the pages, documents and cockpit read it. Once every county it covers has
 * closed the period, the period is frozen: the summary is computed once, kept, and served
 * from the snapshot until a month it covers changes (a reopen or an approved correction marks
 * it stale, `markSnapshotsStale`); the next read recomputes it and records why.
 */
export async function getSummary(database: Database, actor: Actor, periodInput: string, divisionCode = actor.divisionCode, now = new Date()): Promise<MonthlySummary> {
  const { db } = database;
  const period = periodSpec(periodInput, await cycleSettings(db, actor.divisionCode)).period;
  const scopeKey = scopeKeyOf(actor);
  const key = and(eq(summarySnapshots.divisionCode, divisionCode), eq(summarySnapshots.period, period), eq(summarySnapshots.scopeKey, scopeKey));
  const [snapshot] = await db.select({ summary: summarySnapshots.summary, staleReason: summarySnapshots.staleReason }).from(summarySnapshots).where(key);
  if (snapshot && snapshot.staleReason === null && canReachDivision(actor, divisionCode)) {
    const kept = upgradeStored(snapshot.summary as StoredSummary);
    // The target is the targets module's current figure, not part of the frozen summary.
    return { ...kept, growthTarget: await growthTargetOf(database, actor, kept, kept.totals.growthPct) };
  }
  const computed = await computeSummary(database, actor, period, divisionCode, now);
  if (computed.figureStatus !== 'final') return computed;
  const recomputeReason = snapshot?.staleReason ? `因 ${snapshot.staleReason}重新计算` : null;
  const summary = { ...computed, recomputeReason };
  await db
    .insert(summarySnapshots)
    .values({ divisionCode, period, scopeKey, summary, recomputeReason })
    .onConflictDoUpdate({
      target: [summarySnapshots.divisionCode, summarySnapshots.period, summarySnapshots.scopeKey],
      set: { summary, recomputeReason, computedAt: new Date(), staleReason: null },
      // Only the stale copy this read replaced: a change marked meanwhile stays marked.
      setWhere: snapshot?.staleReason ? eq(summarySnapshots.staleReason, snapshot.staleReason) : sql`false`,
    });
  return summary;
}

/** The summary of the headline period (`headlinePeriod`: the latest period whose summary is due), the default of every page. */
export async function getHeadlineSummary(database: Database, actor: Actor, divisionCode = actor.divisionCode, now = new Date()): Promise<MonthlySummary> {
  const settings = await cycleSettings(database.db, divisionCode);
  return getSummary(database, actor, headlinePeriod(beijingDate(now), settings), divisionCode, now);
}

/** A snapshot as stored: those frozen before summaries carried their thresholds, status or counts lack them. */
type StoredSummary = Omit<MonthlySummary, 'thresholds' | 'asOf' | 'figureStatus' | 'figureNote' | 'laggingCounts' | 'laggingDefinition' | 'byCounty' | 'growthTarget' | 'recomputeReason'> &
  Partial<MonthlySummary>;

/** A stored summary with every field of today's shape; an old snapshot was computed with the defaults. */
export function upgradeStored(stored: StoredSummary): MonthlySummary {
  const thresholds = stored.thresholds ?? { ...investmentThresholds.defaults };
  const asOf = stored.asOf ?? monthEnd(stored.year, periodSpec(stored.period).lastMonth);
  const laggingCounts: LaggingCounts = { total: stored.lagging.length, behind_plan: 0, idle: 0, start_overdue: 0 };
  for (const l of stored.lagging) laggingCounts[l.reason] += 1;
  return {
    ...stored,
    thresholds,
    asOf,
    figureStatus: stored.figureStatus ?? 'final',
    figureNote: stored.figureNote ?? `${FIGURE_STATUS_LABELS.final} · 报送期已关闭`,
    laggingCounts: stored.laggingCounts ?? laggingCounts,
    laggingDefinition: stored.laggingDefinition ?? laggingDefinitionOf({ countedMinWan: thresholds.countedMinWan, lagMarginPct: 20, idleMonths: 2, asOf }),
    byCounty: stored.byCounty ?? [],
    growthTarget: stored.growthTarget ?? { targetPct: '0', completionPct: null },
    recomputeReason: stored.recomputeReason ?? null,
  };
}
