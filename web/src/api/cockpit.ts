/**
 * Types and calls of the leaders' screens: the cockpit (SPEC §10), targets (§8), the
 * milestone portfolio (挂图作战, §5) and the in-app inbox (§11). Money is a 万元 decimal string.
 */
import { api } from './client';

export type LaggingReason = 'behind_plan' | 'idle' | 'start_overdue';

/** A list filter of the project list (`/projects?…`) that shows the projects behind a figure. */
export type ProjectFilter = Record<string, string>;

export interface CockpitInvestmentMonth {
  period: string;
  /** 「1—2月」 or 「3月」. */
  label: string;
  amount: string | null;
  lastYearAmount: string;
  yearCumulative: string | null;
  lastYearCumulative: string;
  growthPct: string | null;
}

export interface CockpitAnswer {
  year: number;
  latestPeriod: string;
  /** 「1—10月」. */
  latestLabel: string;
  totals: { period: string; yearCumulative: string; lastYearCumulative: string | null; growthPct: string | null; projects: number } | null;
  investment: CockpitInvestmentMonth[];
  startsCompletions: Array<{ month: number; starts: number; completions: number }>;
  bySector: Array<{ key: string; label: string; yearCumulative: string; growthPct: string | null; projects: number; filter: ProjectFilter }>;
  byTownship: Array<{ townshipId: string | null; name: string; projects: number; yearInvestment: string; totalInvestment: string; filter: ProjectFilter }>;
  reserveRatio: { reserveCount: number; implementedCount: number; ratio: string | null; target: number; isBelowTarget: boolean };
  lagging: Array<{ id: string; name: string; departmentName: string | null; townshipName: string | null; totalInvestment: string; reason: LaggingReason; detail: string }>;
  reporting: { expected: number; submitted: number; approved: number; missing: number; late: number } | null;
  map: { nameProperty: string; geojson: GeoJsonFeatureCollection } | null;
}

export interface GeoJsonFeatureCollection {
  type: 'FeatureCollection';
  features: Array<{ type: 'Feature'; properties: Record<string, unknown> | null; geometry: { type: string; coordinates: unknown } }>;
}

export type TargetUnit = 'count' | 'wan' | 'pct';

export interface TargetAllocation {
  unitId: string;
  unitName: string | null;
  unitKind: string | null;
  value: string;
  progress: string | null;
  progressPct: string | null;
}

export interface Target {
  /** Null until the 发改局 sets the year's targets. */
  id: string | null;
  year: number;
  key: string;
  label: string;
  unit: TargetUnit;
  unitLabel: string;
  value: string | null;
  defaultValue: string;
  version: number | null;
  source: 'computed' | 'pending';
  basis: string;
  progress: string | null;
  progressPct: string | null;
  allocations: TargetAllocation[];
  allocatedTotal: string | null;
  updatedByName: string | null;
  updatedAt: string | null;
}

export interface TargetList {
  year: number;
  divisionCode: string;
  data: Target[];
  canManage: boolean;
}

export type MilestoneStatus = 'overdue' | 'at_risk' | 'on_time' | 'done';

export interface Milestone {
  id: string;
  projectId: string;
  name: string;
  plannedDate: string;
  actualDate: string | null;
  ownerName: string;
  ownerUserId: string | null;
  sortOrder: number;
  note: string | null;
  status: MilestoneStatus;
  statusLabel: string;
  isDoneLate: boolean | null;
  daysRemaining: number | null;
  version: number;
}

export interface ProjectMilestones {
  data: Milestone[];
  rollUpStatus: MilestoneStatus | null;
  today: string;
  canManage: boolean;
}

export interface PortfolioRow {
  projectId: string;
  projectName: string;
  divisionCode: string;
  stage: string;
  departmentId: string | null;
  departmentName: string | null;
  townshipName: string | null;
  leaderName: string | null;
  plannedStart: string;
  plannedEnd: string;
  status: MilestoneStatus;
  counts: Record<MilestoneStatus, number>;
  milestones: Milestone[];
}

