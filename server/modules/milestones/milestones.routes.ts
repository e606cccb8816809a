import { attachment, XLSX } from '../../platform/http/download';
import { requireActor } from '../../platform/http/middleware';
import { createRouter, defineRoute, errorResponses, jsonResponse as json, jsonBody as body } from '../../platform/http/openapi';
import {
  CreateMilestoneBody,
  DeleteMilestoneQuery,
  IdParam,
  Milestone,
  Portfolio,
  PortfolioQuery,
  ProjectMilestones,
  UpdateMilestoneBody,
} from './milestones.schemas';
import * as service from './milestones.service';


const routes = {
  list: defineRoute({
    method: 'get',
    path: '/api/projects/{id}/milestones',
    tags: ['挂图作战'],
    summary: '项目里程碑计划（含状态与倒计时）',
    permission: 'project.read',
    request: { params: IdParam },
    responses: { 200: json(ProjectMilestones, '里程碑计划'), ...errorResponses },
  }),
  create: defineRoute({
    method: 'post',
    path: '/api/projects/{id}/milestones',
    tags: ['挂图作战'],
    summary: '新增里程碑',
    permission: 'milestone.manage',
    request: { params: IdParam, ...body(CreateMilestoneBody) },
    responses: { 201: json(Milestone, '已新增'), ...errorResponses },
  }),
  update: defineRoute({
    method: 'patch',
    path: '/api/milestones/{id}',
    tags: ['挂图作战'],
    summary: '修改里程碑 / 填报实际完成日期（需提交 version）',
    permission: 'milestone.manage',
    request: { params: IdParam, ...body(UpdateMilestoneBody) },
    responses: { 200: json(Milestone, '已修改'), ...errorResponses },
  }),
  remove: defineRoute({
    method: 'delete',
    path: '/api/milestones/{id}',
    tags: ['挂图作战'],
    summary: '删除里程碑（需提交 version）',
    permission: 'milestone.manage',
    request: { params: IdParam, query: DeleteMilestoneQuery },
    responses: { 204: { description: '已删除' }, ...errorResponses },
  }),
  portfolio: defineRoute({
    method: 'get',
    path: '/api/milestones/portfolio',
    tags: ['挂图作战'],
    summary: '挂图作战总览（按领导、部门、乡镇、项目库筛选的甘特图数据）',
    permission: 'project.read',
    request: { query: PortfolioQuery },
    responses: { 200: json(Portfolio, '项目里程碑总览'), ...errorResponses },
  }),
  portfolioExport: defineRoute({
    method: 'get',
    path: '/api/milestones/portfolio/export.xlsx',
    tags: ['挂图作战'],
    summary: '按当前筛选导出挂图作战里程碑表（全部项目）',
    permission: 'project.read',
    request: { query: PortfolioQuery },
    responses: { 200: { description: 'Excel 表' }, ...errorResponses },
  }),
};

/** 挂图作战: milestone plans of key projects and the portfolio timeline. */
export function milestoneRoutes() {
  return createRouter()
    .openapi(routes.portfolio, async (c) => c.json(await service.milestonePortfolio(c.get('deps').database, requireActor(c), c.req.valid('query')), 200))
    .openapi(routes.portfolioExport, async (c) => {
      const { bytes, filename } = await service.exportPortfolio(c.get('deps').database, requireActor(c), c.req.valid('query'));
      return attachment(bytes, XLSX, filename) as never;
    })
    .openapi(routes.list, async (c) => c.json(await service.listProjectMilestones(c.get('deps').database, requireActor(c), c.req.valid('param').id), 200))
    .openapi(routes.create, async (c) =>
      c.json(await service.createMilestone(c.get('deps').database, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 201),
    )
    .openapi(routes.update, async (c) =>
      c.json(await service.updateMilestone(c.get('deps').database, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(routes.remove, async (c) => {
      await service.deleteMilestone(c.get('deps').database, requireActor(c), c.req.valid('param').id, c.req.valid('query').version);
      return c.body(null, 204);
    });
}
