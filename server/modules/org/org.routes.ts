import { z } from '@hono/zod-openapi';
import { requireActor } from '../../platform/http/middleware';
import { createRouter, defineRoute, errorResponses, jsonResponse as json, jsonBody as body } from '../../platform/http/openapi';
import {
  County,
  CountyListQuery,
  CreateCountyBody,
  CreatedCounty,
  CreateUnitBody,
  CreateUserBody,
  Division,
  IdParam,
  ResetPasswordBody,
  Unit,
  UnitListQuery,
  UpdateUnitBody,
  UpdateUserBody,
  User,
  UserListQuery,
} from './org.schemas';
import * as counties from './counties.service';
import * as org from './org.service';


const routes = {
  divisions: defineRoute({
    method: 'get',
    path: '/api/divisions',
    tags: ['组织'],
    summary: '行政区划（本人管辖范围内）',
    permission: 'division.read',
    responses: { 200: json(z.object({ data: z.array(Division) }), '行政区划列表'), 401: errorResponses[401], 403: errorResponses[403] },
  }),
  listCounties: defineRoute({
    method: 'get',
    path: '/api/counties',
    tags: ['组织'],
    summary: '县区列表（本人管辖范围内，含单位数、用户数和管理员账号；与用户列表同一权限）',
    permission: 'user.read',
    request: { query: CountyListQuery },
    responses: { 200: json(z.object({ data: z.array(County), total: z.number() }), '县区列表'), ...errorResponses },
  }),
  createCounty: defineRoute({
    method: 'post',
    path: '/api/counties',
    tags: ['组织'],
    summary: '新增县区：行政区划、发展和改革局和首个管理员（首次登录须修改密码），市（州）或省级管理员办理',
    permission: 'division.manage',
    request: body(CreateCountyBody),
    responses: { 201: json(CreatedCounty, '已新增'), ...errorResponses },
  }),
  listUnits: defineRoute({
    method: 'get',
    path: '/api/units',
    tags: ['组织'],
    summary: '单位列表',
    permission: 'org.read',
    request: { query: UnitListQuery },
    responses: { 200: json(z.object({ data: z.array(Unit), total: z.number() }), '单位列表'), ...errorResponses },
  }),
  createUnit: defineRoute({
    method: 'post',
    path: '/api/units',
    tags: ['组织'],
    summary: '新建单位',
    permission: 'org.manage',
    request: body(CreateUnitBody),
    responses: { 201: json(Unit, '已新建'), ...errorResponses },
  }),
  updateUnit: defineRoute({
    method: 'patch',
    path: '/api/units/{id}',
    tags: ['组织'],
    summary: '修改单位（需提交 version）',
    permission: 'org.manage',
    request: { params: IdParam, ...body(UpdateUnitBody) },
    responses: { 200: json(Unit, '已修改'), ...errorResponses },
  }),
  listUsers: defineRoute({
    method: 'get',
    path: '/api/users',
    tags: ['组织'],
    summary: '用户列表',
    permission: 'user.read',
    request: { query: UserListQuery },
    responses: { 200: json(z.object({ data: z.array(User), total: z.number() }), '用户列表'), ...errorResponses },
  }),
  createUser: defineRoute({
    method: 'post',
    path: '/api/users',
    tags: ['组织'],
    summary: '新建用户（首次登录须修改密码）',
    permission: 'user.manage',
    request: body(CreateUserBody),
    responses: { 201: json(User, '已新建'), ...errorResponses },
  }),
  updateUser: defineRoute({
    method: 'patch',
    path: '/api/users/{id}',
    tags: ['组织'],
    summary: '修改用户（需提交 version）',
    permission: 'user.manage',
    request: { params: IdParam, ...body(UpdateUserBody) },
    responses: { 200: json(User, '已修改'), ...errorResponses },
  }),
  resetPassword: defineRoute({
    method: 'post',
    path: '/api/users/{id}/reset-password',
    tags: ['组织'],
    summary: '重置密码',
    permission: 'user.manage',
    request: { params: IdParam, ...body(ResetPasswordBody) },
    responses: { 204: { description: '已重置' }, ...errorResponses },
  }),
  unlockUser: defineRoute({
    method: 'post',
    path: '/api/users/{id}/unlock',
    tags: ['组织'],
    summary: '解除登录锁定',
    permission: 'user.manage',
    request: { params: IdParam },
    responses: { 204: { description: '已解除' }, ...errorResponses },
  }),
};

/** Divisions, units and users. */
export function orgRoutes() {
  return createRouter()
    .openapi(routes.divisions, async (c) => {
      const rows = await org.listDivisions(c.get('deps').database, requireActor(c));
      return c.json({ data: rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parentCode })) }, 200);
    })
    .openapi(routes.listCounties, async (c) => c.json(await counties.listCounties(c.get('deps').database, requireActor(c), c.req.valid('query')), 200))
    .openapi(routes.createCounty, async (c) => c.json(await counties.createCounty(c.get('deps').database, requireActor(c), c.req.valid('json')), 201))
    .openapi(routes.listUnits, async (c) => c.json(await org.listUnits(c.get('deps').database, requireActor(c), c.req.valid('query')), 200))
    .openapi(routes.createUnit, async (c) => c.json(await org.createUnit(c.get('deps').database, requireActor(c), c.req.valid('json')), 201))
    .openapi(routes.updateUnit, async (c) =>
      c.json(await org.updateUnit(c.get('deps').database, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(routes.listUsers, async (c) => c.json(await org.listUsers(c.get('deps').database, requireActor(c), c.req.valid('query')), 200))
    .openapi(routes.createUser, async (c) => c.json(await org.createUser(c.get('deps').database, requireActor(c), c.req.valid('json')), 201))
    .openapi(routes.updateUser, async (c) =>
      c.json(await org.updateUser(c.get('deps').database, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(routes.resetPassword, async (c) => {
      await org.resetUserPassword(c.get('deps').database, requireActor(c), c.req.valid('param').id, c.req.valid('json').password);
      return c.body(null, 204);
    })
    .openapi(routes.unlockUser, async (c) => {
      await org.unlockUser(c.get('deps').database, requireActor(c), c.req.valid('param').id);
      return c.body(null, 204);
    });
}
