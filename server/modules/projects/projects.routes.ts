import { z } from '@hono/zod-openapi';
import { AuditEntry } from '../audit';
import { projectHistory } from '../audit';
import { requireActor } from '../../platform/http/middleware';
import { createRouter, defineRoute, errorResponses, jsonResponse as json, jsonBody as body } from '../../platform/http/openapi';
import {
  CreateProjectBody,
  ProjectDetail,
  ProjectIdParam,
  ProjectListItem,
  ProjectListQuery,
  Timeline,
  TransitionBody,
  UpdateProjectBody,
} from './projects.schemas';
import * as service from './projects.service';


const routes = {
  list: defineRoute({
    method: 'get',
    path: '/api/projects',
    tags: ['项目库'],
    summary: '项目列表（检索、筛选、排序、分页）',
    permission: 'project.read',
    request: { query: ProjectListQuery },
    responses: { 200: json(z.object({ data: z.array(ProjectListItem), total: z.number() }), '项目列表'), ...errorResponses },
  }),
  create: defineRoute({
    method: 'post',
    path: '/api/projects',
    tags: ['项目库'],
    summary: '新建项目',
    permission: 'project.create',
    request: body(CreateProjectBody),
    responses: { 201: json(ProjectDetail, '已新建'), ...errorResponses },
  }),
  get: defineRoute({
    method: 'get',
    path: '/api/projects/{id}',
    tags: ['项目库'],
    summary: '项目详情',
    permission: 'project.read',
    request: { params: ProjectIdParam },
    responses: { 200: json(ProjectDetail, '项目详情'), ...errorResponses },
  }),
  update: defineRoute({
    method: 'patch',
    path: '/api/projects/{id}',
    tags: ['项目库'],
    summary: '修改项目（需提交 version）',
    permission: 'project.update',
    request: { params: ProjectIdParam, ...body(UpdateProjectBody) },
    responses: { 200: json(ProjectDetail, '已修改'), ...errorResponses },
  }),
  transition: defineRoute({
    method: 'post',
    path: '/api/projects/{id}/transitions',
    tags: ['项目库'],
    summary: '阶段变更（按转换表与前置条件校验）',
    permission: 'project.transition',
    request: { params: ProjectIdParam, ...body(TransitionBody) },
    responses: { 200: json(ProjectDetail, '已变更'), ...errorResponses },
  }),
  timeline: defineRoute({
    method: 'get',
    path: '/api/projects/{id}/timeline',
    tags: ['项目库'],
    summary: '阶段时间轴',
    permission: 'project.read',
    request: { params: ProjectIdParam },
    responses: {
      200: json(Timeline, '阶段变更记录'),
      ...errorResponses,
    },
  }),
  history: defineRoute({
    method: 'get',
    path: '/api/projects/{id}/history',
    tags: ['项目库'],
    summary: '项目操作记录（审计日志）',
    permission: 'project.read',
    request: { params: ProjectIdParam },
    responses: { 200: json(z.object({ data: z.array(AuditEntry) }), '操作记录'), ...errorResponses },
  }),
};

/** The project record: list, create, view, edit, stage transitions, timeline, history. */
export function projectRoutes() {
  return createRouter()
    .openapi(routes.list, async (c) => c.json(await service.listProjects(c.get('deps').database, requireActor(c), c.req.valid('query')), 200))
    .openapi(routes.create, async (c) => c.json(await service.createProject(c.get('deps').database, requireActor(c), c.req.valid('json')), 201))
    .openapi(routes.get, async (c) => c.json(await service.getProjectDetail(c.get('deps').database, requireActor(c), c.req.valid('param').id), 200))
    .openapi(routes.update, async (c) =>
      c.json(await service.updateProject(c.get('deps').database, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(routes.transition, async (c) =>
      c.json(await service.transitionProject(c.get('deps').database, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(routes.timeline, async (c) =>
      c.json({ data: await service.projectTimeline(c.get('deps').database, requireActor(c), c.req.valid('param').id) }, 200),
    )
    .openapi(routes.history, async (c) => {
      const { database } = c.get('deps');
      const { project } = await service.loadProject(database.db, requireActor(c), c.req.valid('param').id);
      return c.json({ data: await projectHistory(database, project.divisionCode, project.id) }, 200);
    });
}
