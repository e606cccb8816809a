import { z } from '@hono/zod-openapi';

export const AuditQuery = z.object({
  actorId: z.string().uuid().optional(),
  actorName: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(32).optional(),
  entityId: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  from: z.string().date('开始日期格式应为 YYYY-MM-DD').optional(),
  to: z.string().date('结束日期格式应为 YYYY-MM-DD').optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const AuditEntry = z
  .object({
    divisionCode: z.string(),
    seq: z.number(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string(),
    actorRole: z.string().nullable(),
    actorRoleLabel: z.string().nullable(),
    actorUnitName: z.string().nullable(),
    ip: z.string().nullable(),
    action: z.string(),
    actionLabel: z.string(),
    entityType: z.string(),
    entityLabel: z.string(),
    entityId: z.string().nullable(),
    summary: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .openapi('AuditEntry');

export const VerifyResult = z
  .object({
    ok: z.boolean(),
    entries: z.number(),
    problems: z.array(z.object({ divisionCode: z.string(), seq: z.number(), problem: z.string() })),
  })
  .openapi('AuditVerifyResult');

