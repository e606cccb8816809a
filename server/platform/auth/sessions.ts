import { and, eq, lt, ne, or, sql } from 'drizzle-orm';
import { orgUnits, users } from '../../modules/org';
import type { DbOrTx } from '../db/client';
import type { Config } from '../config';
import type { Actor } from '../http/context';
import { actorColumns, actorUnitJoin, toActor } from './actor';
import { sessions } from './auth.tables';
import { randomToken, sha256Hex } from './tokens';

export const SESSION_COOKIE = 'gw_session';
export const CSRF_COOKIE = 'gw_csrf';
export const CSRF_HEADER = 'x-csrf-token';

// Touching last_seen_at on every request would turn each read into a write.
const TOUCH_INTERVAL_MS = 60_000;

/** Starts a session for a user; returns the cookie token and the CSRF token. */
export async function createSession(
  tx: DbOrTx,
  config: Config,
  options: { userId: string; ip: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomToken();
  const csrfToken = randomToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + config.sessionAbsoluteHours * 3600_000);
  // At most `maxSessionsPerUser` at once: a new login ends the least recently used ones beyond it.
  if (config.maxSessionsPerUser > 0) {
    await tx.execute(
      sql`delete from ${sessions} where ${sessions.userId} = ${options.userId} and ${sessions.tokenHash} not in (
        select ${sessions.tokenHash} from ${sessions} where ${sessions.userId} = ${options.userId}
        order by ${sessions.lastSeenAt} desc limit ${config.maxSessionsPerUser - 1})`,
    );
  }
  await tx.insert(sessions).values({
    tokenHash: sha256Hex(token),
    userId: options.userId,
    csrfToken,
    ip: options.ip,
    userAgent: options.userAgent?.slice(0, 256) ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
  });
  return { token, csrfToken, expiresAt };
}

export type SessionLookup =
  | { status: 'valid'; tokenHash: string; userId: string; csrfToken: string; actor: Actor | null }
  | { status: 'expired' | 'missing' };

/**
 * Finds the session of a cookie token and its user in one query (every request pays for it),
 * ending the session when idle or past its absolute limit. `actor` is null for a disabled user.
 */
export async function resolveSession(tx: DbOrTx, config: Config, token: string, ip: string | null = null): Promise<SessionLookup> {
  const tokenHash = sha256Hex(token);
  const [found] = await tx
    .select({ session: sessions, ...actorColumns })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(orgUnits, actorUnitJoin)
    .where(eq(sessions.tokenHash, tokenHash));
  if (!found) return { status: 'missing' };
  const row = found.session;
  const now = Date.now();
  const idleLimit = row.lastSeenAt.getTime() + config.sessionIdleMinutes * 60_000;
  if (now > idleLimit || now > row.expiresAt.getTime()) {
    await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return { status: 'expired' };
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await tx.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.tokenHash, tokenHash));
  }
  return { status: 'valid', tokenHash, userId: row.userId, csrfToken: row.csrfToken, actor: toActor(found, ip, config.passwordMaxAgeDays) };
}

/** Ends one session. */
export async function destroySession(tx: DbOrTx, tokenHash: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends every session of a user (password reset, deactivation), except optionally the one in use. */
export async function destroyUserSessions(tx: DbOrTx, userId: string, exceptTokenHash?: string): Promise<void> {
  const mine = eq(sessions.userId, userId);
  await tx.delete(sessions).where(exceptTokenHash ? and(mine, ne(sessions.tokenHash, exceptTokenHash)) : mine);
}

/** Removes sessions that can no longer be used. */
export async function purgeExpiredSessions(tx: DbOrTx, config: Config): Promise<void> {
  const idleCutoff = new Date(Date.now() - config.sessionIdleMinutes * 60_000);
  await tx.delete(sessions).where(or(lt(sessions.lastSeenAt, idleCutoff), lt(sessions.expiresAt, new Date())));
}
