import Decimal from 'decimal.js';
import { eq, sql, type Column, type SQL } from 'drizzle-orm';
import { beijingToday } from '../../../common/format';
import { SECTOR_LABELS, type Sector } from '../../../common/projects';
import { auditActorOf, recordAudit } from '../../platform/audit/audit.service';
import { canReachDivision, divisionPrefix, regionCondition } from '../../platform/auth/scope';
import { rowsOf, type Database, type DbOrTx } from '../../platform/db/client';
import type { Actor } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import { divisions, orgUnits } from '../org';
import { cycleSettings, REPORTING_STAGES } from '../monthly-reports';
import { monthlyReports } from '../monthly-reports';
import { headlineOf, periodClosureOf, periodOf, periodsOfYear, periodSpec } from '../monthly-reports';
import { getSummary, growthPct } from '../monthly-reports';
import { projectScope } from '../projects';
import { plainWan } from '../projects';
import { projects } from '../projects';
import type { z } from '@hono/zod-openapi';
import type { MapFeatureCollection } from './cockpit.schemas';
import { createMetricContext, type MetricContext } from '../../platform/metrics/define-metric';
import { metrics } from '../../platform/metrics/providers';
import { investmentThresholds } from '../projects';
import { divisionMaps } from './cockpit.tables';

/** The data scopes that see only their own projects (a township, a department, a project owner). */
const OWN_SCOPES = new Set(['township', 'unit', 'project']);

/** The division filter of a region, to put in raw SQL. */
function inRegion(divisionCode: string, column: Column | SQL) {
  return regionCondition(column, divisionCode);
}

/** The division a cockpit is asked for: the caller's own, or one below it (404 outside the caller's region). */
async function divisionToView(db: DbOrTx, actor: Actor, divisionCode: string) {
  if (!canReachDivision(actor, divisionCode)) throw new AppError('NOT_FOUND', '行政区划不在您的数据范围内');
  const [division] = await db.select().from(divisions).where(eq(divisions.code, divisionCode));
  if (!division) throw new AppError('NOT_FOUND', '行政区划不存在');
  const parentCode = divisionCode !== actor.divisionCode && division.parentCode && canReachDivision(actor, division.parentCode) ? division.parentCode : null;
  const [parent] = parentCode ? await db.select().from(divisions).where(eq(divisions.code, parentCode)) : [];
  return { division: { ...division, level: division.level as 'province' | 'city' | 'county' }, parent: parent ? { divisionCode: parent.code, name: parent.name } : null };
}

/** Whose figures the caller sees, said as the screen says it. */
function viewOf(actor: Actor, division: { code: string; name: string; level: 'province' | 'city' | 'county' }, parent: { divisionCode: string; name: string } | null) {
  const isOwnScope = OWN_SCOPES.has(actor.dataScope);
  const ownName = actor.unitName ?? division.name;
  const whose = isOwnScope
    ? `${ownName}（${actor.dataScope === 'township' ? '本乡镇' : '本单位'}项目）`
    : division.level === 'county'
      ? `${division.name}全县`
      : `${division.name}各县区合计`;
  return {
    divisionCode: division.code,
    divisionName: division.name,
    level: division.level,
    title: isOwnScope ? ownName : division.name,
    whose,
    isOwnScope,
    parent,
    canUploadMap: !isOwnScope && division.code === actor.divisionCode && actor.permissions.includes('period.manage'),
  };
}

/**
 * The leaders' one-screen view of a division for a year: the headline figures (of the latest
 * period whose summary is due, exactly the summary's), monthly investment against last year
 * (later, still-open months marked 初步), starts and completions per month, investment by
 * sector, by township (a county) or a ranking of counties (a city or province), the reserve
 * ratio, lagging projects and the map. Every figure says whose it is (`view`) and carries the
 * list filter that shows the projects behind it. `replica` is the database the figures are read from.
 */
