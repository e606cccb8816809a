import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../platform/db/client';
import type { Actor } from '../../platform/http/context';
import { notFound } from '../../platform/http/errors';
import type { InboxFilters } from './inbox.schemas';
import { notifications } from './inbox.tables';
import { REMINDER_KIND_LABELS, type ReminderKind } from './reminder-senders';

// The inbox is strictly personal: every query is keyed by the caller's own division and id.
const own = (actor: Actor) => and(eq(notifications.divisionCode, actor.divisionCode), eq(notifications.userId, actor.id));

function present(n: typeof notifications.$inferSelect) {
  return {
    id: n.id,
    kind: n.kind,
    kindLabel: REMINDER_KIND_LABELS[n.kind as ReminderKind] ?? '通知',
    title: n.title,
    body: n.body,
    link: n.link,
    escalationLevel: n.escalationLevel,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
    isRead: n.readAt !== null,
  };
}

async function unreadCount(tx: DbOrTx, actor: Actor): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(own(actor), isNull(notifications.readAt)));
  return row.n;
}

/** The caller's messages, newest first, optionally only the unread ones. */
export async function listInbox(database: Database, actor: Actor, filters: InboxFilters) {
  const where = and(own(actor), filters.unread ? isNull(notifications.readAt) : undefined);
  const [rows, [count], unread] = await Promise.all([
    database.db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(filters.pageSize)
      .offset((filters.page - 1) * filters.pageSize),
    database.db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(where),
    unreadCount(database.db, actor),
  ]);
  return { data: rows.map(present), total: count.n, unread };
}

/** How many unread messages the caller has (the bell badge). */
export async function countUnread(database: Database, actor: Actor) {
  return { unread: await unreadCount(database.db, actor) };
}

/** Marks one of the caller's messages read (someone else's answers 404). */
export async function markRead(database: Database, actor: Actor, id: string) {
  const [row] = await database.db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(own(actor), eq(notifications.id, id)))
    .returning();
  if (!row) notFound('消息不存在');
  return present(row);
}

/** Marks all of the caller's messages read. */
export async function markAllRead(database: Database, actor: Actor) {
  await database.db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(own(actor), isNull(notifications.readAt)));
  return { unread: 0 };
}
