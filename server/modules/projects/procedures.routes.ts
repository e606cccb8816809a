import { z } from '@hono/zod-openapi';
import { APPROVAL_TYPES } from '../../../common/projects';
import { Attachment, uploadBody } from '../../platform/attachments';
import { attachment, XLSX } from '../../platform/http/download';
import { requireActor } from '../../platform/http/middleware';
import { createRouter, defineRoute, errorResponses, jsonResponse as json, jsonBody as body } from '../../platform/http/openapi';
import { listDocuments, openDocument, projectAttachments, uploadDocument } from './documents.service';
import { exportStuckProcedures, listProcedureTemplates, listProjectProcedures, saveProcedureTemplate, stuckProcedures, updateProcedure } from './procedures.service';
import {
  Procedure,
  Procedures,
  ProcedureTemplate,
  ProcedureTemplates,
  SavedFilter,
  SavedFilters,
  SaveTemplateBody,
  StuckAnswer,
  StuckFilters,
  StuckQuery,
  UpdateProcedureBody,
} from './procedures.schemas';
import { ProjectIdParam } from './projects.schemas';
import { deleteFilter, listSavedFilters, saveFilter } from './saved-filters.service';
import { uploadQuotaBytes } from '../../platform/config';

const UploadBody = uploadBody('请选择要上传的文件');

const IdParam = z.object({ id: z.string().uuid('编号格式不正确') });

const routes = {
  templates: defineRoute({
    method: 'get',
    path: '/api/procedure-templates',
    tags: ['前期手续'],
    summary: '前期手续模板（按审批类型）',
    permission: 'project.read',
    responses: { 200: json(ProcedureTemplates, '模板'), ...errorResponses },
  }),
  saveTemplate: defineRoute({
    method: 'put',
    path: '/api/procedure-templates/{approvalType}',
    tags: ['前期手续'],
    summary: '修改前期手续模板（对此后新建的项目生效）',
    permission: 'library.manage',
    request: { params: z.object({ approvalType: z.enum(APPROVAL_TYPES) }), ...body(SaveTemplateBody) },
    responses: { 200: json(ProcedureTemplate, '已保存'), ...errorResponses },
  }),
  list: defineRoute({
    method: 'get',
    path: '/api/projects/{id}/procedures',
    tags: ['前期手续'],
    summary: '项目前期手续清单',
    permission: 'project.read',
    request: { params: ProjectIdParam },
    responses: { 200: json(Procedures, '手续清单'), ...errorResponses },
  }),
  update: defineRoute({
    method: 'patch',
    path: '/api/procedures/{id}',
    tags: ['前期手续'],
    summary: '更新一项前期手续（需提交 version）',
    permission: 'procedure.update',
    request: { params: IdParam, ...body(UpdateProcedureBody) },
    responses: { 200: json(Procedure, '已更新'), ...errorResponses },
  }),
  stuck: defineRoute({
    method: 'get',
    path: '/api/procedures/stuck',
    tags: ['前期手续'],
    summary: '跨项目的卡点手续（未启动 / 办理中）',
    permission: 'project.read',
    request: { query: StuckQuery },
    responses: {
      200: json(StuckAnswer, '卡点手续'),
      ...errorResponses,
    },
  }),
  stuckExport: defineRoute({
    method: 'get',
    path: '/api/procedures/stuck/export.xlsx',
    tags: ['前期手续'],
    summary: '按当前筛选导出未办结的前期手续（全部行）',
    permission: 'project.read',
    request: { query: StuckFilters },
    responses: { 200: { description: 'Excel 表' }, ...errorResponses },
  }),
  documents: defineRoute({
    method: 'get',
    path: '/api/projects/{id}/documents',
    tags: ['附件'],
    summary: '项目附件',
    permission: 'project.read',
    request: { params: ProjectIdParam },
    responses: { 200: json(z.object({ data: z.array(Attachment) }), '附件列表'), ...errorResponses },
  }),
  upload: defineRoute({
    method: 'post',
    path: '/api/projects/{id}/documents',
    tags: ['附件'],
    summary: '上传附件（PDF/JPG/PNG/DOCX/XLSX，≤ 20 MB，按内容校验类型）',
    permission: 'document.upload',
    upload: { maxBytes: projectAttachments.maxBytes, what: '单个文件' },
    request: { params: ProjectIdParam, body: { content: { 'multipart/form-data': { schema: UploadBody } }, required: true } },
    responses: { 201: json(Attachment, '已上传'), ...errorResponses },
  }),
  download: defineRoute({
    method: 'get',
    path: '/api/documents/{id}/download',
    tags: ['附件'],
    summary: '下载附件',
    permission: 'project.read',
    request: { params: IdParam },
    responses: { 200: { description: '文件内容' }, ...errorResponses },
  }),
  filters: defineRoute({
    method: 'get',
    path: '/api/saved-filters',
    tags: ['项目库'],
    summary: '我保存的筛选条件',
    permission: 'project.read',
    responses: { 200: json(SavedFilters, '筛选条件'), ...errorResponses },
  }),
  saveFilter: defineRoute({
    method: 'post',
    path: '/api/saved-filters',
    tags: ['项目库'],
    summary: '保存筛选条件（同名覆盖）',
    permission: 'project.read',
    request: body(z.object({ name: z.string().trim().min(1, '请填写名称').max(64), query: z.string().max(2000) }).strict()),
    responses: { 201: json(SavedFilter, '已保存'), ...errorResponses },
  }),
  deleteFilter: defineRoute({
    method: 'delete',
    path: '/api/saved-filters/{id}',
    tags: ['项目库'],
    summary: '删除筛选条件',
    permission: 'project.read',
    request: { params: IdParam },
    responses: { 204: { description: '已删除' }, ...errorResponses },
  }),
};

