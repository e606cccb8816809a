import { and, eq, sql } from 'drizzle-orm';
import { formatDateTime, formatTime } from '../../../common/format';
import { passwordWeakness } from '../../../common/password-policy';
import { ROLE_LABELS } from '../../../common/roles';
import type { z } from '@hono/zod-openapi';
import { auditActorOf, recordAudit, SYSTEM_ACTOR, type AuditActor } from '../../platform/audit/audit.service';
import { loginFailures } from '../../platform/auth/auth.tables';
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
 * Checks a username and password. Unknown names and wrong passwords answer alike; five
 * failures in a row lock the name for 15 minutes, whether or not such a user exists.
 */
export async function login(
  database: Database,
  config: Config,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const { db } = database;
  const username = input.username.trim();
  const [failure] = await db.select().from(loginFailures).where(eq(loginFailures.username, username));
  if (failure?.lockedUntil && failure.lockedUntil.getTime() > Date.now()) throw lockedError(failure.lockedUntil);

  const [row] = await db
    .select({ user: users, unitName: orgUnits.name })
    .from(users)
    .leftJoin(orgUnits, and(eq(orgUnits.divisionCode, users.divisionCode), eq(orgUnits.id, users.unitId)))
    .where(eq(users.username, username));
  let isValid = false;
  if (row) isValid = await verifyPassword(row.user.passwordHash, input.password);
  else await verifyAgainstDummy(input.password);

  const actor: AuditActor = row
    ? { id: row.user.id, name: row.user.displayName, role: row.user.role, unitId: row.user.unitId, unitName: row.unitName, ip: input.ip }
    : { ...SYSTEM_ACTOR, name: username.slice(0, 64) || '（空）', ip: input.ip };
  const divisionCode = row?.user.divisionCode ?? PLATFORM_DIVISION;

  if (!isValid) {
    const lockedUntil = await db.transaction(async (tx) => {
      const previousCount = failure && (!failure.lockedUntil || failure.lockedUntil.getTime() > Date.now()) ? failure.count : 0;
      const count = previousCount + 1;
      const locks = count >= MAX_FAILED_LOGINS;
      const until = locks ? new Date(Date.now() + LOCKOUT_MINUTES * 60_000) : null;
      await tx
        .insert(loginFailures)
        .values({ username, count: locks ? 0 : count, lastFailedAt: new Date(), lockedUntil: until })
        .onConflictDoUpdate({
          target: loginFailures.username,
          set: { count: locks ? 0 : count, lastFailedAt: new Date(), lockedUntil: until },
        });
      await recordAudit(tx, {
        actor,
        divisionCode,
        action: locks ? 'auth.locked' : 'auth.login_failed',
        entityType: 'user',
        entityId: row?.user.id ?? null,
        summary: locks ? `连续 ${MAX_FAILED_LOGINS} 次登录失败，锁定 ${LOCKOUT_MINUTES} 分钟：${username}` : `登录失败：${username}`,
      });
      return until;
    });
    if (lockedUntil) throw lockedError(lockedUntil);
    throw new AppError('INVALID_CREDENTIALS');
  }
  const user = row!.user;
  if (!user.isActive) throw new AppError('FORBIDDEN', '该账号已停用，请联系系统管理员');

  return db.transaction(async (tx) => {
    await tx.delete(loginFailures).where(eq(loginFailures.username, username));
    await tx.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
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
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: new Date(), version: sql`${users.version} + 1`, updatedAt: new Date() })
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
export async function presentMe(tx: DbOrTx, actor: Actor, csrfToken: string): Promise<z.infer<typeof Me>> {
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
    csrfToken,
  };
}

