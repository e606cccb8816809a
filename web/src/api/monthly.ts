/** Types and calls of the monthly cycle API (SPEC §5): periods, report grid, review, summary. Money is a 万元 decimal string. */
import { useCallback, useEffect, useState } from 'react';
import type { MonthlySummary } from '../../../common/summary';
import { api, apiUpload, apiUrl } from './client';

export type PeriodStatus = 'open' | 'closed' | 'future';

export interface ReportingPeriod {
  period: string;
  /** 「10月」 or 「1—2月」. */
  label: string;
  /** 「1—10月」. */
  cumulativeLabel: string;
  /** YYYY-MM-DD. */
  deadline: string;
  summaryDue: string;
  status: PeriodStatus;
  closedAt: string | null;
  closedByName: string | null;
}

export interface PeriodsAnswer {
  current: string;
  data: ReportingPeriod[];
}

export type ReportStatus = 'draft' | 'submitted' | 'approved' | 'returned' | 'superseded';
export type GridStatusFilter = 'none' | 'draft' | 'submitted' | 'approved' | 'returned';

export interface FundingArrival {
  source: string;
  amount: string;
}

export interface MonthlyReport {
  id: string;
  projectId: string;
  period: string;
  revision: number;
  status: ReportStatus;
  stage: string;
  preliminaryProgress: string | null;
  investedThisPeriod: string;
  yearCumulative: string;
  sinceStartCumulative: string;
  funding: FundingArrival[];
  progressText: string | null;
  progressPct: number | null;
  problems: string | null;
  measures: string | null;
  explanation: string | null;
  revisionReason: string | null;
  isLate: boolean;
  submittedByName: string | null;
  submittedAt: string | null;
  reviewedByName: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  version: number;
}

export interface GridRow {
  projectId: string;
  projectName: string;
  departmentName: string | null;
  townshipName: string | null;
  stage: 'preliminary' | 'ready' | 'construction' | string;
  totalInvestment: string;
  yearCumulativeBefore: string;
  sinceStartBefore: string;
  lastProgressPct: number | null;
  report: MonthlyReport | null;
  canFill: boolean;
  canReview: boolean;
}

export interface GridAnswer {
  period: { period: string; label: string; cumulativeLabel: string; deadline: string; summaryDue: string };
  data: GridRow[];
  total: number;
}

export interface GridQuery {
  period: string;
  departmentId?: string;
  townshipId?: string;
  status?: GridStatusFilter;
  q?: string;
  page?: number;
  pageSize?: number;
}

/** The body of PUT /api/monthly-reports/{projectId}/{period}. */
export interface DraftInput {
  version: number;
  preliminaryProgress?: string | null;
  investedThisPeriod: string;
  funding?: FundingArrival[];
  progressText?: string | null;
  progressPct?: number | null;
  problems?: string | null;
  measures?: string | null;
  explanation?: string | null;
}

export interface LatenessAnswer {
  projects: Array<{ kind: 'missing' | 'late'; projectId: string; projectName: string; departmentName: string | null }>;
  byDepartment: Array<{ departmentId: string | null; departmentName: string | null; missing: number; late: number }>;
}

export interface ReopenRequest {
  id: string;
  period: string;
  reason: string;
  status: string;
  requestedByName: string;
  requestedAt: string;
  reviewedByName?: string | null;
  reviewComment?: string | null;
}

export const monthlyApi = {
  periods: (year: number) => api<PeriodsAnswer>('/api/periods', { query: { year } }),
  closePeriod: (period: string) => api<ReportingPeriod>(`/api/periods/${period}/close`, { method: 'POST' }),
  lateness: (period: string) => api<LatenessAnswer>(`/api/periods/${period}/lateness`),
  requestReopen: (period: string, reason: string) => api<ReopenRequest>(`/api/periods/${period}/reopen-requests`, { method: 'POST', body: { reason } }),
  reopenRequests: () => api<{ data: ReopenRequest[] }>('/api/period-reopen-requests'),
  decideReopen: (id: string, approve: boolean, comment?: string) =>
    api<void>(`/api/period-reopen-requests/${id}/decision`, { method: 'POST', body: { approve, comment: comment || null } }),
  grid: (query: GridQuery) => api<GridAnswer>('/api/monthly-reports', { query: { ...query } }),
  saveDraft: (projectId: string, period: string, body: DraftInput) =>
    api<MonthlyReport>(`/api/monthly-reports/${projectId}/${period}`, { method: 'PUT', body }),
  submit: (id: string) => api<MonthlyReport>(`/api/monthly-reports/${id}/submit`, { method: 'POST' }),
  approve: (id: string, comment?: string) => api<MonthlyReport>(`/api/monthly-reports/${id}/approve`, { method: 'POST', body: { comment: comment || null } }),
  returnReport: (id: string, comment: string) => api<MonthlyReport>(`/api/monthly-reports/${id}/return`, { method: 'POST', body: { comment } }),
  revise: (id: string, reason: string) => api<MonthlyReport>(`/api/monthly-reports/${id}/revise`, { method: 'POST', body: { reason } }),
  report: (id: string) => api<{ report: MonthlyReport; revisions: MonthlyReport[] }>(`/api/monthly-reports/${id}`),
  summary: (period: string, divisionCode?: string) => api<MonthlySummary>(`/api/summaries/${period}`, { query: { divisionCode } }),
  summaryDocxUrl: (period: string, divisionCode?: string) => apiUrl(`/api/summaries/${period}/report.docx`, { divisionCode }),
  summaryXlsxUrl: (period: string, divisionCode?: string) => apiUrl(`/api/summaries/${period}/tables.xlsx`, { divisionCode }),
  quarterlyDocxUrl: (period: string, divisionCode?: string) => apiUrl(`/api/summaries/${period}/quarterly.docx`, { divisionCode }),
  reportTemplateUrl: (period: string) => apiUrl('/api/monthly-reports/template.xlsx', { period }),
  /** Checks a filled batch-entry workbook without writing anything. */
  previewReportImport: (period: string, file: File) => apiUpload<ReportImportPreview>('/api/monthly-reports/import', file, { query: { period } }),
  /** Writes the whole workbook as drafts, or nothing (400 with `details.problems`; 409 when the period is closed). */
  commitReportImport: (period: string, file: File) => apiUpload<ReportImportResult>('/api/monthly-reports/import', file, { query: { period, commit: 'true' } }),
};

