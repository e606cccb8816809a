import type { Permission } from '../../../common/permissions';
import type { DataScope, Role, UnitKind } from '../../../common/roles';

/** The logged-in user, as `/api/me` and the login answer describe them. */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  dataScope: DataScope;
  divisionCode: string;
  divisionName: string | null;
  unitId: string | null;
  unitName: string | null;
  permissions: Permission[];
  mustChangePassword: boolean;
  csrfToken?: string;
}

export interface LoginAnswer {
  user: Me;
  csrfToken: string;
}

export interface Division {
  code: string;
  name: string;
  level: string | number;
  parentCode: string | null;
}

export interface Unit {
  id: string;
  divisionCode: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  parentId: string | null;
  contactPerson: string | null;
  contactPhone: string | null;
  sortOrder: number;
  isActive: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  dataScope: DataScope;
  divisionCode: string;
  unitId: string | null;
  unitName: string | null;
  phone: string | null;
  isActive: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  version: number;
  createdAt: string;
}

export interface AuditEntry {
  divisionCode: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  actorUnitName: string | null;
  ip: string | null;
  action: string;
  actionLabel: string;
  entityType: string;
  entityLabel: string | null;
  entityId: string | null;
  summary: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditVerifyResult {
  ok: boolean;
  entries: number;
  problems: Array<{ divisionCode: string; seq: number; problem: string }>;
}
