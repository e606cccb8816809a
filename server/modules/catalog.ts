import type { Role } from '../../common/roles';
import { ROLES } from '../../common/roles';
import type { ModuleCatalog } from '../platform/modules/define-module';
import { rulesCatalog } from '../platform/rules/rules.catalog';
import { auditCatalog } from './audit/audit.catalog';
import { authCatalog } from './auth/auth.catalog';
import { cockpitCatalog } from './cockpit/cockpit.catalog';
import { inboxCatalog } from './inbox/inbox.catalog';
import { librariesCatalog } from './libraries/libraries.catalog';
import { milestonesCatalog } from './milestones/milestones.catalog';
import { monthlyReportsCatalog } from './monthly-reports/monthly-reports.catalog';
import { orgCatalog } from './org/org.catalog';
import { projectsCatalog } from './projects/projects.catalog';
import { targetsCatalog } from './targets/targets.catalog';

/**
 * The catalog of every module: plain data, read by the server and the browser alike. A new
 * module adds its `<m>.catalog.ts` here (and its definition to `./index.ts`); a test fails
 * when the two lists disagree. Everything below is derived — never edit a list by hand.
 */
export const CATALOGS = {
  platform: rulesCatalog,
  auth: authCatalog,
  org: orgCatalog,
  audit: auditCatalog,
  projects: projectsCatalog,
  libraries: librariesCatalog,
  'monthly-reports': monthlyReportsCatalog,
  cockpit: cockpitCatalog,
  milestones: milestonesCatalog,
  inbox: inboxCatalog,
  targets: targetsCatalog,
} as const;

type Catalogs = (typeof CATALOGS)[keyof typeof CATALOGS];
type Union<T> = T extends unknown ? keyof T & string : never;

/** Every permission the platform knows, as `resource.action`. */
export type Permission = Union<Catalogs['permissions']>;
/** Every audited action. */
export type AuditAction = Union<Catalogs['auditActions']>;

const catalogs: Catalogs[] = Object.values(CATALOGS);

/** Permission → its declaration (label, roles). */
export const PERMISSION_DECLARATIONS = Object.assign({}, ...catalogs.map((c) => c.permissions)) as Record<Permission, { label: string; roles: readonly Role[] }>;
export const PERMISSIONS = Object.keys(PERMISSION_DECLARATIONS) as [Permission, ...Permission[]];

/** The one role → permission table, derived from the modules' declarations. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = Object.fromEntries(
  ROLES.map((role) => [role, PERMISSIONS.filter((p) => PERMISSION_DECLARATIONS[p].roles.includes(role))]),
) as unknown as Record<Role, readonly Permission[]>;

/** The closed list of audited actions, with the Chinese label the audit page shows. */
export const AUDIT_ACTIONS = Object.assign({}, ...catalogs.map((c) => c.auditActions)) as Record<AuditAction, string>;

/** Kinds of entity the audit log names. */
export const AUDIT_ENTITY_LABELS: Record<string, string> = Object.assign({}, ...catalogs.map((c) => c.entityLabels));

type ReminderKindsOf<C> = C extends ModuleCatalog<string, string, infer R> ? R : never;
/** Every kind of inbox reminder. */
export type ReminderKind = ReminderKindsOf<Catalogs>;

/** Kinds of inbox reminder, with their labels. */
export const REMINDER_KIND_LABELS = Object.assign({}, ...catalogs.map((c) => c.reminderKinds ?? {})) as Record<ReminderKind, string>;
export const REMINDER_KINDS = Object.keys(REMINDER_KIND_LABELS) as ReminderKind[];
