import { sql } from 'drizzle-orm';
import { char, integer, numeric, pgTable, primaryKey, smallint, timestamp, unique, uuid, varchar } from 'drizzle-orm/pg-core';

/** A count, an amount in 万元 or a percentage, exact to 4 decimals. */
const amount = (name: string) => numeric(name, { precision: 18, scale: 4 });

/** 目标任务 — one annual target of a division ("1116" …), entered by the 发改局. */
export const targets = pgTable(
  'targets',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    year: smallint('year').notNull(),
    key: varchar('key', { length: 32 }).notNull(),
    label: varchar('label', { length: 64 }).notNull(),
    /** 'count' | 'wan' (万元) | 'pct'. */
    unit: varchar('unit', { length: 8 }).notNull(),
    value: amount('value').notNull(),
    version: integer('version').notNull().default(1),
    updatedByName: varchar('updated_by_name', { length: 64 }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.id] }), unique('targets_division_year_key').on(t.divisionCode, t.year, t.key)],
);

/** 任务分解 — a target's share for one department or township. */
export const targetAllocations = pgTable(
  'target_allocations',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    targetId: uuid('target_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    value: amount('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.targetId, t.unitId] })],
);
