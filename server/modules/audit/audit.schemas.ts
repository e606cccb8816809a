import { z } from '@hono/zod-openapi';
import { JsonValue } from '../../platform/http/json-value';

export const AuditQuery = z.object({
  actorId: z.string().uuid().optional(),
  actorName: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(32).optional(),
  entityId: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  // A Beijing date (YYYY-MM-DD, the whole day) or an exact ISO time.
  from: z.union([z.string().date(), z.string().datetime({ offset: true })], { error: '开始时间格式不正确' }).optional(),
  to: z.union([z.string().date(), z.string().datetime({ offset: true })], { error: '结束时间格式不正确' }).optional(),
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
    /** The Chinese name of the record's kind (项目, 会话, …), not of the record itself: the summary says which. */
    entityLabel: z.string(),
    entityId: z.string().nullable(),
    summary: z.string().nullable(),
    /** The record (or the changed fields) before and after, as JSON; null when none. */
    before: JsonValue,
    after: JsonValue,
  })
  .openapi('AuditEntry');

export const VerifyResult = z
  .object({
    ok: z.boolean(),
    entries: z.number(),
    problems: z.array(z.object({ divisionCode: z.string(), seq: z.number(), problem: z.string() })),
  })
  .openapi('AuditVerifyResult');

