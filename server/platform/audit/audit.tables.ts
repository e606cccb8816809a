import { bigint, char, jsonb, pgTable, primaryKey, timestamp, index, varchar, uuid } from 'drizzle-orm/pg-core';

/**
 * 审计日志 — append-only, hash-chained per division: each entry holds the hash of the one
 * before it in the same division, so an altered or deleted entry breaks the chain.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    actorName: varchar('actor_name', { length: 64 }).notNull(),
    actorRole: varchar('actor_role', { length: 16 }),
    actorUnitId: uuid('actor_unit_id'),
    actorUnitName: varchar('actor_unit_name', { length: 100 }),
    ip: varchar('ip', { length: 64 }),
    action: varchar('action', { length: 64 }).notNull(),
    entityType: varchar('entity_type', { length: 32 }).notNull(),
    entityId: varchar('entity_id', { length: 64 }),
    summary: varchar('summary', { length: 200 }),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: char('prev_hash', { length: 64 }).notNull(),
    hash: char('hash', { length: 64 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.divisionCode, t.seq] }),
    index('audit_log_entity_idx').on(t.divisionCode, t.entityType, t.entityId),
    index('audit_log_actor_idx').on(t.divisionCode, t.actorId),
    index('audit_log_at_idx').on(t.divisionCode, t.at),
  ],
);

/** The head of each division's chain; locking its row serialises appends per division. */
export const auditHeads = pgTable('audit_heads', {
  divisionCode: char('division_code', { length: 6 }).primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: char('hash', { length: 64 }).notNull(),
});
