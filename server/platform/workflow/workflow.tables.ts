import { sql } from 'drizzle-orm';
import { char, index, pgTable, primaryKey, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/**
 * 状态流转记录 — the one transition-history shape of every state machine built on the workflow
 * kit (`record_kind` names the machine: `monthly_report`, `library_request`, `period`, …).
 * The project stage keeps its own `stage_transitions`, the same columns under older names.
 */
export const recordTransitions = pgTable(
  'record_transitions',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    recordKind: varchar('record_kind', { length: 32 }).notNull(),
    recordId: varchar('record_id', { length: 64 }).notNull(),
    fromState: varchar('from_state', { length: 24 }),
    toState: varchar('to_state', { length: 24 }).notNull(),
    action: varchar('action', { length: 32 }).notNull(),
    reason: text('reason'),
    actorId: uuid('actor_id'),
    actorName: varchar('actor_name', { length: 64 }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.id] }), index('record_transitions_record_idx').on(t.divisionCode, t.recordKind, t.recordId, t.at)],
);