export async function computeCockpit(
  database: Database,
  actor: Actor,
  query: { year?: number; divisionCode?: string },
  replica: Database = database,
  now = new Date(),
) {
  const { db } = replica;
  const { division, parent } = await divisionToView(db, actor, query.divisionCode ?? actor.divisionCode);
  const divisionCode = division.code;
  const view = viewOf(actor, division, parent);
  const settings = await cycleSettings(db, divisionCode);
  const headline = await headlineOf(db, divisionCode, now);
  const year = query.year ?? headline.year;
  if (year > headline.year) throw new AppError('VALIDATION_FAILED', `${year}年尚无已到汇总日的报送期`, { field: 'year' });
  // A past year is stated for its last period; the headline year for the headline period.
  const stated = year === headline.year ? headline.period : periodsOfYear(year, settings).at(-1)!;
  const statedSpec = periodSpec(stated, settings);
  // The summary is read from the primary: a frozen period's summary is kept there the first time.
  const summary = await getSummary(database, actor, stated, divisionCode, now);
  const today = beijingToday(now);
  const openPeriod = periodOf(Number(today.slice(0, 4)), Number(today.slice(5, 7)), settings);
  const periods = periodsOfYear(year, settings).filter((p) => p <= openPeriod);
  const scope = projectScope(actor) ?? sql`true`;
  // Figures other modules compute come through the metric registry; the thresholds are the division's rules.
  const figures = createMetricContext({ database, db, actor, divisionCode, year });
  const counted = (await figures.rules(investmentThresholds, divisionCode)).countedMinWan;

  const monthly = rowsOf<{ period: string; this_year: string; last_year: string }>(
    await db.execute(sql`
      select to_char(make_date(${year}, substr(r.period, 6, 2)::int, 1), 'YYYY-MM') as period,
        coalesce(sum(r.invested_this_period) filter (where substr(r.period, 1, 4)::int = ${year}), 0)::text as this_year,
        coalesce(sum(r.invested_this_period) filter (where substr(r.period, 1, 4)::int = ${year - 1}), 0)::text as last_year
      from ${monthlyReports} r
      join ${projects} on ${projects.divisionCode} = r.division_code and ${projects.id} = r.project_id
      where ${inRegion(divisionCode, sql`r.division_code`)} and ${scope} and r.status = 'approved'
        and ${projects.totalInvestment} >= ${counted}
        and (r.period between ${`${year}-01`} and ${`${year}-12`} or r.period between ${`${year - 1}-01`} and ${`${year - 1}-12`})
      group by 1 order by 1`),
  );
  const byPeriod = new Map(monthly.map((m) => [m.period, m]));
  const statusOf = new Map<string, 'final' | 'preliminary'>();
  for (const period of periods) statusOf.set(period, period === headline.period ? headline.figureStatus : (await periodClosureOf(db, divisionCode, period)).figureStatus);
  let ytd = new Decimal(0);
  let lastYtd = new Decimal(0);
  const investment = periodsOfYear(year, settings).map((period) => {
    const row = byPeriod.get(period);
    const spec = periodSpec(period, settings);
    ytd = ytd.plus(row?.this_year ?? 0);
    lastYtd = lastYtd.plus(row?.last_year ?? 0);
    const reported = period <= openPeriod;
    return {
      period,
      label: spec.label,
      amount: reported ? plainWan(row?.this_year ?? '0') : null,
      lastYearAmount: plainWan(row?.last_year ?? '0'),
      yearCumulative: reported ? plainWan(ytd.toFixed(4)) : null,
      lastYearCumulative: plainWan(lastYtd.toFixed(4)),
      growthPct: reported ? growthPct(ytd.toFixed(4), lastYtd.toFixed(4)) : null,
      figureStatus: statusOf.get(period) ?? ('preliminary' as const),
      isAfterHeadline: period > stated,
    };
  });

  const startsCompletions = rowsOf<{ month: number; starts: number; completions: number }>(
    await db.execute(sql`
      select m.month,
        count(*) filter (where extract(year from ${projects.actualStart}) = ${year} and extract(month from ${projects.actualStart}) = m.month)::int as starts,
        count(*) filter (where extract(year from ${projects.actualCompletion}) = ${year} and extract(month from ${projects.actualCompletion}) = m.month)::int as completions
      from generate_series(1, 12) as m(month)
      cross join ${projects}
      where ${inRegion(divisionCode, projects.divisionCode)} and ${scope} and ${projects.totalInvestment} >= ${counted}
        and (extract(year from ${projects.actualStart}) = ${year} or extract(year from ${projects.actualCompletion}) = ${year})
      group by m.month order by m.month`),
  );
  const perMonth = Array.from({ length: 12 }, (_, i) => {
    const row = startsCompletions.find((r) => Number(r.month) === i + 1);
    return { month: i + 1, starts: row?.starts ?? 0, completions: row?.completions ?? 0 };
  });

  const isCounty = division.level === 'county';
  const townships = isCounty ? await townshipFigures(db, { divisionCode, scope, counted, year, upTo: stated }) : [];
  // A summary frozen before it carried its 分县区 rows: each county's own summary stands in.
  const countyFigures = summary.byCounty.length || isCounty ? summary.byCounty : await countySummaries(database, actor, db, { divisionCode, period: stated, now });
  const byCounty = isCounty ? [] : await countyRanking(db, { divisionCode, scope, period: stated, summary: { byCounty: countyFigures, lagging: summary.lagging } });

  const [map] = await db.select().from(divisionMaps).where(eq(divisionMaps.divisionCode, divisionCode));
  const reserveRatio = await reserveRatioOf(figures, Number(counted));
  // A township sees its own reserve ratio; the county's comes only as a labelled reference,
  // counted as a division-wide reader of the county counts it.
  const countyReserveRatio = view.isOwnScope
    ? await reserveRatioOf(createMetricContext({ database, db, actor: { ...actor, dataScope: 'division' }, divisionCode, year }), Number(counted))
    : null;
  return {
    view,
    year,
    headline: { period: stated, label: statedSpec.label, cumulativeLabel: statedSpec.cumulativeLabel, figureStatus: summary.figureStatus, figureNote: summary.figureNote },
    latestPeriod: stated,
    latestLabel: statedSpec.cumulativeLabel,
    countedMinWan: Number(counted),
    totals: summary.totals,
    investment,
    startsCompletions: perMonth,
    bySector: summary.bySector.map((s) => ({ ...s, label: SECTOR_LABELS[s.key as Sector] ?? s.label, filter: { sector: s.key } })),
    byTownship: townships,
    byCounty,
    reserveRatio,
    countyReserveRatio,
    lagging: summary.lagging.slice(0, LAGGING_SHOWN),
    laggingCounts: summary.laggingCounts,
    reporting: summary.reporting,
    map: map ? { nameProperty: map.nameProperty, areaKind: isCounty ? ('township' as const) : ('county' as const), geojson: presentMap(map.geojson) } : null,
  };
}

