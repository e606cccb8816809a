import { and, desc, eq, sql } from 'drizzle-orm';
import { formatDateTime, formatTime } from '../../../common/format';
import { passwordWeakness } from '../../../common/password-policy';
import { ROLE_LABELS } from '../../../common/roles';
import type { z } from '@hono/zod-openapi';
import { auditActorOf, recordAudit, SYSTEM_ACTOR, type AuditActor } from '../../platform/audit/audit.service';
import { loginAddressFailures, loginFailures, passwordHistory } from '../../platform/auth/auth.tables';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../platform/auth/passwords';
import { createSession, destroySession, destroyUserSessions } from '../../platform/auth/sessions';
import type { Config } from '../../platform/config';
import type { Database, DbOrTx } from '../../platform/db/client';
import type { Actor } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import { divisions, orgUnits, users } from '../org';
import type { Me } from './auth.schemas';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
/** How many of a user's most recent passwords (the current one included) cannot be chosen again. */
export const PASSWORD_HISTORY = 5;
/** Failed logins one address may make, across every name it tries, within the window. */
export const MAX_ADDRESS_FAILURES = 20;
export const ADDRESS_WINDOW_MINUTES = 10;
/** Division code under which events of no known division (e.g. unknown usernames) are audited. */
export const PLATFORM_DIVISION = '000000';

function lockedError(lockedUntil: Date): AppError {
  return new AppError('ACCOUNT_LOCKED', `登录失败次数过多，账号已锁定，请于 ${formatTime(lockedUntil)}（${formatDateTime(lockedUntil)}）后再试`, {
    details: { lockedUntil: lockedUntil.toISOString() },
  });
}

export interface LoginResult {
  userId: string;
  token: string;
  csrfToken: string;
}

/**
 * Counts a login attempt on a name before its password is checked, in one statement (the
 * row lock orders parallel attempts): a burst of parallel guesses cannot all be checked
 * before the count reaches the limit. An expired lock starts a fresh count. Returns the
 * attempt's number and the lock in force, if any. Times are parameters, not `now()`, so the
 * statement runs unchanged on a distributed cluster.
 */
