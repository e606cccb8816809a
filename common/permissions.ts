import type { Role } from './roles';
import { PERMISSIONS, ROLE_PERMISSIONS, type Permission } from '../server/modules/catalog';

/**
 * Permissions are declared by the modules that need them (`server/modules/<m>/<m>.catalog.ts`,
 * each with the roles granted it) and gathered in `server/modules/catalog.ts`. The server
 * checks them; the UI receives the caller's list from `/api/me` and shows or hides actions by
 * the same names. Which records an action reaches is decided separately, by data scope and
 * the record's policy.
 */
export { PERMISSIONS, ROLE_PERMISSIONS, type Permission };

/** Whether a role holds a permission. */
export function roleCan(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
