import Decimal from 'decimal.js';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { INVESTMENT_BANDS, SECTOR_LABELS, type Sector } from '../../../common/projects';
import type { LaggingProject, MonthlySummary, SummaryBreakdownRow, SummaryFigure, SummaryProjectRef } from '../../../common/summary';
import { divisionPrefix } from '../../platform/auth/scope';
import type { Database, DbOrTx } from '../../platform/db/client';
import type { Actor } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import { libraries, libraryMemberships } from '../libraries/libraries.tables';
import { divisions, orgUnits } from '../org/org.tables';
import { projectScope } from '../projects/projects.policy';
import { plainWan } from '../projects/projects.service';
import { projects, projectYearPlans } from '../projects/projects.tables';
import { cycleSettings, REPORTING_STAGES, rowsOf } from './monthly-reports.service';
import { investmentFigures, monthlyReports } from './monthly-reports.tables';
import { periodSpec, samePeriodLastYear } from './periods';

/** Only projects of 500万元 and more count toward fixed-asset investment. */
export const COUNTED_MIN_WAN = 500;

/** Growth in % with one decimal, or null when last year's figure is zero or unknown. */
export function growthPct(current: string, lastYear: string | null): string | null {
  if (lastYear === null) return null;
  const base = new Decimal(lastYear);
  if (base.isZero()) return null;
  return new Decimal(current).minus(base).div(base).times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1);
}

const monthEnd = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/** Which divisions a summary covers: a county, or every county under a city or province code. */
function divisionFilter(column: SQL | unknown, code: string): SQL {
  const prefix = divisionPrefix(code);
  return prefix.length === 6 ? sql`${column} = ${prefix}` : sql`${column} like ${`${prefix}%`}`;
}

interface ProjectFigures {
  id: string;
  name: string;
  sector: string;
  department_id: string | null;
  department_name: string | null;
  township_id: string | null;
  township_name: string | null;
  total_investment: string;
  stage: string;
  actual_start: string | null;
  actual_completion: string | null;
  planned_start: string | null;
  period_amount: string;
  ytd: string;
  ly_ytd: string;
  year_plan: string | null;
  recent_amount: string;
  reported_recently: number;
}

/**
 * The 发改局's monthly summary: year-to-date completed investment of projects ≥ 500万元
 * from the latest approved report of each project and period, compared with the same
 * period last year, broken down every way the report needs, with starts, completions,
 * lagging projects and the problems reported. `divisionCode` may be a city or province
 * code for a roll-up, within the caller's region.
 */
