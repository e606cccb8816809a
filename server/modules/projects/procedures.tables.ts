import { sql } from 'drizzle-orm';
import { boolean, char, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid, varchar } from 'drizzle-orm/pg-core';

/** Checklist templates of preliminary procedures per approval type, configurable per division. */
export const procedureTemplates = pgTable(
  'procedure_templates',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    approvalType: varchar('approval_type', { length: 16 }).notNull(),
    /** [{ key, name, office, isRequiredForStart }] in order. */
    items: jsonb('items').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.approvalType] })],
);

/** 前期手续 — one procedure of one project. */
export const projectProcedures = pgTable(
  'project_procedures',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    projectId: uuid('project_id').notNull(),
    key: varchar('key', { length: 32 }).notNull(),
    name: varchar('name', { length: 64 }).notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    isRequiredForStart: boolean('is_required_for_start').notNull().default(true),
    status: varchar('status', { length: 16 }).notNull().default('not_started'),
    approvingOffice: varchar('approving_office', { length: 100 }),
    approvalNo: varchar('approval_no', { length: 100 }),
    approvalDate: date('approval_date'),
    responsiblePerson: varchar('responsible_person', { length: 32 }),
    dueDate: date('due_date'),
    blockingProblem: text('blocking_problem'),
    /** Why a procedure marked 不需办理 is not needed. */
    waiverReason: text('waiver_reason'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.divisionCode, t.id] }),
    unique('project_procedures_project_key').on(t.divisionCode, t.projectId, t.key),
    index('project_procedures_key_status_idx').on(t.divisionCode, t.key, t.status),
  ],
);