/** How many lagging projects the cockpit lists by name; the count is always the full one. */
export const LAGGING_SHOWN = 20;

// Each township's projects and year-to-date investment up to the stated period (a county's cockpit).
async function townshipFigures(db: DbOrTx, of: { divisionCode: string; scope: SQL; counted: number | string; year: number; upTo: string }) {
  const rows = rowsOf<{ township_id: string | null; name: string | null; projects: number; investment: string; total: string }>(
    await db.execute(sql`
      select ${projects.townshipId} as township_id, t.name, count(*)::int as projects,
        coalesce(sum(r.amount), 0)::text as investment, sum(${projects.totalInvestment})::text as total
      from ${projects}
      left join ${orgUnits} t on t.division_code = ${projects.divisionCode} and t.id = ${projects.townshipId}
      left join lateral (
        select sum(invested_this_period) as amount from ${monthlyReports} m
        where m.division_code = ${projects.divisionCode} and m.project_id = ${projects.id} and m.status = 'approved' and m.period between ${`${of.year}-01`} and ${of.upTo}
      ) r on true
      where ${inRegion(of.divisionCode, projects.divisionCode)} and ${of.scope} and ${projects.totalInvestment} >= ${of.counted}
        and ${projects.stage} not in ('terminated')
      group by ${projects.townshipId}, t.name order by 4 desc`),
  );
  return rows.map((t) => ({
    townshipId: t.township_id,
    name: t.name ?? '未指定乡镇',
    projects: t.projects,
    yearInvestment: plainWan(t.investment),
    totalInvestment: plainWan(t.total),
    filter: t.township_id ? { townshipId: t.township_id } : {},
  }));
}