export async function computeSummary(database: Database, actor: Actor, periodInput: string, divisionCode = actor.divisionCode): Promise<MonthlySummary> {
  const { db } = database;
  if (actor.dataScope !== 'all' && !divisionCode.startsWith(divisionPrefix(actor.divisionCode))) {
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
  const scope = projectScope(actor);
  const inDivision = divisionFilter(projects.divisionCode, divisionCode);

  const figures = rowsOf<ProjectFigures>(
    await db.execute(sql`
      with this_year as (
        select division_code, project_id,
          sum(invested_this_period) filter (where period = ${spec.period}) as period_amount,
          sum(invested_this_period) as ytd,
          sum(invested_this_period) filter (where period >= ${idleFrom}) as recent_amount,
          count(*) filter (where period >= ${idleFrom}) as reported_recently
        from ${monthlyReports}
        where ${divisionFilter(sql`division_code`, divisionCode)} and status = 'approved' and period between ${`${year}-01`} and ${spec.period}
        group by division_code, project_id
      ), last_year as (
        select division_code, project_id, sum(invested_this_period) as ytd
        from ${monthlyReports}
        where ${divisionFilter(sql`division_code`, divisionCode)} and status = 'approved' and period between ${`${year - 1}-01`} and ${lastYearPeriod}
        group by division_code, project_id
      )
      select ${projects.id} as id, ${projects.name} as name, ${projects.sector} as sector,
        ${projects.departmentId} as department_id, d.name as department_name,
        ${projects.townshipId} as township_id, t.name as township_name,
        ${projects.totalInvestment}::text as total_investment, ${projects.stage} as stage,
        ${projects.actualStart}::text as actual_start, ${projects.actualCompletion}::text as actual_completion, ${projects.plannedStart}::text as planned_start,
        coalesce(ty.period_amount, 0)::text as period_amount, coalesce(ty.ytd, 0)::text as ytd, coalesce(ly.ytd, 0)::text as ly_ytd,
        yp.planned::text as year_plan, coalesce(ty.recent_amount, 0)::text as recent_amount, coalesce(ty.reported_recently, 0)::int as reported_recently
      from ${projects}
      left join ${orgUnits} d on d.division_code = ${projects.divisionCode} and d.id = ${projects.departmentId}
      left join ${orgUnits} t on t.division_code = ${projects.divisionCode} and t.id = ${projects.townshipId}
      left join this_year ty on ty.division_code = ${projects.divisionCode} and ty.project_id = ${projects.id}
      left join last_year ly on ly.division_code = ${projects.divisionCode} and ly.project_id = ${projects.id}
      left join ${projectYearPlans} yp on yp.division_code = ${projects.divisionCode} and yp.project_id = ${projects.id} and yp.year = ${year}
      where ${and(inDivision, scope)} and ${projects.totalInvestment} >= ${COUNTED_MIN_WAN}
        and (ty.ytd > 0 or ly.ytd > 0 or ${projects.stage} in ('construction', 'preliminary', 'ready', 'reserve', 'planning')
             or ${projects.actualCompletion} >= ${periodStart})`),
  );

  const counted = figures.filter((f) => new Decimal(f.ytd).gt(0) || new Decimal(f.ly_ytd).gt(0));
  const figureOf = (rows: ProjectFigures[], lastYearOverride?: string | null): SummaryFigure => {
    const period = rows.reduce((a, r) => a.plus(r.period_amount), new Decimal(0));
    const ytd = rows.reduce((a, r) => a.plus(r.ytd), new Decimal(0));
    const ly = lastYearOverride !== undefined && lastYearOverride !== null ? new Decimal(lastYearOverride) : rows.reduce((a, r) => a.plus(r.ly_ytd), new Decimal(0));
    const hasLastYear = lastYearOverride != null || rows.some((r) => new Decimal(r.ly_ytd).gt(0));
    return {
      period: plainWan(period.toFixed(4)),
      yearCumulative: plainWan(ytd.toFixed(4)),
      lastYearCumulative: hasLastYear ? plainWan(ly.toFixed(4)) : null,
      growthPct: hasLastYear ? growthPct(ytd.toFixed(4), ly.toFixed(4)) : null,
      projects: rows.filter((r) => new Decimal(r.ytd).gt(0)).length,
    };
  };
  const breakdown = (keyOf: (f: ProjectFigures) => string | null, labelOf: (key: string, f: ProjectFigures) => string, imported?: Map<string, string>): SummaryBreakdownRow[] => {
    const groups = new Map<string, { label: string; rows: ProjectFigures[] }>();
    for (const f of counted) {
      const key = keyOf(f) ?? '-';
      const group = groups.get(key) ?? { label: key === '-' ? '未指定' : labelOf(key, f), rows: [] };
      group.rows.push(f);
      groups.set(key, group);
    }
    return [...groups.entries()]
      .map(([key, g]) => ({ key, label: g.label, ...figureOf(g.rows, imported?.get(key)) }))
      .sort((a, b) => new Decimal(b.yearCumulative).comparedTo(a.yearCumulative));
  };

  // Last year's figures imported for the divisions that had no platform yet (调度数 history).
  const importedRows = await db
    .select()
    .from(investmentFigures)
    .where(and(eq(investmentFigures.divisionCode, divisionCode), eq(investmentFigures.period, lastYearPeriod), eq(investmentFigures.kind, 'dispatch')));
  const imported = new Map(importedRows.map((r) => [r.scope, plainWan(r.yearCumulative)]));
  const sectorImported = new Map([...imported].filter(([k]) => k.startsWith('sector:')).map(([k, v]) => [k.slice(7), v]));

  const byLibrary = await libraryBreakdown(db, counted, divisionCode);
  const bandOf = (f: ProjectFigures) => {
    const total = new Decimal(f.total_investment);
    const band = [...INVESTMENT_BANDS].reverse().find((b) => total.gte(b.minWan));
    return band?.key ?? null;
  };
  const ref = (f: ProjectFigures, date: string | null): SummaryProjectRef => ({
    id: f.id,
    name: f.name,
    departmentName: f.department_name,
    townshipName: f.township_name,
    totalInvestment: plainWan(f.total_investment),
    date,
  });
  const started = figures.filter((f) => f.actual_start && f.actual_start >= periodStart && f.actual_start <= periodEnd).map((f) => ref(f, f.actual_start));
  const completed = figures.filter((f) => f.actual_completion && f.actual_completion >= periodStart && f.actual_completion <= periodEnd).map((f) => ref(f, f.actual_completion));
  const startsByDay = new Map<string, SummaryProjectRef[]>();
  for (const s of started) startsByDay.set(s.date!, [...(startsByDay.get(s.date!) ?? []), s]);

  const lagging: LaggingProject[] = [];
  for (const f of figures) {
    if (f.stage === 'construction') {
      if (f.year_plan && new Decimal(f.year_plan).gt(0)) {
        const planToDate = new Decimal(f.year_plan).times(spec.lastMonth).div(12);
        const threshold = planToDate.times(1 - settings.lagMarginPct / 100);
        if (new Decimal(f.ytd).lt(threshold)) {
          const pct = new Decimal(f.ytd).div(f.year_plan).times(100).toDecimalPlaces(1).toFixed(1);
          lagging.push({ ...ref(f, null), reason: 'behind_plan', detail: `本年累计完成 ${plainWan(f.ytd)} 万元，仅为年度计划 ${plainWan(f.year_plan)} 万元的 ${pct}%` });
          continue;
        }
      }
      const startedBeforeWindow = f.actual_start !== null && f.actual_start < `${idleFrom}-01`;
      if (startedBeforeWindow && new Decimal(f.recent_amount).isZero()) {
        lagging.push({ ...ref(f, null), reason: 'idle', detail: `连续 ${settings.idleMonths} 个月未完成投资` });
      }
    } else if (['planning', 'reserve', 'preliminary', 'ready'].includes(f.stage) && f.planned_start && f.planned_start <= periodEnd) {
      lagging.push({ ...ref(f, f.planned_start), reason: 'start_overdue', detail: `计划 ${f.planned_start} 开工，至今未开工` });
    }
  }

  const issues = rowsOf<{ project_id: string; project_name: string; department_name: string | null; problems: string; measures: string | null }>(
    await db.execute(sql`
      select r.project_id, p.name as project_name, d.name as department_name, r.problems, r.measures
      from ${monthlyReports} r
      join ${projects} on ${projects.divisionCode} = r.division_code and ${projects.id} = r.project_id
      join ${projects} p on p.division_code = r.division_code and p.id = r.project_id
      left join ${orgUnits} d on d.division_code = p.division_code and d.id = p.department_id
      where ${divisionFilter(sql`r.division_code`, divisionCode)} and ${scope ?? sql`true`} and r.period = ${spec.period}
        and r.status = 'approved' and coalesce(r.problems, '') <> ''
      order by d.name nulls last, p.name limit 200`),
  );

  const reporting = rowsOf<{ expected: number; submitted: number; approved: number; late: number }>(
    await db.execute(sql`
      select count(*)::int as expected,
        count(*) filter (where r.status in ('submitted', 'approved'))::int as submitted,
        count(*) filter (where r.status = 'approved')::int as approved,
        count(*) filter (where r.is_late)::int as late
      from ${projects}
      left join lateral (
        select status, is_late from ${monthlyReports} m
        where m.division_code = ${projects.divisionCode} and m.project_id = ${projects.id} and m.period = ${spec.period} and m.status <> 'superseded'
        order by m.revision desc limit 1
      ) r on true
      where ${and(inDivision, scope)} and ${projects.stage} in (${sql.join(REPORTING_STAGES.map((s) => sql`${s}`), sql`, `)})`),
  )[0];

  const [official] = await db
    .select()
    .from(investmentFigures)
    .where(and(eq(investmentFigures.divisionCode, divisionCode), eq(investmentFigures.period, spec.period), eq(investmentFigures.kind, 'official'), eq(investmentFigures.scope, 'total')));
  const [officialLastYear] = await db
    .select()
    .from(investmentFigures)
    .where(and(eq(investmentFigures.divisionCode, divisionCode), eq(investmentFigures.period, lastYearPeriod), eq(investmentFigures.kind, 'official'), eq(investmentFigures.scope, 'total')));

  return {
    divisionCode,
    divisionName: division.name,
    period: spec.period,
    periodLabel: spec.label,
    cumulativeLabel: spec.cumulativeLabel,
    year,
    generatedAt: new Date().toISOString(),
    totals: figureOf(counted, imported.get('total')),
    bySector: breakdown((f) => f.sector, (k) => SECTOR_LABELS[k as Sector] ?? k, sectorImported),
    byDepartment: breakdown((f) => f.department_id, (_k, f) => f.department_name ?? '未指定'),
    byTownship: breakdown((f) => f.township_id, (_k, f) => f.township_name ?? '未指定'),
    byLibrary,
    byBand: breakdown(bandOf, (k) => INVESTMENT_BANDS.find((b) => b.key === k)?.label ?? k),
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

async function libraryBreakdown(db: DbOrTx, counted: ProjectFigures[], divisionCode: string): Promise<SummaryBreakdownRow[]> {
  if (!counted.length) return [];
  const byId = new Map(counted.map((f) => [f.id, f]));
  const rows = await db
    .select({ libraryId: libraries.id, name: libraries.name, projectId: libraryMemberships.projectId })
    .from(libraryMemberships)
    .innerJoin(libraries, and(eq(libraries.divisionCode, libraryMemberships.divisionCode), eq(libraries.id, libraryMemberships.libraryId)))
    .where(divisionFilter(libraryMemberships.divisionCode, divisionCode));
  const groups = new Map<string, { label: string; rows: ProjectFigures[] }>();
  for (const r of rows) {
    const f = byId.get(r.projectId);
    if (!f) continue;
    const group = groups.get(r.libraryId) ?? { label: r.name, rows: [] };
    group.rows.push(f);
    groups.set(r.libraryId, group);
  }
  return [...groups.entries()].map(([key, g]) => {
    const period = g.rows.reduce((a, r) => a.plus(r.period_amount), new Decimal(0));
    const ytd = g.rows.reduce((a, r) => a.plus(r.ytd), new Decimal(0));
    const ly = g.rows.reduce((a, r) => a.plus(r.ly_ytd), new Decimal(0));
    const hasLy = g.rows.some((r) => new Decimal(r.ly_ytd).gt(0));
    return {
      key,
      label: g.label,
      period: plainWan(period.toFixed(4)),
      yearCumulative: plainWan(ytd.toFixed(4)),
      lastYearCumulative: hasLy ? plainWan(ly.toFixed(4)) : null,
      growthPct: hasLy ? growthPct(ytd.toFixed(4), ly.toFixed(4)) : null,
      projects: g.rows.filter((r) => new Decimal(r.ytd).gt(0)).length,
    };
  });
}
