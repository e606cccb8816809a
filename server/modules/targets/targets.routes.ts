import { requireActor } from '../../platform/http/middleware';
import { createRouter, defineRoute, errorResponses, jsonResponse as json, jsonBody as body } from '../../platform/http/openapi';
import { IdParam, SaveAllocationsBody, SaveTargetsBody, Target, TargetList, TargetsQuery, YearParam } from './targets.schemas';
import * as service from './targets.service';


const routes = {
  list: defineRoute({
    method: 'get',
    path: '/api/targets',
    tags: ['目标任务'],
    summary: '年度目标任务与完成进度（进度由数据计算）',
    permission: 'target.read',
    request: { query: TargetsQuery },
    responses: { 200: json(TargetList, '年度目标'), ...errorResponses },
  }),
  save: defineRoute({
    method: 'put',
    path: '/api/targets/{year}',
    tags: ['目标任务'],
    summary: '设定年度目标（发改局；已有目标须提交 version）',
    permission: 'target.manage',
    request: { params: YearParam, ...body(SaveTargetsBody) },
    responses: { 200: json(TargetList, '已保存'), ...errorResponses },
  }),
  allocate: defineRoute({
    method: 'put',
    path: '/api/targets/{id}/allocations',
    tags: ['目标任务'],
    summary: '分解目标到部门、乡镇（整体替换；须提交目标的 version）',
    permission: 'target.manage',
    request: { params: IdParam, ...body(SaveAllocationsBody) },
    responses: { 200: json(Target, '已分解'), ...errorResponses },
  }),
};

/** 目标任务 ("1116"): annual targets, their decomposition and computed progress. */
export function targetRoutes() {
  return createRouter()
    .openapi(routes.list, async (c) => c.json(await service.listTargets(c.get('deps').database, requireActor(c), c.req.valid('query')), 200))
    .openapi(routes.save, async (c) => c.json(await service.saveTargets(c.get('deps').database, requireActor(c), c.req.valid('param').year, c.req.valid('json')), 200))
    .openapi(routes.allocate, async (c) =>
      c.json(await service.saveAllocations(c.get('deps').database, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
    );
}
