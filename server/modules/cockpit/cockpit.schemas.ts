import { z } from '@hono/zod-openapi';
import { SECTORS } from '../../../common/projects';
import { JsonValue } from '../../platform/http/json-value';
import { ReserveRatio } from '../libraries';
import { LaggingProject, ReportingCounts, SummaryBreakdownRow, SummaryFigure } from '../monthly-reports';
import { Wan } from '../projects';

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '报送期格式应为 YYYY-MM');
const position = z.array(z.number());

/** A township outline: a GeoJSON Polygon or MultiPolygon. */
export const MapGeometry = z
  .union([
    z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(position)) }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(position))) }),
  ])
  .openapi('MapGeometry');

/** The county's township map: a GeoJSON FeatureCollection of polygons. */
export const MapFeatureCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({ type: z.literal('Feature'), properties: z.record(z.string(), JsonValue).nullable(), geometry: MapGeometry }),
    ),
  })
  .openapi('MapFeatureCollection');

export const CockpitInvestmentMonth = z
  .object({
    period: z.string(),
    /** 「1—2月」 or 「3月」. */
    label: z.string(),
    amount: z.string().nullable(),
    lastYearAmount: z.string(),
    yearCumulative: z.string().nullable(),
    lastYearCumulative: z.string(),
    growthPct: z.string().nullable(),
  })
  .openapi('CockpitInvestmentMonth');

/** The leaders' one-screen view. Each `filter` is the project-list query that shows the projects behind a figure. */
export const CockpitAnswer = z
  .object({
    year: z.number(),
    latestPeriod: z.string(),
    /** 「1—10月」. */
    latestLabel: z.string(),
    /** The division's 统计起点 in 万元: only projects at least this large count. */
    countedMinWan: z.number(),
    totals: SummaryFigure.nullable(),
    investment: z.array(CockpitInvestmentMonth),
    startsCompletions: z.array(z.object({ month: z.number(), starts: z.number(), completions: z.number() })),
    bySector: z.array(SummaryBreakdownRow.extend({ filter: z.object({ sector: z.string() }) })),
    byTownship: z.array(
      z.object({
        townshipId: z.string().nullable(),
        name: z.string(),
        projects: z.number(),
        yearInvestment: z.string(),
        totalInvestment: z.string(),
        filter: z.object({ townshipId: z.string().optional() }),
      }),
    ),
    reserveRatio: ReserveRatio,
    lagging: z.array(LaggingProject),
    reporting: ReportingCounts.nullable(),
    map: z.object({ nameProperty: z.string(), geojson: MapFeatureCollection }).nullable(),
  })
  .openapi('Cockpit');

export const CockpitQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export const SaveMapBody = z
  // The service checks the outline (a FeatureCollection of polygons) with messages a clerk understands.
  .object({ geojson: z.record(z.string(), JsonValue), nameProperty: z.string().trim().min(1).max(32).default('name') })
  .strict()
  .openapi('SaveMapBody');

export const SaveMapResult = z.object({ features: z.number() }).openapi('SaveMapResult');

const settingsFields = {
  deadlineDay: z.number().int().min(1, '截止日应在 1–28 日之间').max(28, '截止日应在 1–28 日之间'),
  summaryDay: z.number().int().min(1, '汇总日应在 1–28 日之间').max(28, '汇总日应在 1–28 日之间'),
  combineJanFeb: z.boolean(),
  lagMarginPct: z.number().int().min(0).max(100),
  idleMonths: z.number().int().min(1).max(12),
};

/** The monthly cycle's settings of a division. */
export const ReportingSettings = z.object({ ...settingsFields, version: z.number() }).openapi('ReportingSettings');
export const SaveReportingSettingsBody = z.object({ ...settingsFields, version: z.number().int().min(0) }).strict().openapi('SaveReportingSettingsBody');

/** A figure kept apart from the platform's own: 'official' = 统计数, 'dispatch' = 上年调度数 (imported). */
export const InvestmentFigureInput = z
  .object({
    period,
    kind: z.enum(['dispatch', 'official']),
    /** 'total' or 'sector:<sector>'. */
    scope: z.union([z.literal('total'), z.templateLiteral(['sector:', z.enum(SECTORS)])]),
    /** 万元 decimal string. */
    yearCumulative: Wan,
    note: z.string().trim().max(500).nullish(),
  })
  .openapi('InvestmentFigureInput');

export const InvestmentFigure = z
  .object({ period: z.string(), kind: z.string(), scope: z.string(), yearCumulative: z.string(), note: z.string().nullable() })
  .openapi('InvestmentFigure');

export const InvestmentFigures = z.object({ data: z.array(InvestmentFigure) }).openapi('InvestmentFigures');
export const SaveFiguresBody = z.object({ items: z.array(InvestmentFigureInput).min(1).max(500) }).strict().openapi('SaveFiguresBody');
export const SaveFiguresResult = z.object({ saved: z.number() }).openapi('SaveFiguresResult');
