import { z } from '@hono/zod-openapi';
import { requireActor } from '../../platform/http/middleware';
import { createRouter, defineRoute, errorResponses, jsonResponse as json, jsonBody as body } from '../../platform/http/openapi';
import { getSettings, listFigures, saveFigures, saveSettings } from '../monthly-reports';
import {
  CockpitAnswer,
  CockpitQuery,
  InvestmentFigures,
  ReportingSettings,
  SaveFiguresBody,
  SaveFiguresResult,
  SaveMapBody,
  SaveMapResult,
  SaveReportingSettingsBody,
} from './cockpit.schemas';
import { computeCockpit, saveMap } from './cockpit.service';

const routes = {
  cockpit: defineRoute({
    method: 'get',
    path: '/api/cockpit',
    tags: ['驾驶舱'],
    summary: '领导驾驶舱（一屏总览；divisionCode 可为本辖区内的县区）',
    permission: 'summary.read',
    request: { query: CockpitQuery },
    responses: { 200: json(CockpitAnswer, '驾驶舱数据'), ...errorResponses },
  }),
  saveMap: defineRoute({
    method: 'put',
    path: '/api/map',
    tags: ['驾驶舱'],
    summary: '上传地图（GeoJSON：县上传乡镇边界，市、省上传县区边界并带行政区划代码）',
    permission: 'period.manage',
    request: body(SaveMapBody),
    responses: { 200: json(SaveMapResult, '已保存'), ...errorResponses },
  }),
  settings: defineRoute({
    method: 'get',
    path: '/api/reporting-settings',
    tags: ['月报'],
    summary: '月报调度设置',
    permission: 'project.read',
    responses: { 200: json(ReportingSettings, '设置'), ...errorResponses },
  }),
  saveSettings: defineRoute({
    method: 'put',
    path: '/api/reporting-settings',
    tags: ['月报'],
    summary: '修改月报调度设置',
    permission: 'period.manage',
    request: body(SaveReportingSettingsBody),
    responses: { 200: json(ReportingSettings, '已保存'), ...errorResponses },
  }),
  figures: defineRoute({
    method: 'get',
    path: '/api/investment-figures',
    tags: ['月报'],
    summary: '上年调度数与统计数',
    permission: 'summary.read',
    request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }) },
    responses: { 200: json(InvestmentFigures, '数据'), ...errorResponses },
  }),
  saveFigures: defineRoute({
    method: 'put',
    path: '/api/investment-figures',
    tags: ['月报'],
    summary: '录入上年调度数或统计数（按期、按口径）',
    permission: 'period.manage',
    request: body(SaveFiguresBody),
    responses: { 200: json(SaveFiguresResult, '已保存'), ...errorResponses },
  }),
};

/** The cockpit, the map outline, and the cycle's settings and reference figures. */
export function cockpitRoutes() {
  return createRouter()
    .openapi(routes.cockpit, async (c) =>
      c.json(await computeCockpit(c.get('deps').database, requireActor(c), c.req.valid('query'), c.get('deps').replica), 200),
    )
    .openapi(routes.saveMap, async (c) => c.json(await saveMap(c.get('deps').database, requireActor(c), c.req.valid('json')), 200))
    .openapi(routes.settings, async (c) => c.json(await getSettings(c.get('deps').database, requireActor(c)), 200))
    .openapi(routes.saveSettings, async (c) => c.json(await saveSettings(c.get('deps').database, requireActor(c), c.req.valid('json')), 200))
    .openapi(routes.figures, async (c) => c.json({ data: await listFigures(c.get('deps').database, requireActor(c), c.req.valid('query').year) }, 200))
    .openapi(routes.saveFigures, async (c) => c.json(await saveFigures(c.get('deps').database, requireActor(c), c.req.valid('json').items), 200));
}
