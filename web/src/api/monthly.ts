/**
 * Types and calls of the monthly cycle API (SPEC §5): periods, report grid, review, summary. Money is a 万元 decimal string.
 * The types are derived from the server's zod schemas (type-only imports: no server code reaches the bundle).
 */
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type {
  InvestmentFigure as InvestmentFigureSchema,
  InvestmentFigureInput as InvestmentFigureInputSchema,
  InvestmentFigures,
  ReportingSettings as ReportingSettingsSchema,
  SaveFiguresResult,
  SaveReportingSettingsBody,
} from '../../../server/modules/cockpit/cockpit.schemas';
import type {
  BatchBlocker as BatchBlockerSchema,
  BatchReportResult as BatchReportResultSchema,
  BatchReviewBody,
  GridAnswer as GridAnswerSchema,
  GridRow as GridRowSchema,
  HistoryEntryAnswer as HistoryEntryAnswerSchema,
  HistoryEntryBody,
  LatenessAnswer as LatenessAnswerSchema,
  MonthlyReport as MonthlyReportSchema,
  PeriodReopenRequest,
  PeriodReopenRequests,
  PeriodsAnswer as PeriodsAnswerSchema,
  ReportImportPreview as ReportImportPreviewSchema,
  ReportImportProblem as ReportImportProblemSchema,
  ReportImportResult as ReportImportResultSchema,
  ReportingPeriod as ReportingPeriodSchema,
  ReportListQuery,
  ReportPhoto as ReportPhotoSchema,
  ReportPhotos,
  ReportWithRevisions,
  SaveDraftBody,
  UploadedReportPhoto,
} from '../../../server/modules/monthly-reports/monthly-reports.schemas';
import type { MonthlySummary as MonthlySummarySchema } from '../../../server/modules/monthly-reports/summary.schemas';
import { api, apiUpload, apiUrl } from './client';

export type ReportingPeriod = z.output<typeof ReportingPeriodSchema>;
/** 'open', 'closed' or 'future'. */
export type PeriodStatus = ReportingPeriod['status'];
export type PeriodsAnswer = z.output<typeof PeriodsAnswerSchema>;
export type MonthlyReport = z.output<typeof MonthlyReportSchema>;
export type ReportStatus = MonthlyReport['status'];
export type FundingArrival = MonthlyReport['funding'][number];
export type GridRow = z.output<typeof GridRowSchema>;
export type GridAnswer = z.output<typeof GridAnswerSchema>;
/** The query of GET /api/monthly-reports. */
type GridFilters = z.output<typeof ReportListQuery>;
// Paging has server defaults; the query's numbers are coerced from text, so the output type is the one to send.
export type GridQuery = Omit<GridFilters, 'page' | 'pageSize'> & Partial<Pick<GridFilters, 'page' | 'pageSize'>>;
export type GridStatusFilter = NonNullable<GridQuery['status']>;
/** The body of PUT /api/monthly-reports/{projectId}/{period}. */
export type DraftInput = z.input<typeof SaveDraftBody>;
export type LatenessAnswer = z.output<typeof LatenessAnswerSchema>;
export type ReopenRequest = z.output<typeof PeriodReopenRequest>;
/** Who approves a reopen request the caller makes (the 重开审批人 rule). */
export type ReopenApprover = NonNullable<PeriodsAnswer['reopenApprover']>;
/** The body and answer of POST /api/periods/history-entry (补录历史数据 on or off). */
export type HistoryEntryInput = z.input<typeof HistoryEntryBody>;
export type HistoryEntryAnswer = z.output<typeof HistoryEntryAnswerSchema>;
export type MonthlySummary = z.output<typeof MonthlySummarySchema>;
/** The answer of a batch action: the reports it moved. */
export type BatchReportResult = z.output<typeof BatchReportResultSchema>;
/** A report that stopped a batch (the error's `details.blocked`), and why. */
export type BatchBlocker = z.output<typeof BatchBlockerSchema>;
export type BatchDecision = z.input<typeof BatchReviewBody>['decision'];