// Each county's totals from its own summary, as 分县区 rows.
async function countySummaries(database: Database, actor: Actor, db: DbOrTx, of: { divisionCode: string; period: string; now: Date }) {
  const counties = await db.select({ code: divisions.code }).from(divisions).where(sql`${divisions.level} = 'county' and ${inRegion(of.divisionCode, divisions.code)}`);
  const rows = [];
  for (const c of counties) rows.push({ key: c.code, ...(await getSummary(database, actor, of.period, c.code, of.now)).totals });
  return rows;
}

/**
 * The counties of a city or province, ranked by 本年累计: the summary's 分县区 figures (they add
 * up to its total), with each county's 报送率 (the summary's definition, counted per county) and
 * its share of the summary's lagging projects.
 */
async function countyRanking(
  db: DbOrTx,
  of: { divisionCode: string; scope: SQL; period: string; summary: { byCounty: Array<{ key: string; yearCumulative: string; lastYearCumulative: string | null; growthPct: string | null; projects: number }>; lagging: Array<{ id: string }> } },
) {
  const counties = await db
    .select({ code: divisions.code, name: divisions.name })
    .from(divisions)
    .where(sql`${divisions.level} = 'county' and ${inRegion(of.divisionCode, divisions.code)}`)
    .orderBy(divisions.code);
  const reporting = rowsOf<{ division_code: string; expected: number; submitted: number }>(
    await db.execute(sql`
      with latest as (
        select distinct on (division_code, project_id) division_code, project_id, status
        from ${monthlyReports}
        where ${inRegion(of.divisionCode, sql`division_code`)} and period = ${of.period} and status <> 'superseded'
        order by division_code, project_id, revision desc
      )
      select ${projects.divisionCode} as division_code, count(*)::int as expected,
        count(*) filter (where r.status in ('submitted', 'approved'))::int as submitted
      from ${projects}
      left join latest r on r.division_code = ${projects.divisionCode} and r.project_id = ${projects.id}
      where ${inRegion(of.divisionCode, projects.divisionCode)} and ${of.scope}
        and ${projects.stage} in (${sql.join(REPORTING_STAGES.map((st) => sql`${st}`), sql`, `)})
      group by 1`),
  );
  const laggingIds = of.summary.lagging.map((l) => l.id);
  const laggingOf = new Map<string, number>();
  if (laggingIds.length) {
    const rows = rowsOf<{ division_code: string; n: number }>(
      await db.execute(sql`
        select ${projects.divisionCode} as division_code, count(*)::int as n from ${projects}
        where ${inRegion(of.divisionCode, projects.divisionCode)} and ${projects.id} = any(${`{${laggingIds.join(',')}}`}::uuid[])
        group by 1`),
    );
    for (const r of rows) laggingOf.set(r.division_code, r.n);
  }
  const figureOf = new Map(of.summary.byCounty.map((c) => [c.key, c]));
  const reportingOf = new Map(reporting.map((r) => [r.division_code, r]));
  return counties
    .map((c) => {
      const f = figureOf.get(c.code);
      const r = reportingOf.get(c.code) ?? { expected: 0, submitted: 0 };
      return {
        divisionCode: c.code,
        name: c.name,
        yearCumulative: f?.yearCumulative ?? '0',
        lastYearCumulative: f?.lastYearCumulative ?? null,
        growthPct: f?.growthPct ?? null,
        projects: f?.projects ?? 0,
        reporting: { expected: r.expected, submitted: r.submitted },
        reportingRatePct: r.expected > 0 ? new Decimal(r.submitted).div(r.expected).times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1) : null,
        lagging: laggingOf.get(c.code) ?? 0,
      };
    })
    .sort((a, b) => new Decimal(b.yearCumulative).comparedTo(a.yearCumulative) || a.divisionCode.localeCompare(b.divisionCode));
}

type MapFeatures = z.infer<typeof MapFeatureCollection>;

