import { z } from '@hono/zod-openapi';
import { and, desc, eq, gte, ilike, lt, sql } from 'drizzle-orm';
import { ROLE_LABELS, type Role } from '../../../common/roles';
import { AUDIT_ACTIONS, AUDIT_ENTITY_LABELS, type AuditAction } from '../../platform/audit/audit-events';
import { verifyAuditChain } from '../../platform/audit/audit.service';
import { auditLog } from '../../platform/audit/audit.tables';
import { canReachDivision, regionCondition } from '../../platform/auth/scope';
import type { Database } from '../../platform/db/client';
import type { Actor } from '../../platform/http/context';
import { requireActor } from '../../platform/http/middleware';
import { createRouter, defineRoute, errorResponses } from '../../platform/http/openapi';
import { likePattern } from '../org/org.repository';

const AuditQuery = z.object({
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

const AuditEntry = z
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

const VerifyResult = z
  .object({
    ok: z.boolean(),
    entries: z.number(),
    problems: z.array(z.object({ divisionCode: z.string(), seq: z.number(), problem: z.string() })),
  })
  .openapi('AuditVerifyResult');

// Dates are Beijing dates: [from 00:00, to+1 00:00) at +08:00.
function beijingMidnight(date: string, addDays = 0): Date {
  const d = new Date(`${date}T00:00:00+08:00`);
  return new Date(d.getTime() + addDays * 86_400_000);
}

/** A page of audit entries inside the caller's region, newest first. */
export async function listAuditEntries(database: Database, actor: Actor, query: z.infer<typeof AuditQuery>) {
  const where = and(
    regionCondition(actor, auditLog.divisionCode),
    query.actorId ? eq(auditLog.actorId, query.actorId) : undefined,
    query.actorName ? ilike(auditLog.actorName, likePattern(query.actorName)) : undefined,
    query.entityType ? eq(auditLog.entityType, query.entityType) : undefined,
    query.entityId ? eq(auditLog.entityId, query.entityId) : undefined,
    query.action ? eq(auditLog.action, query.action) : undefined,
    query.from ? gte(auditLog.at, beijingMidnight(query.from)) : undefined,
    query.to ? lt(auditLog.at, beijingMidnight(query.to, 1)) : undefined,
  );
  const { db } = database;
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.seq))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where),
  ]);
  return {
    data: rows.map((r) => ({
      divisionCode: r.divisionCode,
      seq: Number(r.seq),
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorName: r.actorName,
      actorRole: r.actorRole,
      actorRoleLabel: r.actorRole ? (ROLE_LABELS[r.actorRole as Role] ?? r.actorRole) : null,
      actorUnitName: r.actorUnitName,
      ip: r.ip,
      action: r.action,
      actionLabel: AUDIT_ACTIONS[r.action as AuditAction] ?? r.action,
      entityType: r.entityType,
      entityLabel: AUDIT_ENTITY_LABELS[r.entityType] ?? r.entityType,
      entityId: r.entityId,
      summary: r.summary,
      before: r.before,
      after: r.after,
    })),
    total: count.n,
  };
}

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
    .openapi(verifyRoute, async (c) => {
      const actor = requireActor(c);
      const result = await verifyAuditChain(c.get('deps').database);
      const problems = result.problems.filter((p) => canReachDivision(actor, p.divisionCode));
      return c.json({ ok: problems.length === 0, entries: result.entries, problems }, 200);
    });
}
