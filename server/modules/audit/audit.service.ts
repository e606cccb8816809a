import type { z } from '@hono/zod-openapi';
import { and, desc, eq, gte, ilike, lt, sql } from 'drizzle-orm';
import { ROLE_LABELS, type Role } from '../../../common/roles';
import { AUDIT_ACTIONS, AUDIT_ENTITY_LABELS, type AuditAction } from '../../../common/audit-actions';
import type { JsonValue } from '../../platform/http/json-value';
import { verifyAuditChain } from '../../platform/audit/audit.service';
import { auditLog } from '../../platform/audit/audit.tables';
import { actorRegion, canReachDivision } from '../../platform/auth/scope';
import type { Database } from '../../platform/db/client';
import type { Actor } from '../../platform/http/context';
import { likePattern } from '../org';
import type { AuditQuery } from './audit.schemas';

// A bare date is a Beijing date: [from 00:00, to+1 00:00) at +08:00; an ISO time is taken as it is.
function bound(value: string, addDays: number): Date {
  if (value.includes('T')) return new Date(value);
  return new Date(new Date(`${value}T00:00:00+08:00`).getTime() + addDays * 86_400_000);
}

/** A page of audit entries inside the caller's region, newest first. */
export async function listAuditEntries(database: Database, actor: Actor, query: z.infer<typeof AuditQuery>) {
  const where = and(
    actorRegion(actor, auditLog.divisionCode),
    query.actorId ? eq(auditLog.actorId, query.actorId) : undefined,
    query.actorName ? ilike(auditLog.actorName, likePattern(query.actorName)) : undefined,
    query.entityType ? eq(auditLog.entityType, query.entityType) : undefined,
    query.entityId ? eq(auditLog.entityId, query.entityId) : undefined,
    query.action ? eq(auditLog.action, query.action) : undefined,
    query.from ? gte(auditLog.at, bound(query.from, 0)) : undefined,
    query.to ? lt(auditLog.at, bound(query.to, 1)) : undefined,
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
  return { data: rows.map(presentAuditEntry), total: count.n };
}

/** An audit entry as the API shows it, with Chinese labels. */
export function presentAuditEntry(r: typeof auditLog.$inferSelect) {
  return {
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
    before: (r.before ?? null) as JsonValue,
    after: (r.after ?? null) as JsonValue,
  };
}

/** Every audit entry about one project (its own changes and those of its procedures, files, requests). */
export async function projectHistory(database: Database, divisionCode: string, projectId: string) {
  const rows = await database.db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.divisionCode, divisionCode),
        sql`(${auditLog.entityId} = ${projectId} or ${auditLog.after}->>'projectId' = ${projectId})`,
      ),
    )
    .orderBy(desc(auditLog.seq))
    .limit(500);
  return rows.map(presentAuditEntry);
}

/** Verifies the chains and reports the problems inside the caller's region. */
export async function verifyAuditForActor(database: Database, actor: Actor) {
  const result = await verifyAuditChain(database);
  const problems = result.problems.filter((p) => canReachDivision(actor, p.divisionCode));
  return { ok: problems.length === 0, entries: result.entries, problems };
}
