import { z } from '@hono/zod-openapi';
import { requireActor } from '../../platform/http/middleware';
import { createRouter, defineRoute, errorResponses } from '../../platform/http/openapi';
import { AuditEntry, AuditQuery, VerifyResult } from './audit.schemas';
import { listAuditEntries, verifyAuditForActor } from './audit.service';

const listRoute = defineRoute({
  method: 'get',
  path: '/api/audit',
  tags: ['审计'],
  summary: '审计日志',
  permission: 'audit.read',
  request: { query: AuditQuery },
  responses: {
    200: { description: '审计记录', content: { 'application/json': { schema: z.object({ data: z.array(AuditEntry), total: z.number() }) } } },
    ...errorResponses,
  },
});

const verifyRoute = defineRoute({
  method: 'get',
  path: '/api/audit/verify',
  tags: ['审计'],
  summary: '校验审计链（检测篡改或删除）',
  permission: 'audit.read',
  responses: { 200: { description: '校验结果', content: { 'application/json': { schema: VerifyResult } } }, ...errorResponses },
});

/** The audit log, for admin and auditor roles. */
export function auditRoutes() {
  return createRouter()
    .openapi(listRoute, async (c) => c.json(await listAuditEntries(c.get('deps').database, requireActor(c), c.req.valid('query')), 200))
    .openapi(verifyRoute, async (c) => c.json(await verifyAuditForActor(c.get('deps').database, requireActor(c)), 200));
}
