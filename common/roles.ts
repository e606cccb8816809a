/** Roles of SPEC §1 (plus 等保 2.0's separate security auditor), with their Chinese labels. */
export const ROLES = ['admin', 'auditor', 'leader', 'drc', 'department', 'commerce', 'township', 'owner', 'inspector'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  auditor: '安全审计员',
  leader: '县级领导',
  drc: '发改局',
  department: '行业主管部门',
  commerce: '商务局（招商）',
  township: '乡镇',
  owner: '项目单位',
  inspector: '督查室',
};

/** How far a user's reads and writes reach. */
export const DATA_SCOPES = ['unit', 'township', 'project', 'division', 'all'] as const;
export type DataScope = (typeof DATA_SCOPES)[number];

export const DATA_SCOPE_LABELS: Record<DataScope, string> = {
  unit: '本单位',
  township: '本乡镇',
  project: '本项目',
  division: '本行政区划',
  all: '全部',
};

/** The scope a new user of each role gets unless an admin chooses otherwise. */
export const DEFAULT_SCOPE: Record<Role, DataScope> = {
  admin: 'division',
  auditor: 'division',
  leader: 'division',
  drc: 'division',
  department: 'unit',
  commerce: 'division',
  township: 'township',
  owner: 'project',
  inspector: 'division',
};

/** Kinds of organisation unit. */
export const UNIT_KINDS = ['government', 'drc', 'department', 'commerce', 'township', 'inspector', 'owner', 'park', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  government: '县委县政府',
  drc: '发展和改革局',
  department: '行业主管部门',
  commerce: '商务（招商）部门',
  township: '乡镇',
  inspector: '督查机构',
  owner: '项目单位',
  park: '园区管委会',
  other: '其他',
};