export interface Portfolio {
  today: string;
  atRiskDays: number;
  data: PortfolioRow[];
  summary: Record<MilestoneStatus, number>;
  isTruncated: boolean;
}

export interface PortfolioQuery {
  leader?: string;
  departmentId?: string;
  townshipId?: string;
  libraryId?: string;
  status?: MilestoneStatus;
}

export interface MilestoneInput {
  name: string;
  plannedDate: string;
  actualDate?: string | null;
  ownerName: string;
  note?: string | null;
  sortOrder?: number;
}

export interface InboxMessage {
  id: string;
  kind: string;
  kindLabel: string;
  title: string;
  body: string;
  link: string | null;
  escalationLevel: number;
  createdAt: string;
  readAt: string | null;
  isRead: boolean;
}

export interface InboxPage {
  data: InboxMessage[];
  total: number;
  unread: number;
}

export const MILESTONE_STATUS_META: Record<MilestoneStatus, { label: string; color: string; tag: string }> = {
  on_time: { label: '正常推进', color: '#3aa655', tag: 'success' },
  at_risk: { label: '临期', color: '#f08c00', tag: 'warning' },
  overdue: { label: '已逾期', color: '#e03131', tag: 'error' },
  done: { label: '已完成', color: '#98a2b3', tag: 'default' },
};

export const LAGGING_REASON_META: Record<LaggingReason, { label: string; color: string }> = {
  behind_plan: { label: '进度滞后', color: '#f08c00' },
  idle: { label: '连续未投资', color: '#f76707' },
  start_overdue: { label: '逾期未开工', color: '#e03131' },
};

/** `/projects?a=b&…` for a list filter. */
export function projectListUrl(filter: ProjectFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `/projects?${text}` : '/projects';
}

export const cockpitApi = {
  cockpit: (year: number) => api<CockpitAnswer>('/api/cockpit', { query: { year } }),
  saveMap: (geojson: unknown, nameProperty: string) => api<{ features: number }>('/api/map', { method: 'PUT', body: { geojson, nameProperty } }),
};

export const targetsApi = {
  list: (year: number) => api<TargetList>('/api/targets', { query: { year } }),
  save: (year: number, targets: Array<{ key: string; value: string; version?: number }>) =>
    api<TargetList>(`/api/targets/${year}`, { method: 'PUT', body: { targets } }),
  allocate: (id: string, version: number, allocations: Array<{ unitId: string; value: string }>) =>
    api<Target>(`/api/targets/${id}/allocations`, { method: 'PUT', body: { version, allocations } }),
};

export const milestonesApi = {
  portfolio: (query: PortfolioQuery) => api<Portfolio>('/api/milestones/portfolio', { query: { ...query } }),
  ofProject: (projectId: string) => api<ProjectMilestones>(`/api/projects/${projectId}/milestones`),
  create: (projectId: string, body: MilestoneInput) => api<Milestone>(`/api/projects/${projectId}/milestones`, { method: 'POST', body }),
  update: (id: string, body: Partial<MilestoneInput> & { version: number }) => api<Milestone>(`/api/milestones/${id}`, { method: 'PATCH', body }),
  remove: (id: string, version: number) => api<void>(`/api/milestones/${id}`, { method: 'DELETE', query: { version } }),
};

export const inboxApi = {
  list: (query: { unread?: boolean; page?: number; pageSize?: number }) =>
    api<InboxPage>('/api/inbox', { query: { unread: query.unread ? 'true' : undefined, page: query.page, pageSize: query.pageSize } }),
  count: () => api<{ unread: number }>('/api/inbox/count'),
  read: (id: string) => api<void>(`/api/inbox/${id}/read`, { method: 'POST' }),
  readAll: () => api<void>('/api/inbox/read-all', { method: 'POST' }),
};
