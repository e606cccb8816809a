import { sql } from 'drizzle-orm';
import { char, index, pgTable, primaryKey, smallint, text, timestamp, unique, uuid, varchar } from 'drizzle-orm/pg-core';

/**
 * 站内消息 — one message to one user, kept in the recipient's division. `dedupe_key` makes
 * the reminder job idempotent: the same reminder is never delivered to a user twice.
 */
export const notifications = pgTable(
  'notifications',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    userId: uuid('user_id').notNull(),
    kind: varchar('kind', { length: 32 }).notNull(),
    title: varchar('title', { length: 200 }).notNull(),
    body: text('body').notNull(),
    /** Where the web app opens it, e.g. `/projects/{id}`. */
    link: varchar('link', { length: 300 }),
    dedupeKey: varchar('dedupe_key', { length: 200 }).notNull(),
    /** 0 the owner, 1 the department, 2 the responsible leader. */
    escalationLevel: smallint('escalation_level').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.divisionCode, t.id] }),
    unique('notifications_user_dedupe_key').on(t.divisionCode, t.userId, t.dedupeKey),
    index('notifications_user_created_idx').on(t.divisionCode, t.userId, t.createdAt),
  ],
);
