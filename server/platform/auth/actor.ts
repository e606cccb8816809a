import { eq, and } from 'drizzle-orm';
import { ROLE_PERMISSIONS } from '../../../common/permissions';
import type { DataScope, Role } from '../../../common/roles';
import { orgUnits, users } from '../../modules/org/org.tables';
import type { DbOrTx } from '../db/client';
import type { Actor } from '../http/context';

/** Loads the active user behind a session as an Actor, or null when gone or disabled. */
export async function loadActor(tx: DbOrTx, userId: string, ip: string | null): Promise<Actor | null> {
  const [row] = await tx
    .select({ user: users, unitName: orgUnits.name })
    .from(users)
    .leftJoin(orgUnits, and(eq(orgUnits.divisionCode, users.divisionCode), eq(orgUnits.id, users.unitId)))
    .where(eq(users.id, userId));
  if (!row || !row.user.isActive) return null;
  const role = row.user.role as Role;
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
    mustChangePassword: row.user.mustChangePassword,
    ip,
  };
}
