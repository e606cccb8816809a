import { z } from '@hono/zod-openapi';
import { SECTORS } from '../../../common/projects';
import { requireActor } from '../../platform/http/middleware';
import { createRouter, defineRoute, errorResponses, jsonResponse as json, jsonBody as body } from '../../platform/http/openapi';
import { Wan } from '../projects/projects.schemas';
import { getSettings, listFigures, saveFigures, saveSettings } from '../monthly-reports/settings.service';
import { computeCockpit, saveMap } from './cockpit.service';

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '报送期格式应为 YYYY-MM');

const Settings = z
  .object({
    deadlineDay: z.number().int().min(1, '截止日应在 1–28 日之间').max(28, '截止日应在 1–28 日之间'),
    summaryDay: z.number().int().min(1, '汇总日应在 1–28 日之间').max(28, '汇总日应在 1–28 日之间'),
    combineJanFeb: z.boolean(),
    lagMarginPct: z.number().int().min(0).max(100),
    idleMonths: z.number().int().min(1).max(12),
  })
  .openapi('ReportingSettings');
const FigureItem = z.object({
  period,
  kind: z.enum(['dispatch', 'official']),
  scope: z.union([z.literal('total'), z.templateLiteral(['sector:', z.enum(SECTORS)])]),
  yearCumulative: Wan,
  note: z.string().trim().max(500).nullish(),
});

const routes = {
  cockpit: defineRoute({
    method: 'get',
    path: '/api/cockpit',
    tags: ['驾驶舱'],
    summary: '领导驾驶舱（一屏总览）',
    permission: 'summary.read',
    request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }) },
    responses: { 200: json(z.record(z.string(), z.unknown()), '驾驶舱数据'), ...errorResponses },
  }),
  saveMap: defineRoute({
    method: 'put',
    path: '/api/map',
    tags: ['驾驶舱'],
    summary: '上传乡镇地图（GeoJSON）',
    permission: 'period.manage',
    request: body(z.object({ geojson: z.record(z.string(), z.unknown()), nameProperty: z.string().trim().min(1).max(32).default('name') }).strict()),
    responses: { 200: json(z.object({ features: z.number() }), '已保存'), ...errorResponses },
  }),
  settings: defineRoute({
    method: 'get',
    path: '/api/reporting-settings',
    tags: ['月报'],
    summary: '月报调度设置',
    permission: 'project.read',
    responses: { 200: json(Settings.extend({ version: z.number() }), '设置'), ...errorResponses },
  }),
  saveSettings: defineRoute({
    method: 'put',
    path: '/api/reporting-settings',
    tags: ['月报'],
    summary: '修改月报调度设置',
    permission: 'period.manage',
    request: body(Settings.extend({ version: z.number().int().min(0) }).strict()),
    responses: { 200: json(Settings.extend({ version: z.number() }), '已保存'), ...errorResponses },
  }),
  figures: defineRoute({
    method: 'get',
    path: '/api/investment-figures',
    tags: ['月报'],
    summary: '上年调度数与统计数',
    permission: 'summary.read',
    request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }) },
    responses: { 200: json(z.object({ data: z.array(FigureItem.extend({ kind: z.string(), scope: z.string() })) }), '数据'), ...errorResponses },
  }),
  saveFigures: defineRoute({
    method: 'put',
    path: '/api/investment-figures',
    tags: ['月报'],
    summary: '录入上年调度数或统计数（按期、按口径）',
    permission: 'period.manage',
    request: body(z.object({ items: z.array(FigureItem).min(1).max(500) }).strict()),
    responses: { 200: json(z.object({ saved: z.number() }), '已保存'), ...errorResponses },
  }),
};

/** The cockpit, the map outline, and the cycle's settings and reference figures. */
export function cockpitRoutes() {
  return createRouter()
    .openapi(routes.cockpit, async (c) =>
      c.json(
        (await computeCockpit(
          c.get('deps').database,
          requireActor(c),
          c.req.valid('query').year ?? new Date().getFullYear(),
          c.get('deps').replica,
        )) as unknown as Record<string, unknown>,
        200,
      ),
    )
    .openapi(routes.saveMap, async (c) => c.json(await saveMap(c.get('deps').database, requireActor(c), c.req.valid('json')), 200))
    .openapi(routes.settings, async (c) => c.json(await getSettings(c.get('deps').database, requireActor(c)), 200))
    .openapi(routes.saveSettings, async (c) => c.json(await saveSettings(c.get('deps').database, requireActor(c), c.req.valid('json')), 200))
    .openapi(routes.figures, async (c) => c.json({ data: await listFigures(c.get('deps').database, requireActor(c), c.req.valid('query').year) }, 200))
    .openapi(routes.saveFigures, async (c) => c.json(await saveFigures(c.get('deps').database, requireActor(c), c.req.valid('json').items), 200));
}
