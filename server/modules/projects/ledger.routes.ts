import { z } from '@hono/zod-openapi';
import { readXlsxUpload } from '../../platform/documents/xlsx-guard';
import { attachment, XLSX } from '../../platform/http/download';
import { requireActor } from '../../platform/http/middleware';
import { createRouter, defineRoute, errorResponses } from '../../platform/http/openapi';
import { exportLedger, ledgerTemplate } from './ledger-export.service';
import { commitImport, MAX_IMPORT_BYTES, previewImport } from './ledger-import.service';
import { ImportPreview, ImportResult } from './ledger.schemas';
import { ProjectListQuery } from './projects.schemas';


const UploadBody = z.object({ file: z.instanceof(File, { message: '请选择要导入的 .xlsx 台账' }).openapi({ type: 'string', format: 'binary' }) });

const routes = {
  import: defineRoute({
    method: 'post',
    path: '/api/projects/import',
    tags: ['项目库'],
    summary: '导入项目台账：先预览（不写入），?commit=true 时整份写入',
    permission: 'project.import',
    upload: { maxBytes: MAX_IMPORT_BYTES, what: '台账文件' },
    request: {
      query: z.object({ commit: z.enum(['true', 'false']).optional() }),
      body: { content: { 'multipart/form-data': { schema: UploadBody } }, required: true },
    },
    responses: {
      200: { description: '预览（commit 时为写入结果）', content: { 'application/json': { schema: z.union([ImportPreview, ImportResult]) } } },
      ...errorResponses,
    },
  }),
  template: defineRoute({
    method: 'get',
    path: '/api/projects/template.xlsx',
    tags: ['项目库'],
    summary: '下载台账导入模板',
    permission: 'project.read',
    responses: { 200: { description: 'Excel 模板' }, ...errorResponses },
  }),
  export: defineRoute({
    method: 'get',
    path: '/api/projects/export.xlsx',
    tags: ['项目库'],
    summary: '按当前筛选导出项目台账（与导入格式相同）',
    permission: 'project.read',
    request: { query: ProjectListQuery },
    responses: { 200: { description: 'Excel 台账' }, ...errorResponses },
  }),
};

const xlsx = (bytes: Buffer, filename: string) => attachment(bytes, XLSX, filename);

/** Ledger import (preview, then commit), template and export. Registered before `/api/projects/{id}`. */
export function ledgerRoutes() {
  return createRouter()
    .openapi(routes.import, async (c) => {
      const { database } = c.get('deps');
      const actor = requireActor(c);
      const file = await readXlsxUpload(c.req.valid('form').file, { what: '台账', maxBytes: MAX_IMPORT_BYTES });
      if (c.req.valid('query').commit === 'true') return c.json(await commitImport(database, actor, file), 200);
      return c.json(await previewImport(database, actor, file), 200);
    })
    .openapi(routes.template, async () => xlsx(await ledgerTemplate(), '项目台账导入模板.xlsx') as never)
    .openapi(routes.export, async (c) => {
      const { bytes, filename } = await exportLedger(c.get('deps').database, requireActor(c), c.req.valid('query'));
      return xlsx(bytes, filename) as never;
    });
}
