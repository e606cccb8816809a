import { z } from '@hono/zod-openapi';
import { SECTORS } from '../../../common/projects';
import { JsonValue } from '../../platform/http/json-value';
import { ReserveRatio } from '../libraries';
import { LaggingProject, ReportingCounts, SummaryBreakdownRow, SummaryFigure } from '../monthly-reports';
import { Wan } from '../projects';

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '报送期格式应为 YYYY-MM');
const position = z.array(z.number());

/** An area outline: a GeoJSON Polygon or MultiPolygon. */
export const MapGeometry = z
  .union([
    z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(position)) }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(position))) }),
  ])
  .openapi('MapGeometry');

/** A division's map: a GeoJSON FeatureCollection of polygons (a county's townships, or a city's or province's counties). */
export const MapFeatureCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({ type: z.literal('Feature'), properties: z.record(z.string(), JsonValue).nullable(), geometry: MapGeometry }),
    ),
  })
  .openapi('MapFeatureCollection');

const figureStatus = z.enum(['final', 'preliminary']).openapi({ description: 'final 正式（报送期已关闭）；preliminary 初步（未关闭，仍可能补报、更正）' });

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
    figureStatus,
    /** A period after the headline period (its summary is not due yet): shown, but only as 初步. */
    isAfterHeadline: z.boolean(),
  })
  .openapi('CockpitInvestmentMonth');

/** Whose figures the cockpit shows, and where it sits among the divisions. */
export const CockpitView = z
  .object({
    divisionCode: z.string(),
    divisionName: z.string(),
    level: z.enum(['province', 'city', 'county']),
    /** The screen's title: the township's (or unit's) name for a user who sees only its own projects, else the division's. */
    title: z.string(),
    /** 「城关镇本乡镇项目」「河西县全县」「金泉市各县区合计」: said beside the figures. */
    whose: z.string(),
    /** The caller sees only its own projects (a township, a department): county figures appear only as a labelled reference. */
    isOwnScope: z.boolean(),
    /** The division above when a city or province user looks at one of its counties (the way back). */
    parent: z.object({ divisionCode: z.string(), name: z.string() }).nullable(),
    /** Whether the caller may upload this division's map (its own division, with 报送期管理). */
    canUploadMap: z.boolean(),
  })
  .openapi('CockpitView');

/** The period the headline figures are of: the latest whose summary is due (the 10th rule), or the year's last for a past year. */
export const CockpitHeadline = z
  .object({
    period: z.string(),
    /** 「10月」. */
    label: z.string(),
    /** 「1—10月」. */
    cumulativeLabel: z.string(),
    figureStatus,
    /** 「初步 · 报送期未关闭，已报 61%」 (the summary's). */
    figureNote: z.string(),
  })
  .openapi('CockpitHeadline');

/** One county of a city's or province's ranking. */
export const CockpitCountyRow = z
  .object({
    divisionCode: z.string(),
    name: z.string(),
    /** 万元, the summary's 分县区 figure (the counties add up to the roll-up's total). */
    yearCumulative: z.string(),
    lastYearCumulative: z.string().nullable(),
    growthPct: z.string().nullable(),
    projects: z.number(),
    reporting: z.object({ expected: z.number(), submitted: z.number() }),
    /** 报送率 % with one decimal; null when no project is due to report. */
    reportingRatePct: z.string().nullable(),
    lagging: z.number(),
  })
  .openapi('CockpitCountyRow');

export const CockpitLaggingCounts = z
  .object({ total: z.number(), behind_plan: z.number(), idle: z.number(), start_overdue: z.number() })
  .openapi('CockpitLaggingCounts');

/** The leaders' one-screen view. Each `filter` is the project-list query that shows the projects behind a figure. */
export const CockpitAnswer = z
  .object({
    view: CockpitView,
    year: z.number(),
    headline: CockpitHeadline,
    /** The same as `headline.period` (kept for the links of older pages). */
    latestPeriod: z.string(),
    /** 「1—10月」. */
    latestLabel: z.string(),
    /** The division's 统计起点 in 万元: only projects at least this large count. */
    countedMinWan: z.number(),
    /** The summary's totals of the headline period (the same 本年累计 and 同比 as the summary page). */
    totals: SummaryFigure,
    investment: z.array(CockpitInvestmentMonth),
    startsCompletions: z.array(z.object({ month: z.number(), starts: z.number(), completions: z.number() })),
    bySector: z.array(SummaryBreakdownRow.extend({ filter: z.object({ sector: z.string() }) })),
    /** A county's townships (empty for a city or province). */
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
    /** A city's or province's counties, largest 本年累计 first (empty for a county). */
    byCounty: z.array(CockpitCountyRow),
    /** The reserve ratio of the figures' owner (`view.whose`). */
    reserveRatio: ReserveRatio,
    /** For a user who sees only its own projects: the whole county's ratio, as a labelled reference. */
    countyReserveRatio: ReserveRatio.nullable(),
    /** The first lagging projects of the headline period; `laggingCounts.total` is how many there are. */
    lagging: z.array(LaggingProject),
    laggingCounts: CockpitLaggingCounts,
    reporting: ReportingCounts,
    /** The division's map; `areaKind` says what its features are and `nameProperty` which property names them (a county's 行政区划代码 for counties). */
    map: z.object({ nameProperty: z.string(), areaKind: z.enum(['township', 'county']), geojson: MapFeatureCollection }).nullable(),
  })
  .openapi('Cockpit');

export const CockpitQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** A county (or city) under the caller's own division: a city or province user opens a county's cockpit. */
  divisionCode: z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字').optional(),
});

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
