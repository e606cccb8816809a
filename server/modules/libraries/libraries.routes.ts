import { z } from '@hono/zod-openapi';
import { requireActor } from '../../platform/http/middleware';
import { createRouter, defineRoute, errorResponses, jsonResponse as json, jsonBody as body } from '../../platform/http/openapi';
import {
  BatchLibraryRequestResult,
  BatchReviewRequestsBody,
  CreateLibraryBody,
  CreateLibraryRequestBody,
  IdParam,
  Library,
  LibraryList,
  LibraryRequest,
  LibraryRequestQuery,
  ReturnBody,
  ReviewBody,
  UpdateLibraryBody,
} from './libraries.schemas';
import * as service from './libraries.service';


const routes = {
  list: defineRoute({
    method: 'get',
    path: '/api/libraries',
    tags: ['项目库'],
    summary: '项目库（"4+X"）与储备比',
    permission: 'project.read',
    responses: { 200: json(LibraryList, '项目库列表'), ...errorResponses },
  }),
  create: defineRoute({
    method: 'post',
    path: '/api/libraries',
    tags: ['项目库'],
    summary: '新建项目库',
    permission: 'library.manage',
    request: body(CreateLibraryBody),
    responses: { 201: json(Library, '已新建'), ...errorResponses },
  }),
  update: defineRoute({
    method: 'patch',
    path: '/api/libraries/{id}',
    tags: ['项目库'],
    summary: '修改项目库（需提交 version）',
    permission: 'library.manage',
    request: { params: IdParam, ...body(UpdateLibraryBody) },
    responses: { 200: json(Library, '已修改'), ...errorResponses },
  }),
  submit: defineRoute({
    method: 'post',
    path: '/api/library-requests',
    tags: ['项目库'],
    summary: '申请入库 / 调整 / 出库',
    permission: 'library.request',
    request: body(CreateLibraryRequestBody),
    responses: { 201: json(LibraryRequest, '已提交'), ...errorResponses },
  }),
  listRequests: defineRoute({
    method: 'get',
    path: '/api/library-requests',
    tags: ['项目库'],
    summary: '入库申请（status=pending 为审核待办）',
    permission: 'project.read',
    request: { query: LibraryRequestQuery },
    responses: { 200: json(z.object({ data: z.array(LibraryRequest), total: z.number() }), '申请列表'), ...errorResponses },
  }),
  batchReview: defineRoute({
    method: 'post',
    path: '/api/library-requests/batch-review',
    tags: ['项目库'],
    summary: '批量审核：以同一审核意见通过或退回多项申请（每项一条审计记录；整批处理，任一项不能处理则全部不变，并逐项说明原因）',
    permission: 'library.review',
    request: body(BatchReviewRequestsBody),
    responses: { 200: json(BatchLibraryRequestResult, '已处理'), ...errorResponses },
  }),
  approve: defineRoute({
    method: 'post',
    path: '/api/library-requests/{id}/approve',
    tags: ['项目库'],
    summary: '审核通过',
    permission: 'library.review',
    request: { params: IdParam, ...body(ReviewBody) },
    responses: { 200: json(LibraryRequest, '已通过'), ...errorResponses },
  }),
  return: defineRoute({
    method: 'post',
    path: '/api/library-requests/{id}/return',
    tags: ['项目库'],
    summary: '退回（须填写原因）',
    permission: 'library.review',
    request: { params: IdParam, ...body(ReturnBody) },
    responses: { 200: json(LibraryRequest, '已退回'), ...errorResponses },
  }),
};

/** Libraries and the 入库 / 调整 / 出库 requests reviewed by the 发改局. */
export function libraryRoutes() {
  return createRouter()
    .openapi(routes.list, async (c) => c.json(await service.listLibraries(c.get('deps').database, requireActor(c)), 200))
    .openapi(routes.create, async (c) => c.json(await service.createLibrary(c.get('deps').database, requireActor(c), c.req.valid('json')), 201))
    .openapi(routes.update, async (c) =>
      c.json(await service.updateLibrary(c.get('deps').database, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(routes.submit, async (c) => c.json(await service.submitLibraryRequest(c.get('deps').database, requireActor(c), c.req.valid('json')), 201))
    .openapi(routes.listRequests, async (c) => c.json(await service.listLibraryRequests(c.get('deps').database, requireActor(c), c.req.valid('query')), 200))
    .openapi(routes.batchReview, async (c) => c.json(await service.reviewLibraryRequests(c.get('deps').database, requireActor(c), c.req.valid('json')), 200))
    .openapi(routes.approve, async (c) =>
      c.json(await service.reviewLibraryRequest(c.get('deps').database, requireActor(c), c.req.valid('param').id, { approve: true, comment: c.req.valid('json').comment }), 200),
    )
    .openapi(routes.return, async (c) =>
      c.json(await service.reviewLibraryRequest(c.get('deps').database, requireActor(c), c.req.valid('param').id, { approve: false, comment: c.req.valid('json').comment }), 200),
    );
}
