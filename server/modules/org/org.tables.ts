import { sql } from 'drizzle-orm';
import { boolean, char, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid, varchar } from 'drizzle-orm/pg-core';

/**
 * 行政区划 — a reference table (small, shared by every division; replicated on Citus).
 * Codes are the 6-digit GB/T 2260 codes: province `PP0000`, city `PPCC00`, county `PPCCXX`.
 */
export const divisions = pgTable('divisions', {
  code: char('code', { length: 6 }).primaryKey(),
  name: varchar('name', { length: 64 }).notNull(),
  level: varchar('level', { length: 16 }).notNull(), // province | city | county
  parentCode: char('parent_code', { length: 6 }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 组织单位: departments, townships, the 发改局, the 督查室, project owners … A business table. */
export const orgUnits = pgTable(
  'org_units',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    name: varchar('name', { length: 100 }).notNull(),
    shortName: varchar('short_name', { length: 32 }),
    kind: varchar('kind', { length: 16 }).notNull(),
    parentId: uuid('parent_id'),
    contactPerson: varchar('contact_person', { length: 32 }),
    contactPhone: varchar('contact_phone', { length: 32 }),
    sortOrder: integer('sort_order').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.divisionCode, t.id] }),
    unique('org_units_division_name_key').on(t.divisionCode, t.name),
    index('org_units_id_idx').on(t.id),
  ],
);

/**
 * 用户. Usernames are unique across the platform (one login page for a whole province), so
 * this is a platform table like `divisions`, not a distributed one; every user still
 * belongs to a division and a unit.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    divisionCode: char('division_code', { length: 6 }).notNull(),
    unitId: uuid('unit_id'),
    username: varchar('username', { length: 64 }).notNull(),
    displayName: varchar('display_name', { length: 64 }).notNull(),
    role: varchar('role', { length: 16 }).notNull(),
    dataScope: varchar('data_scope', { length: 16 }).notNull(),
    phone: varchar('phone', { length: 32 }),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    isActive: boolean('is_active').notNull().default(true),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('users_username_key').on(t.username), index('users_division_idx').on(t.divisionCode, t.unitId)],
);