export const monthlyApi = {
  periods: (year: number) => api<PeriodsAnswer>('/api/periods', { query: { year } }),
  closePeriod: (period: string) => api<ReportingPeriod>(`/api/periods/${period}/close`, { method: 'POST' }),
  lateness: (period: string) => api<LatenessAnswer>(`/api/periods/${period}/lateness`),
  requestReopen: (period: string, reason: string) => api<ReopenRequest>(`/api/periods/${period}/reopen-requests`, { method: 'POST', body: { reason } }),
  setHistoryEntry: (body: HistoryEntryInput) => api<HistoryEntryAnswer>('/api/periods/history-entry', { method: 'POST', body }),
  reopenRequests: () => api<z.output<typeof PeriodReopenRequests>>('/api/period-reopen-requests'),
  decideReopen: (id: string, approve: boolean, comment?: string) =>
    api<void>(`/api/period-reopen-requests/${id}/decision`, { method: 'POST', body: { approve, comment: comment || null } }),
  grid: (query: GridQuery, signal?: AbortSignal) => api<GridAnswer>('/api/monthly-reports', { query: { ...query }, signal }),
  saveDraft: (projectId: string, period: string, body: DraftInput) =>
    api<MonthlyReport>(`/api/monthly-reports/${projectId}/${period}`, { method: 'PUT', body }),
  submit: (id: string) => api<MonthlyReport>(`/api/monthly-reports/${id}/submit`, { method: 'POST' }),
  approve: (id: string, comment?: string) => api<MonthlyReport>(`/api/monthly-reports/${id}/approve`, { method: 'POST', body: { comment: comment || null } }),
  returnReport: (id: string, comment: string) => api<MonthlyReport>(`/api/monthly-reports/${id}/return`, { method: 'POST', body: { comment } }),
  /** Approves or returns many submitted reports with one comment: all of them, or none (the error's `details.blocked` names why). */
  batchReview: (reportIds: string[], decision: BatchDecision, comment?: string) =>
    api<BatchReportResult>('/api/monthly-reports/batch-review', { method: 'POST', body: { reportIds, decision, comment: comment || null } }),
  /** Submits many drafts: all of them, or none. */
  batchSubmit: (reportIds: string[]) => api<BatchReportResult>('/api/monthly-reports/batch-submit', { method: 'POST', body: { reportIds } }),
  revise: (id: string, reason: string) => api<MonthlyReport>(`/api/monthly-reports/${id}/revise`, { method: 'POST', body: { reason } }),
  report: (id: string) => api<z.output<typeof ReportWithRevisions>>(`/api/monthly-reports/${id}`),
  summary: (period: string, divisionCode?: string) => api<MonthlySummary>(`/api/summaries/${period}`, { query: { divisionCode } }),
  /** The summary of the headline period (the latest whose summary is due); `figureStatus` says whether it is final. */
  headlineSummary: (divisionCode?: string) => api<MonthlySummary>('/api/summaries', { query: { divisionCode } }),
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
export type ReportImportProblem = z.output<typeof ReportImportProblemSchema>;
export type ReportImportRecord = ReportImportPreview['records'][number];
/** The answer of POST /api/monthly-reports/import (preview). */
export type ReportImportPreview = z.output<typeof ReportImportPreviewSchema>;
/** The answer of POST /api/monthly-reports/import?commit=true. */
export type ReportImportResult = z.output<typeof ReportImportResultSchema>;

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
export type ReportPhoto = z.output<typeof ReportPhotoSchema>;
/** A figure kept apart from the platform's own: 'official' = 统计数, 'dispatch' = 上年调度数 (imported). */
export type InvestmentFigure = z.output<typeof InvestmentFigureSchema>;
/** A figure as PUT /api/investment-figures takes it. */
export type InvestmentFigureInput = z.input<typeof InvestmentFigureInputSchema>;
export type FigureKind = InvestmentFigureInput['kind'];
export type ReportingSettings = z.output<typeof ReportingSettingsSchema>;

export const monthlyExtrasApi = {
  photos: (reportId: string) => api<z.output<typeof ReportPhotos>>(`/api/monthly-reports/${reportId}/photos`),
  /** JPG/PNG only, ≤ 20 MB, only while the report is a draft, at most 9. */
  uploadPhoto: (reportId: string, file: File) => apiUpload<z.output<typeof UploadedReportPhoto>>(`/api/monthly-reports/${reportId}/photos`, file),
  photoUrl: (documentId: string) => apiUrl(`/api/documents/${documentId}/download`),
  figures: (year: number) => api<z.output<typeof InvestmentFigures>>('/api/investment-figures', { query: { year } }),
  saveFigures: (items: InvestmentFigureInput[]) => api<z.output<typeof SaveFiguresResult>>('/api/investment-figures', { method: 'PUT', body: { items } }),
  settings: () => api<ReportingSettings>('/api/reporting-settings'),
  saveSettings: (body: z.input<typeof SaveReportingSettingsBody>) => api<ReportingSettings>('/api/reporting-settings', { method: 'PUT', body }),
};