async function countAttempt(db: DbOrTx, username: string, now: Date): Promise<{ attempt: number; lockedUntil: Date | null }> {
  const expired = sql`${loginFailures.lockedUntil} is not null and ${loginFailures.lockedUntil} <= ${now.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(loginFailures)
    .values({ username, count: 1, lastFailedAt: now, lockedUntil: null })
    .onConflictDoUpdate({
      target: loginFailures.username,
      set: {
        count: sql`case when ${expired} then 1 else ${loginFailures.count} + 1 end`,
        lockedUntil: sql`case when ${expired} then null else ${loginFailures.lockedUntil} end`,
        lastFailedAt: now,
      },
    })
    .returning({ attempt: loginFailures.count, lockedUntil: loginFailures.lockedUntil });
  return row;
}

/**
 * Counts an attempt from the client's address before the password is checked (a success
 * gives it back): more than MAX_ADDRESS_FAILURES failures from one address within the window
 * answer 429, whichever names were tried. A county office behind one NAT address stays
 * unaffected by its clerks' successful logins.
 */
async function reserveAddressAttempt(db: DbOrTx, ip: string | null, now: Date): Promise<void> {
  if (!ip) return;
  const windowStart = new Date(now.getTime() - ADDRESS_WINDOW_MINUTES * 60_000);
  const expired = sql`${loginAddressFailures.windowStartedAt} <= ${windowStart.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(loginAddressFailures)
    .values({ ip, windowStartedAt: now, count: 1 })
    .onConflictDoUpdate({
      target: loginAddressFailures.ip,
      set: {
        count: sql`case when ${expired} then 1 else ${loginAddressFailures.count} + 1 end`,
        windowStartedAt: sql`case when ${expired} then ${now.toISOString()}::timestamptz else ${loginAddressFailures.windowStartedAt} end`,
      },
    })
    .returning({ count: loginAddressFailures.count, windowStartedAt: loginAddressFailures.windowStartedAt });
  if (row.count > MAX_ADDRESS_FAILURES) {
    const retryMinutes = Math.max(1, Math.ceil((row.windowStartedAt.getTime() + ADDRESS_WINDOW_MINUTES * 60_000 - now.getTime()) / 60_000));
    throw new AppError('TOO_MANY_REQUESTS', `该地址登录失败次数过多，请 ${retryMinutes} 分钟后再试`, { details: { retryAfterSeconds: retryMinutes * 60 } });
  }
}

/** Gives back a successful login's reservation: only failures count against an address. */
async function releaseAddressAttempt(db: DbOrTx, ip: string | null): Promise<void> {
  if (!ip) return;
  await db
    .update(loginAddressFailures)
    .set({ count: sql`greatest(${loginAddressFailures.count} - 1, 0)` })
    .where(eq(loginAddressFailures.ip, ip));
}

/**
 * Checks a username and password. Unknown names, wrong passwords and disabled accounts answer
 * alike; five failures in a row lock the name for 15 minutes, whether or not such a user
 * exists. Each attempt is counted before its password is checked, so parallel guesses lock
 * the name after five as sequential ones do; one address failing on many names is throttled.
 */
export async function login(
  database: Database,
  config: Config,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const { db } = database;
  const username = input.username.trim();
  const now = new Date();
  await reserveAddressAttempt(db, input.ip, now);
  const { attempt, lockedUntil: lockedBefore } = await countAttempt(db, username, now);
  if (lockedBefore && lockedBefore.getTime() > now.getTime()) throw lockedError(lockedBefore);

  const [row] = await db
    .select({ user: users, unitName: orgUnits.name })
    .from(users)
    .leftJoin(orgUnits, and(eq(orgUnits.divisionCode, users.divisionCode), eq(orgUnits.id, users.unitId)))
    .where(eq(users.username, username));
  // An attempt beyond the limit (a parallel burst) is refused without checking its password.
  const withinLimit = attempt <= MAX_FAILED_LOGINS;
  let isValid = false;
  if (row && withinLimit) isValid = await verifyPassword(row.user.passwordHash, input.password);
  else await verifyAgainstDummy(input.password);
  // A disabled account answers as a wrong password does, whether or not the password was right.
  if (row && !row.user.isActive) isValid = false;

  const actor: AuditActor = row
    ? { id: row.user.id, name: row.user.displayName, role: row.user.role, unitId: row.user.unitId, unitName: row.unitName, ip: input.ip }
    : { ...SYSTEM_ACTOR, name: username.slice(0, 64) || '（空）', ip: input.ip };
  const divisionCode = row?.user.divisionCode ?? PLATFORM_DIVISION;

  if (!isValid) {
    const lockedUntil = await db.transaction(async (tx) => {
      const locks = attempt >= MAX_FAILED_LOGINS;
      const until = locks ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : null;
      // The first attempt to reach the limit sets the lock; later ones in the same burst find it set.
      if (locks) await tx.update(loginFailures).set({ count: 0, lockedUntil: until }).where(and(eq(loginFailures.username, username), sql`${loginFailures.lockedUntil} is null`));
      await recordAudit(tx, {
        actor,
        divisionCode,
        action: locks ? 'auth.locked' : 'auth.login_failed',
        entityType: 'user',
        entityId: row?.user.id ?? null,
        summary: locks ? `连续 ${MAX_FAILED_LOGINS} 次登录失败，锁定 ${LOCKOUT_MINUTES} 分钟：${username}` : `登录失败：${username}${row && !row.user.isActive ? '（账号已停用）' : ''}`,
      });
      return until;
    });
    if (lockedUntil) throw lockedError(lockedUntil);
    throw new AppError('INVALID_CREDENTIALS');
  }
  const user = row!.user;

  return db.transaction(async (tx) => {
    await tx.delete(loginFailures).where(eq(loginFailures.username, username));
    await releaseAddressAttempt(tx, input.ip);
    await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
    const session = await createSession(tx, config, { userId: user.id, ip: input.ip, userAgent: input.userAgent });
    await recordAudit(tx, { actor, divisionCode, action: 'auth.login', entityType: 'session', entityId: user.id, summary: `登录：${user.username}` });
    return { userId: user.id, token: session.token, csrfToken: session.csrfToken };
  });
}

/** Ends the caller's session. */
export async function logout(database: Database, actor: Actor, tokenHash: string): Promise<void> {
  await database.db.transaction(async (tx) => {
    await destroySession(tx, tokenHash);
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      divisionCode: actor.divisionCode,
      action: 'auth.logout',
      entityType: 'session',
      entityId: actor.id,
      summary: `退出登录：${actor.username}`,
    });
  });
}