/** 前期手续, attachments and saved filters of the project library. */
export function procedureRoutes() {
  return createRouter()
    .openapi(routes.templates, async (c) => c.json({ data: await listProcedureTemplates(c.get('deps').database, requireActor(c)) }, 200))
    .openapi(routes.saveTemplate, async (c) =>
      c.json(await saveProcedureTemplate(c.get('deps').database, requireActor(c), c.req.valid('param').approvalType, c.req.valid('json')), 200),
    )
    .openapi(routes.list, async (c) => c.json({ data: await listProjectProcedures(c.get('deps').database, requireActor(c), c.req.valid('param').id) }, 200))
    .openapi(routes.update, async (c) => c.json(await updateProcedure(c.get('deps').database, requireActor(c), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(routes.stuck, async (c) => c.json(await stuckProcedures(c.get('deps').database, requireActor(c), c.req.valid('query')), 200))
    .openapi(routes.stuckExport, async (c) => {
      const { bytes, filename } = await exportStuckProcedures(c.get('deps').database, requireActor(c), c.req.valid('query'));
      return attachment(bytes, XLSX, filename) as never;
    })
    .openapi(routes.documents, async (c) => c.json({ data: await listDocuments(c.get('deps').database, requireActor(c), c.req.valid('param').id) }, 200))
    .openapi(routes.upload, async (c) => {
      const { database, config } = c.get('deps');
      const { file } = c.req.valid('form');
      return c.json(await uploadDocument(database, config.filesDir, requireActor(c), c.req.valid('param').id, file, { quotaBytes: uploadQuotaBytes(config) }), 201);
    })
    .openapi(routes.download, async (c) => {
      const { database, config } = c.get('deps');
      const doc = await openDocument(database, config.filesDir, requireActor(c), c.req.valid('param').id);
      return attachment(doc.bytes, doc.mediaType, doc.filename) as never;
    })
    .openapi(routes.filters, async (c) => c.json({ data: await listSavedFilters(c.get('deps').database, requireActor(c)) }, 200))
    .openapi(routes.saveFilter, async (c) => c.json(await saveFilter(c.get('deps').database, requireActor(c), c.req.valid('json')), 201))
    .openapi(routes.deleteFilter, async (c) => {
      await deleteFilter(c.get('deps').database, requireActor(c), c.req.valid('param').id);
      return c.body(null, 204);
    });
}