/** The stored map as the API shows it: the features' names and outlines, without whatever else the uploaded file carried. */
function presentMap(geojson: unknown): MapFeatures {
  const fc = geojson as MapFeatures;
  return {
    type: 'FeatureCollection',
    features: fc.features.map((f) => ({ type: 'Feature', properties: f.properties ?? null, geometry: { type: f.geometry.type, coordinates: f.geometry.coordinates } as MapFeatures['features'][number]['geometry'] })),
  };
}

// The reserve ratio of SPEC §2 as the cockpit shows it, from the libraries module's figures.
async function reserveRatioOf(figures: MetricContext, countedMinWan: number) {
  const figure = (key: string) => metrics().compute(key, figures);
  const ratio = await figure('reserve_ratio');
  const target = Number(await figure('reserve_ratio_target'));
  return {
    reserveCount: Number(await figure('reserve_projects')),
    implementedCount: Number(await figure('implemented_projects')),
    ratio,
    target,
    isBelowTarget: ratio !== null && new Decimal(ratio).lt(target),
    countedMinWan,
  };
}

/**
 * Stores a division's map after checking it: a county uploads its townships (each feature
 * named by `nameProperty`); a city or province uploads its counties, each feature carrying the
 * county's 6-digit 行政区划代码 in `nameProperty` (so a county is matched by code, never by a name
 * that may be written several ways).
 */
export async function saveMap(database: Database, actor: Actor, input: { geojson: unknown; nameProperty: string }) {
  const isCounty = divisionPrefix(actor.divisionCode).length === 6;
  const area = isCounty ? '乡镇' : '县区';
  const fc = input.geojson as { type?: string; features?: Array<{ type?: string; geometry?: { type?: string }; properties?: Record<string, unknown> }> };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features) || fc.features.length === 0) {
    throw new AppError('VALIDATION_FAILED', `地图文件应为 GeoJSON FeatureCollection，且至少包含一个${area}`, { field: 'geojson' });
  }
  if (fc.features.length > 500) throw new AppError('VALIDATION_FAILED', '地图要素过多（最多 500 个）', { field: 'geojson' });
  const counties = isCounty
    ? null
    : new Set(
        (await database.db.select({ code: divisions.code }).from(divisions).where(sql`${divisions.level} = 'county' and ${inRegion(actor.divisionCode, divisions.code)}`)).map((d) => d.code),
      );
  for (const [i, f] of fc.features.entries()) {
    if (!['Polygon', 'MultiPolygon'].includes(f.geometry?.type ?? '')) throw new AppError('VALIDATION_FAILED', `第 ${i + 1} 个要素不是面（Polygon / MultiPolygon）`, { field: 'geojson' });
    const value = f.properties?.[input.nameProperty];
    if (counties === null) {
      if (typeof value !== 'string') throw new AppError('VALIDATION_FAILED', `第 ${i + 1} 个要素缺少乡镇名称属性「${input.nameProperty}」`, { field: 'nameProperty' });
      continue;
    }
    const code = typeof value === 'number' || typeof value === 'string' ? String(value).trim() : '';
    if (!/^\d{6}$/.test(code)) throw new AppError('VALIDATION_FAILED', `第 ${i + 1} 个要素缺少 6 位行政区划代码属性「${input.nameProperty}」`, { field: 'nameProperty' });
    if (!counties.has(code)) throw new AppError('VALIDATION_FAILED', `第 ${i + 1} 个要素的行政区划代码 ${code} 不是本辖区内的县区`, { field: 'geojson' });
  }
  await database.db.transaction(async (tx) => {
    await tx
      .insert(divisionMaps)
      .values({ divisionCode: actor.divisionCode, geojson: fc, nameProperty: input.nameProperty, uploadedByName: actor.displayName })
      .onConflictDoUpdate({ target: divisionMaps.divisionCode, set: { geojson: fc, nameProperty: input.nameProperty, uploadedByName: actor.displayName, version: sql`${divisionMaps.version} + 1`, updatedAt: new Date() } });
    await recordAudit(tx, { actor: auditActorOf(actor), divisionCode: actor.divisionCode, action: 'map.saved', entityType: 'map', entityId: actor.divisionCode, summary: `上传${area}地图：${fc.features!.length} 个${area}` });
  });
  return { features: fc.features.length };
}