/** Changes the caller's own password; other sessions of the user end, this one stays. */
export async function changeOwnPassword(
  database: Database,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; keepSessionHash: string },
): Promise<void> {
  const { db } = database;
  const [user] = await db.select().from(users).where(eq(users.id, actor.id));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('VALIDATION_FAILED', '当前密码不正确', { field: 'currentPassword' });
  }
  const weakness = passwordWeakness(input.newPassword, user.username);
  if (weakness) throw new AppError('VALIDATION_FAILED', weakness, { field: 'newPassword' });
  if (await verifyPassword(user.passwordHash, input.newPassword)) {
    throw new AppError('VALIDATION_FAILED', '新密码不能与当前密码相同', { field: 'newPassword' });
  }
  // The current password and the ones before it, up to PASSWORD_HISTORY in all.
  const earlier = await db
    .select({ passwordHash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, actor.id))
    .orderBy(desc(passwordHistory.changedAt))
    .limit(PASSWORD_HISTORY - 1);
  for (const old of earlier) {
    if (await verifyPassword(old.passwordHash, input.newPassword)) {
      throw new AppError('VALIDATION_FAILED', `新密码不能与最近 ${PASSWORD_HISTORY} 次使用过的密码相同`, { field: 'newPassword' });
    }
  }
  const passwordHash = await hashPassword(input.newPassword);
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx.insert(passwordHistory).values({ userId: actor.id, passwordHash: user.passwordHash, changedAt: now });
    // Only the last PASSWORD_HISTORY - 1 earlier hashes are ever compared: older ones are deleted.
    await tx.execute(
      sql`delete from ${passwordHistory} where ${passwordHistory.userId} = ${actor.id} and ${passwordHistory.changedAt} not in (
        select ${passwordHistory.changedAt} from ${passwordHistory} where ${passwordHistory.userId} = ${actor.id} order by ${passwordHistory.changedAt} desc limit ${PASSWORD_HISTORY - 1})`,
    );
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: now, version: sql`${users.version} + 1`, updatedAt: now })
      .where(eq(users.id, actor.id));
    await destroyUserSessions(tx, actor.id, input.keepSessionHash);
    await recordAudit(tx, {
      actor: auditActorOf(actor),
      divisionCode: actor.divisionCode,
      action: 'auth.password_changed',
      entityType: 'user',
      entityId: actor.id,
      summary: `修改本人密码：${actor.username}`,
    });
  });
}

/** The Me record of an actor, with its division's name. */
export async function presentMe(tx: DbOrTx, actor: Actor, csrfToken: string, passwordWarnDays = 0): Promise<z.infer<typeof Me>> {
  const expiresAt = actor.passwordExpiresAt;
  const [division] = await tx.select({ name: divisions.name }).from(divisions).where(eq(divisions.code, actor.divisionCode));
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    roleLabel: ROLE_LABELS[actor.role],
    dataScope: actor.dataScope,
    divisionCode: actor.divisionCode,
    divisionName: division?.name ?? null,
    unitId: actor.unitId,
    unitName: actor.unitName,
    permissions: [...actor.permissions],
    mustChangePassword: actor.mustChangePassword,
    passwordExpiresAt: expiresAt?.toISOString() ?? null,
    passwordExpiresSoon: expiresAt !== null && expiresAt.getTime() - Date.now() <= passwordWarnDays * 86_400_000,
    csrfToken,
  };
}

