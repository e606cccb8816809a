import type { Role } from './roles';

/**
 * Every permission the platform knows, as `resource.action`. The server checks them; the
 * UI receives the caller's list from `/api/me` and shows or hides actions by the same names.
 */
export const PERMISSIONS = [
  'org.read',
  'org.manage',
  'user.read',
  'user.manage',
  'audit.read',
  'division.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ORG_READERS: Permission[] = ['org.read', 'division.read'];

/** The one role → permission table. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['org.read', 'org.manage', 'user.read', 'user.manage', 'audit.read', 'division.read'],
  auditor: ['audit.read', 'org.read', 'user.read', 'division.read'],
  leader: ORG_READERS,
  drc: [...ORG_READERS, 'user.read'],
  department: ORG_READERS,
  commerce: ORG_READERS,
  township: ORG_READERS,
  owner: ['division.read'],
  inspector: ORG_READERS,
};

/** Whether a role holds a permission. */
export function roleCan(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
