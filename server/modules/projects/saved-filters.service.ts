import { and, asc, eq } from 'drizzle-orm';
import { auditActorOf, recordAudit } from '../../platform/audit/audit.service';
import type { Database } from '../../platform/db/client';
import type { Actor } from '../../platform/http/context';
import { AppError, notFound } from '../../platform/http/errors';
import { savedFilters } from './projects.tables';

const MAX_FILTERS_PER_USER = 50;

/** The caller's saved project-list filters. */
export async function listSavedFilters(database: Database, actor: Actor) {
  const rows = await database.db
    .select()
    .from(savedFilters)
    .where(and(eq(savedFilters.divisionCode, actor.divisionCode), eq(savedFilters.userId, actor.id)))
    .orderBy(asc(savedFilters.name));
  return rows.map((r) => ({ id: r.id, name: r.name, query: r.query }));
}

/** Saves (or replaces, by name) a filter of the caller's. */
export async function saveFilter(database: Database, actor: Actor, input: { name: string; query: string }) {
  return database.db.transaction(async (tx) => {
    const mine = and(eq(savedFilters.divisionCode, actor.divisionCode), eq(savedFilters.userId, actor.id));
    const existing = await tx.select().from(savedFilters).where(mine);
    if (existing.length >= MAX_FILTERS_PER_USER && !existing.some((f) => f.name === input.name)) {
      throw new AppError('CONFLICT', `最多保存 ${MAX_FILTERS_PER_USER} 个筛选条件，请先删除不用的`);
    }
    const [row] = await tx
      .insert(savedFilters)
      .values({ divisionCode: actor.divisionCode, userId: actor.id, name: input.name, query: input.query })
      .onConflictDoUpdate({ target: [savedFilters.divisionCode, savedFilters.userId, savedFilters.name], set: { query: input.query } })
      .returning();
    await recordAudit(tx, { actor: auditActorOf(actor), divisionCode: actor.divisionCode, action: 'filter.saved', entityType: 'saved_filter', entityId: row.id, summary: `保存筛选：${row.name}`, after: row });
    return { id: row.id, name: row.name, query: row.query };
  });
}

/** Deletes one of the caller's filters. */
export async function deleteFilter(database: Database, actor: Actor, id: string) {
  await database.db.transaction(async (tx) => {
    const rows = await tx
      .delete(savedFilters)
      .where(and(eq(savedFilters.divisionCode, actor.divisionCode), eq(savedFilters.userId, actor.id), eq(savedFilters.id, id)))
      .returning();
    if (!rows.length) notFound('筛选条件不存在');
    await recordAudit(tx, { actor: auditActorOf(actor), divisionCode: actor.divisionCode, action: 'filter.deleted', entityType: 'saved_filter', entityId: id, summary: `删除筛选：${rows[0].name}`, before: rows[0] });
  });
}
