/**
 * Types and calls of the leaders' screens: the cockpit (SPEC §10), targets (§8), the
 * milestone portfolio (挂图作战, §5) and the in-app inbox (§11). Money is a 万元 decimal string.
 * The types are derived from the server's zod schemas (type-only imports: no server code reaches the bundle).
 */
import type { z } from 'zod';
import type {
  CockpitAnswer as CockpitAnswerSchema,
  CockpitInvestmentMonth as CockpitInvestmentMonthSchema,
  MapFeatureCollection,
  SaveMapResult,
} from '../../../server/modules/cockpit/cockpit.schemas';
import type { InboxCount, InboxPage as InboxPageSchema, Notification } from '../../../server/modules/inbox/inbox.schemas';
import type {
  CreateMilestoneBody,
  Milestone as MilestoneSchema,
  Portfolio as PortfolioSchema,
  PortfolioQuery as PortfolioQuerySchema,
  PortfolioRow as PortfolioRowSchema,
  ProjectMilestones as ProjectMilestonesSchema,
  UpdateMilestoneBody,
} from '../../../server/modules/milestones/milestones.schemas';
import type { LaggingProject } from '../../../server/modules/monthly-reports/summary.schemas';
import type {
  Allocation,
  SaveAllocationsBody,
  SaveTargetsBody,
  Target as TargetSchema,
  TargetList as TargetListSchema,
} from '../../../server/modules/targets/targets.schemas';
import { api } from './client';

export type LaggingReason = z.output<typeof LaggingProject>['reason'];

/** A list filter of the project list (`/projects?…`) that shows the projects behind a figure. */
export type ProjectFilter = Record<string, string | undefined>;

export type CockpitInvestmentMonth = z.output<typeof CockpitInvestmentMonthSchema>;
export type CockpitAnswer = z.output<typeof CockpitAnswerSchema>;
export type CockpitCountyRow = CockpitAnswer['byCounty'][number];
export type GeoJsonFeatureCollection = z.output<typeof MapFeatureCollection>;

export type TargetAllocation = z.output<typeof Allocation>;
export type Target = z.output<typeof TargetSchema>;
export type TargetUnit = Target['unit'];
export type TargetList = z.output<typeof TargetListSchema>;

export type Milestone = z.output<typeof MilestoneSchema>;
export type MilestoneStatus = Milestone['status'];
export type ProjectMilestones = z.output<typeof ProjectMilestonesSchema>;
export type PortfolioRow = z.output<typeof PortfolioRowSchema>;
export type Portfolio = z.output<typeof PortfolioSchema>;
export type PortfolioQuery = z.input<typeof PortfolioQuerySchema>;
/** The body of POST /api/projects/{id}/milestones. */
export type MilestoneInput = z.input<typeof CreateMilestoneBody>;

export type InboxMessage = z.output<typeof Notification>;
export type InboxPage = z.output<typeof InboxPageSchema>;

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
  /** The cockpit of the caller's division, or of a county below it (`divisionCode`); the year defaults to the headline period's. */
  cockpit: (query: { year?: number; divisionCode?: string }) => api<CockpitAnswer>('/api/cockpit', { query: { ...query } }),
  saveMap: (geojson: unknown, nameProperty: string) => api<z.output<typeof SaveMapResult>>('/api/map', { method: 'PUT', body: { geojson, nameProperty } }),
};

export const targetsApi = {
  list: (year: number, divisionCode?: string) => api<TargetList>('/api/targets', { query: { year, divisionCode } }),
  save: (year: number, targets: z.input<typeof SaveTargetsBody>['targets']) =>
    api<TargetList>(`/api/targets/${year}`, { method: 'PUT', body: { targets } }),
  allocate: (id: string, version: number, allocations: z.input<typeof SaveAllocationsBody>['allocations']) =>
    api<Target>(`/api/targets/${id}/allocations`, { method: 'PUT', body: { version, allocations } }),
};

export const milestonesApi = {
  portfolio: (query: PortfolioQuery) => api<Portfolio>('/api/milestones/portfolio', { query: { ...query } }),
  ofProject: (projectId: string) => api<ProjectMilestones>(`/api/projects/${projectId}/milestones`),
  create: (projectId: string, body: MilestoneInput) => api<Milestone>(`/api/projects/${projectId}/milestones`, { method: 'POST', body }),
  update: (id: string, body: z.input<typeof UpdateMilestoneBody>) => api<Milestone>(`/api/milestones/${id}`, { method: 'PATCH', body }),
  remove: (id: string, version: number) => api<void>(`/api/milestones/${id}`, { method: 'DELETE', query: { version } }),
};

export const inboxApi = {
  list: (query: { unread?: boolean; page?: number; pageSize?: number }) =>
    api<InboxPage>('/api/inbox', { query: { unread: query.unread ? 'true' : undefined, page: query.page, pageSize: query.pageSize } }),
  count: () => api<z.output<typeof InboxCount>>('/api/inbox/count'),
  read: (id: string) => api<void>(`/api/inbox/${id}/read`, { method: 'POST' }),
  readAll: () => api<void>('/api/inbox/read-all', { method: 'POST' }),
};