/** One problem of a batch-entry workbook: `row` is the sheet row, `column` its letter, `field` the report field. */
export interface ReportImportProblem {
  row: number;
  column?: string | null;
  field?: string | null;
  message: string;
}

export interface ReportImportRecord {
  row: number;
  projectId: string;
  projectName: string;
  values: {
    investedThisPeriod?: string | null;
    progressPct?: number | null;
    progressText?: string | null;
    preliminaryProgress?: string | null;
    problems?: string | null;
    measures?: string | null;
    explanation?: string | null;
  };
}

/** The answer of POST /api/monthly-reports/import (preview). */
export interface ReportImportPreview {
  fileName: string;
  period: string;
  records: ReportImportRecord[];
  problems: ReportImportProblem[];
  canCommit: boolean;
}

/** The answer of POST /api/monthly-reports/import?commit=true. */
export interface ReportImportResult {
  saved: number;
}

/** Whether a period key (YYYY-MM) ends a quarter (03/06/09/12). */
export function isQuarterEnd(period: string): boolean {
  return ['03', '06', '09', '12'].includes(period.slice(5, 7));
}

/**
 * The periods of a year and the current period. `year` defaults to the current period's year:
 * the first load asks for this calendar year, and the answer's `current` decides.
 */
export function usePeriods(year: number | null) {
  const [answer, setAnswer] = useState<PeriodsAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isLoading, setIsLoading] = useState(true);
  const reload = useCallback(async () => {
    setIsLoading(true);
    try {
      setAnswer(await monthlyApi.periods(year ?? new Date().getFullYear()));
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setIsLoading(false);
    }
  }, [year]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { answer, error, isLoading, reload };
}

/** One site photo of a monthly report; its file is served by /api/documents/{id}/download. */
export interface ReportPhoto {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  uploadedAt: string;
}

export type FigureKind = 'dispatch' | 'official';

/** A figure kept apart from the platform's own: 'official' = 统计数, 'dispatch' = 上年调度数 (imported). */
export interface InvestmentFigure {
  period: string;
  kind: FigureKind;
  /** 'total' or 'sector:<sector>'. */
  scope: string;
  /** 万元 decimal string. */
  yearCumulative: string;
  note?: string | null;
}

export interface ReportingSettings {
  deadlineDay: number;
  summaryDay: number;
  combineJanFeb: boolean;
  lagMarginPct: number;
  idleMonths: number;
  version: number;
}

export const monthlyExtrasApi = {
  photos: (reportId: string) => api<{ data: ReportPhoto[] }>(`/api/monthly-reports/${reportId}/photos`),
  /** JPG/PNG only, ≤ 20 MB, only while the report is a draft, at most 9. */
  uploadPhoto: (reportId: string, file: File) => apiUpload<ReportPhoto>(`/api/monthly-reports/${reportId}/photos`, file),
  photoUrl: (documentId: string) => apiUrl(`/api/documents/${documentId}/download`),
  figures: (year: number) => api<{ data: InvestmentFigure[] }>('/api/investment-figures', { query: { year } }),
  saveFigures: (items: InvestmentFigure[]) => api<{ saved: number }>('/api/investment-figures', { method: 'PUT', body: { items } }),
  settings: () => api<ReportingSettings>('/api/reporting-settings'),
  saveSettings: (body: ReportingSettings) => api<ReportingSettings>('/api/reporting-settings', { method: 'PUT', body }),
};
