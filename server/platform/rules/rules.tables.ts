import { char, integer, jsonb, pgTable, primaryKey, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/**
 * 规则设置 — one row per saved version of a rule set of a division. The newest version of the
 * nearest division up the tree (county → city → province) applies; nothing saved means the
 * rule set's defaults. Versions are never changed, so every figure can name the rules it used.
 */
export const ruleSettings = pgTable(
  'rule_settings',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    ruleSet: varchar('rule_set', { length: 64 }).notNull(),
    version: integer('version').notNull(),
    value: jsonb('value').notNull(),
    note: varchar('note', { length: 200 }),
    savedBy: uuid('saved_by'),
    savedByName: varchar('saved_by_name', { length: 64 }).notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.ruleSet, t.version] })],
);
