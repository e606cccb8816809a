import { char, integer, pgTable, primaryKey, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/** Server-side sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable('sessions', {
  tokenHash: char('token_hash', { length: 64 }).primaryKey(),
  userId: uuid('user_id').notNull(),
  csrfToken: varchar('csrf_token', { length: 64 }).notNull(),
  ip: varchar('ip', { length: 64 }),
  userAgent: varchar('user_agent', { length: 256 }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/**
 * Failed-login counters keyed by the username typed, whether or not such a user exists,
 * so that lockout behaves the same for unknown names and reveals nothing.
 */
export const loginFailures = pgTable('login_failures', {
  username: varchar('username', { length: 64 }).primaryKey(),
  count: integer('count').notNull().default(0),
  lastFailedAt: timestamp('last_failed_at', { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

/**
 * Failed logins per client address within a window, across every name tried: one address
 * guessing at many accounts is throttled though no single name reaches its lockout.
 */
export const loginAddressFailures = pgTable('login_address_failures', {
  ip: varchar('ip', { length: 64 }).primaryKey(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  count: integer('count').notNull().default(0),
});

/**
 * A user's earlier password hashes (等保: 口令不得重复使用): the last PASSWORD_HISTORY passwords,
 * the current one included, cannot be chosen again.
 */
export const passwordHistory = pgTable(
  'password_history',
  {
    userId: uuid('user_id').notNull(),
    passwordHash: varchar('password_hash', { length: 255 }).notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.changedAt] })],
);
