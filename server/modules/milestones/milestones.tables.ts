import { sql } from 'drizzle-orm';
import { char, date, index, integer, pgTable, primaryKey, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/** 挂图作战 — one milestone of a key project's plan: planned date, actual date, owner. */
export const milestones = pgTable(
  'milestones',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    projectId: uuid('project_id').notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    plannedDate: date('planned_date').notNull(),
    /** Set when the milestone is reached; the status (按期 / 逾期 …) is computed, never stored. */
    actualDate: date('actual_date'),
    ownerName: varchar('owner_name', { length: 64 }).notNull(),
    /** The platform user who answers for it, when there is one; reminders go to them. */
    ownerUserId: uuid('owner_user_id'),
    sortOrder: integer('sort_order').notNull().default(0),
    note: text('note'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.divisionCode, t.id] }),
    index('milestones_project_idx').on(t.divisionCode, t.projectId, t.sortOrder),
    // The reminder job reads open milestones by date.
    index('milestones_open_planned_idx').on(t.divisionCode, t.plannedDate).where(sql`actual_date is null`),
    index('milestones_id_idx').on(t.id),
  ],
);
