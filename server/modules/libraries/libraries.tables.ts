import { sql } from 'drizzle-orm';
import { boolean, char, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid, varchar } from 'drizzle-orm/pg-core';

/** 项目库 — the "4+X" libraries of a division, configured by the 发改局. */
export const libraries = pgTable(
  'libraries',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    name: varchar('name', { length: 64 }).notNull(),
    kind: varchar('kind', { length: 16 }).notNull(),
    /** The unit that reviews requests besides the 发改局 (e.g. 水务局 for the 水务 library). */
    ownerUnitId: uuid('owner_unit_id'),
    entryCriteria: text('entry_criteria'),
    sortOrder: integer('sort_order').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.id] }), unique('libraries_division_name_key').on(t.divisionCode, t.name)],
);

/** A project's place in a library. */
export const libraryMemberships = pgTable(
  'library_memberships',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    libraryId: uuid('library_id').notNull(),
    projectId: uuid('project_id').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
    /** What the approved 调整 request changed, last. */
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.libraryId, t.projectId] }), index('library_memberships_project_idx').on(t.divisionCode, t.projectId)],
);

/** 入库 / 调整 / 出库 requests: submitted by a department, approved or returned by the 发改局. */
export const libraryRequests = pgTable(
  'library_requests',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    projectId: uuid('project_id').notNull(),
    libraryId: uuid('library_id').notNull(),
    kind: varchar('kind', { length: 8 }).notNull(),
    status: varchar('status', { length: 12 }).notNull().default('pending'),
    reason: text('reason').notNull(),
    /** For 调整: what is to change. */
    changes: jsonb('changes'),
    submittedBy: uuid('submitted_by').notNull(),
    submittedByName: varchar('submitted_by_name', { length: 64 }).notNull(),
    submittedUnitId: uuid('submitted_unit_id'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    reviewedBy: uuid('reviewed_by'),
    reviewedByName: varchar('reviewed_by_name', { length: 64 }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewComment: text('review_comment'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.divisionCode, t.id] }),
    index('library_requests_status_idx').on(t.divisionCode, t.status, t.submittedAt),
    index('library_requests_project_idx').on(t.divisionCode, t.projectId),
  ],
);
