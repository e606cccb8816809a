import { eq, and } from 'drizzle-orm';
import { ROLE_PERMISSIONS } from '../../../common/permissions';
import type { DataScope, Role } from '../../../common/roles';
import { orgUnits, users } from '../../modules/org';
import type { DbOrTx } from '../db/client';
import type { Actor } from '../http/context';

/** The columns an Actor is made of: the user and the name of their unit (join `actorUnitJoin`). */
export const actorColumns = { user: users, unitName: orgUnits.name };
export const actorUnitJoin = and(eq(orgUnits.divisionCode, users.divisionCode), eq(orgUnits.id, users.unitId));

/** Loads the active user behind a session as an Actor, or null when gone or disabled. */
export async function loadActor(tx: DbOrTx, userId: string, ip: string | null, passwordMaxAgeDays = 0): Promise<Actor | null> {
  const [row] = await tx.select(actorColumns).from(users).leftJoin(orgUnits, actorUnitJoin).where(eq(users.id, userId));
  return row ? toActor(row, ip, passwordMaxAgeDays) : null;
}

/** When a password set at `changedAt` expires (等保: 口令定期更换), or null when passwords do not expire. */
export function passwordExpiry(changedAt: Date, maxAgeDays: number): Date | null {
  return maxAgeDays > 0 ? new Date(changedAt.getTime() + maxAgeDays * 86_400_000) : null;
}

/**
 * An Actor from a row of `actorColumns`, or null when the user is disabled. A password past
 * its lifetime (`passwordMaxAgeDays`, counted from its last change or the account's creation)
 * must be changed before anything else, as after an administrator's reset.
 */
export function toActor(row: { user: typeof users.$inferSelect; unitName: string | null }, ip: string | null, passwordMaxAgeDays = 0): Actor | null {
  if (!row.user.isActive) return null;
  const role = row.user.role as Role;
  const passwordExpiresAt = passwordExpiry(row.user.passwordChangedAt ?? row.user.createdAt, passwordMaxAgeDays);
  return {
    id: row.user.id,
    username: row.user.username,
    displayName: row.user.displayName,
    role,
    dataScope: row.user.dataScope as DataScope,
    divisionCode: row.user.divisionCode,
    unitId: row.user.unitId,
    unitName: row.unitName ?? null,
    permissions: ROLE_PERMISSIONS[role] ?? [],
    mustChangePassword: row.user.mustChangePassword || (passwordExpiresAt !== null && passwordExpiresAt.getTime() <= Date.now()),
    passwordExpiresAt,
    ip,
  };
}
