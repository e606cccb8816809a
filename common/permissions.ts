import type { Role } from './roles';

/**
 * Every permission the platform knows, as `resource.action`. The server checks them; the
 * UI receives the caller's list from `/api/me` and shows or hides actions by the same names.
 * Which records an action reaches is decided separately, by the caller's data scope.
 */
export const PERMISSIONS = [
  'org.read',
  'org.manage',
  'user.read',
  'user.manage',
  'audit.read',
  'division.read',
  'project.read',
  'project.create',
  'project.update',
  'project.transition',
  'project.import',
  'procedure.update',
  'document.upload',
  'library.manage',
  'library.request',
  'library.review',
  'report.fill',
  'report.review',
  'period.manage',
  'summary.read',
  'milestone.manage',
  'target.read',
  'target.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ORG_READERS: Permission[] = ['org.read', 'division.read'];
const PROJECT_WORKERS: Permission[] = [
  'project.read',
  'project.create',
  'project.update',
  'project.transition',
  'project.import',
  'procedure.update',
  'document.upload',
  'library.request',
  'report.fill',
];

/** The one role → permission table. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['org.read', 'org.manage', 'user.read', 'user.manage', 'audit.read', 'division.read', 'project.read'],
  auditor: ['audit.read', 'org.read', 'user.read', 'division.read'],
  leader: [...ORG_READERS, 'project.read', 'summary.read', 'target.read'],
  drc: [...ORG_READERS, 'user.read', ...PROJECT_WORKERS, 'library.manage', 'library.review', 'report.review', 'period.manage', 'summary.read', 'milestone.manage', 'target.read', 'target.manage'],
  department: [...ORG_READERS, ...PROJECT_WORKERS, 'library.review', 'report.review', 'summary.read', 'milestone.manage', 'target.read'],
  commerce: [...ORG_READERS, 'project.read', 'project.create', 'project.update', 'document.upload', 'library.request', 'target.read'],
  township: [...ORG_READERS, 'project.read', 'project.create', 'project.update', 'procedure.update', 'document.upload', 'library.request', 'report.fill', 'summary.read', 'target.read'],
  owner: ['division.read', 'project.read', 'project.update', 'procedure.update', 'document.upload', 'report.fill', 'milestone.manage'],
  inspector: [...ORG_READERS, 'project.read', 'summary.read', 'target.read'],
};

/** Whether a role holds a permission. */
export function roleCan(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
