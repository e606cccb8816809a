import Decimal from 'decimal.js';
import { eq, sql, type Column, type SQL } from 'drizzle-orm';
import { SECTOR_LABELS, type Sector } from '../../../common/projects';
import { auditActorOf, recordAudit } from '../../platform/audit/audit.service';
import { actorRegion, divisionPrefix } from '../../platform/auth/scope';
import { rowsOf, type Database } from '../../platform/db/client';
import type { Actor } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import { orgUnits } from '../org';
import { currentPeriod, cycleSettings } from '../monthly-reports';
import { monthlyReports } from '../monthly-reports';
import { periodsOfYear, periodSpec } from '../monthly-reports';
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

/** The division filter of the caller's own region (`true` for scope `all`), to put in raw SQL. */
function regionSql(actor: Actor, column: Column | SQL) {
  return actorRegion(actor, column) ?? sql`true`;
}

/**
 * The leaders' one-screen view for a year: monthly investment against last year, starts and
 * completions per month, investment by sector and township, the reserve ratio, lagging
 * projects, and township points for the map. Every figure carries the list filter that
 * shows the projects behind it. `replica` is the database the figures are read from.
 */
export async function computeCockpit(database: Database, actor: Actor, year: number, replica: Database = database) {
  // Opening the current period is a write: the primary. Every figure after it is a read, served
  // by the read replica when there is one (a few seconds behind is fine for a leaders' screen).
  const current = (await currentPeriod(database.db, actor.divisionCode)).period;
  const { db } = replica;
  const settings = await cycleSettings(db, actor.divisionCode);
  const periods = periodsOfYear(year, settings).filter((p) => p <= current);
  const latest = periods.at(-1) ?? `${year}-12`;
  const scope = projectScope(actor) ?? sql`true`;
  // Figures other modules compute come through the metric registry; the thresholds are the division's rules.
  const figures = createMetricContext({ database, db, actor, divisionCode: actor.divisionCode, year });
  const counted = (await figures.rules(investmentThresholds, actor.divisionCode)).countedMinWan;

  const monthly = rowsOf<{ period: string; this_year: string; last_year: string }>(
    await db.execute(sql`
      select to_char(make_date(${year}, substr(r.period, 6, 2)::int, 1), 'YYYY-MM') as period,
        coalesce(sum(r.invested_this_period) filter (where substr(r.period, 1, 4)::int = ${year}), 0)::text as this_year,
        coalesce(sum(r.invested_this_period) filter (where substr(r.period, 1, 4)::int = ${year - 1}), 0)::text as last_year
      from ${monthlyReports} r
      join ${projects} on ${projects.divisionCode} = r.division_code and ${projects.id} = r.project_id
      where ${regionSql(actor, sql`r.division_code`)} and ${scope} and r.status = 'approved'
        and ${projects.totalInvestment} >= ${counted}
        and (r.period between ${`${year}-01`} and ${`${year}-12`} or r.period between ${`${year - 1}-01`} and ${`${year - 1}-12`})
      group by 1 order by 1`),
  );
  const byPeriod = new Map(monthly.map((m) => [m.period, m]));
  let ytd = new Decimal(0);
  let lastYtd = new Decimal(0);
  const investment = periodsOfYear(year, settings).map((period) => {
    const row = byPeriod.get(period);
    const spec = periodSpec(period, settings);
    ytd = ytd.plus(row?.this_year ?? 0);
    lastYtd = lastYtd.plus(row?.last_year ?? 0);
    const reported = period <= current;
    return {
      period,
      label: spec.label,
      amount: reported ? plainWan(row?.this_year ?? '0') : null,
      lastYearAmount: plainWan(row?.last_year ?? '0'),
      yearCumulative: reported ? plainWan(ytd.toFixed(4)) : null,
      lastYearCumulative: plainWan(lastYtd.toFixed(4)),
      growthPct: reported ? growthPct(ytd.toFixed(4), lastYtd.toFixed(4)) : null,
    };
  });

  const startsCompletions = rowsOf<{ month: number; starts: number; completions: number }>(
    await db.execute(sql`
      select m.month,
        count(*) filter (where extract(year from ${projects.actualStart}) = ${year} and extract(month from ${projects.actualStart}) = m.month)::int as starts,
        count(*) filter (where extract(year from ${projects.actualCompletion}) = ${year} and extract(month from ${projects.actualCompletion}) = m.month)::int as completions
      from generate_series(1, 12) as m(month)
      cross join ${projects}
      where ${regionSql(actor, projects.divisionCode)} and ${scope} and ${projects.totalInvestment} >= ${counted}
        and (extract(year from ${projects.actualStart}) = ${year} or extract(year from ${projects.actualCompletion}) = ${year})
      group by m.month order by m.month`),
  );
  const perMonth = Array.from({ length: 12 }, (_, i) => {
    const row = startsCompletions.find((r) => Number(r.month) === i + 1);
    return { month: i + 1, starts: row?.starts ?? 0, completions: row?.completions ?? 0 };
  });

  const isCounty = divisionPrefix(actor.divisionCode).length === 6;
  const summary = isCounty ? await getSummary(database, actor, latest) : null;
  const townships = rowsOf<{ township_id: string | null; name: string | null; projects: number; investment: string; total: string }>(
    await db.execute(sql`
      select ${projects.townshipId} as township_id, t.name, count(*)::int as projects,
        coalesce(sum(r.amount), 0)::text as investment, sum(${projects.totalInvestment})::text as total
      from ${projects}
      left join ${orgUnits} t on t.division_code = ${projects.divisionCode} and t.id = ${projects.townshipId}
      left join lateral (
        select sum(invested_this_period) as amount from ${monthlyReports} m
        where m.division_code = ${projects.divisionCode} and m.project_id = ${projects.id} and m.status = 'approved' and m.period between ${`${year}-01`} and ${latest}
      ) r on true
      where ${regionSql(actor, projects.divisionCode)} and ${scope} and ${projects.totalInvestment} >= ${counted}
        and ${projects.stage} not in ('terminated')
      group by ${projects.townshipId}, t.name order by 4 desc`),
  );

  const [map] = await db.select().from(divisionMaps).where(eq(divisionMaps.divisionCode, actor.divisionCode));
  return {
    year,
    latestPeriod: latest,
    latestLabel: periodSpec(latest, settings).cumulativeLabel,
    countedMinWan: Number(counted),
    totals: summary?.totals ?? null,
    investment,
    startsCompletions: perMonth,
    bySector: (summary?.bySector ?? []).map((s) => ({ ...s, label: SECTOR_LABELS[s.key as Sector] ?? s.label, filter: { sector: s.key } })),
    byTownship: townships.map((t) => ({
      townshipId: t.township_id,
      name: t.name ?? '未指定乡镇',
      projects: t.projects,
      yearInvestment: plainWan(t.investment),
      totalInvestment: plainWan(t.total),
      filter: t.township_id ? { townshipId: t.township_id } : {},
    })),
    reserveRatio: await reserveRatioOf(figures, Number(counted)),
    lagging: (summary?.lagging ?? []).slice(0, 50),
    reporting: summary?.reporting ?? null,
    map: map ? { nameProperty: map.nameProperty, geojson: presentMap(map.geojson) } : null,
  };
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

/** Stores the county's map outline after checking it is a FeatureCollection of polygons. */
export async function saveMap(database: Database, actor: Actor, input: { geojson: unknown; nameProperty: string }) {
  const fc = input.geojson as { type?: string; features?: Array<{ type?: string; geometry?: { type?: string }; properties?: Record<string, unknown> }> };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features) || fc.features.length === 0) {
    throw new AppError('VALIDATION_FAILED', '地图文件应为 GeoJSON FeatureCollection，且至少包含一个乡镇', { field: 'geojson' });
  }
  if (fc.features.length > 500) throw new AppError('VALIDATION_FAILED', '地图要素过多（最多 500 个）', { field: 'geojson' });
  for (const [i, f] of fc.features.entries()) {
    if (!['Polygon', 'MultiPolygon'].includes(f.geometry?.type ?? '')) throw new AppError('VALIDATION_FAILED', `第 ${i + 1} 个要素不是面（Polygon / MultiPolygon）`, { field: 'geojson' });
    if (typeof f.properties?.[input.nameProperty] !== 'string') throw new AppError('VALIDATION_FAILED', `第 ${i + 1} 个要素缺少名称属性「${input.nameProperty}」`, { field: 'nameProperty' });
  }
  await database.db.transaction(async (tx) => {
    await tx
      .insert(divisionMaps)
      .values({ divisionCode: actor.divisionCode, geojson: fc, nameProperty: input.nameProperty, uploadedByName: actor.displayName })
      .onConflictDoUpdate({ target: divisionMaps.divisionCode, set: { geojson: fc, nameProperty: input.nameProperty, uploadedByName: actor.displayName, version: sql`${divisionMaps.version} + 1`, updatedAt: new Date() } });
    await recordAudit(tx, { actor: auditActorOf(actor), divisionCode: actor.divisionCode, action: 'map.saved', entityType: 'map', entityId: actor.divisionCode, summary: `上传乡镇地图：${fc.features!.length} 个乡镇` });
  });
  return { features: fc.features.length };
}

