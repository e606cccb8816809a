import type { InvestmentThresholdsWan } from './projects';

/**
 * The 发改局 monthly summary (月度调度汇总) as the API answers it and the documents print it.
 * Money in 万元 as decimal strings; growth as a percentage string with one decimal
 * ('8.4', '-3.0') or null when last year's figure is zero or unknown.
 */
export interface SummaryFigure {
  /** Completed investment this period (本月 / 本期). */
  period: string;
  /** Cumulative this year up to the period's end (本年累计). */
  yearCumulative: string;
  /** Same period last year, cumulative (上年同期累计), when known. */
  lastYearCumulative: string | null;
  /** 同比增长 % (one decimal), null when not computable. */
  growthPct: string | null;
  /** Number of projects counted. */
  projects: number;
}

export interface SummaryBreakdownRow extends SummaryFigure {
  key: string;
  label: string;
}

export interface SummaryProjectRef {
  id: string;
  name: string;
  departmentName: string | null;
  townshipName: string | null;
  totalInvestment: string;
  date: string | null;
}

export interface LaggingProject extends SummaryProjectRef {
  /** behind_plan: completed < plan-to-date by more than the margin; idle: no investment for N months; start_overdue: planned start passed. */
  reason: 'behind_plan' | 'idle' | 'start_overdue';
  detail: string;
}

export interface ReportedIssue {
  projectId: string;
  projectName: string;
  departmentName: string | null;
  problems: string;
  measures: string | null;
}

export interface MonthlySummary {
  divisionCode: string;
  divisionName: string;
  period: string;
  /** 「10月」, 「1—2月」. */
  periodLabel: string;
  /** 「1—10月」: the span the year-to-date figures cover. */
  cumulativeLabel: string;
  year: number;
  generatedAt: string;
  /** The division's investment thresholds (万元) the figures were counted and banded with. */
  thresholds: InvestmentThresholdsWan;
  /** Projects of at least `thresholds.countedMinWan` only (the statistical convention). */
  totals: SummaryFigure;
  bySector: SummaryBreakdownRow[];
  byDepartment: SummaryBreakdownRow[];
  byTownship: SummaryBreakdownRow[];
  byLibrary: SummaryBreakdownRow[];
  byBand: SummaryBreakdownRow[];
  startedThisPeriod: SummaryProjectRef[];
  completedThisPeriod: SummaryProjectRef[];
  /** 集中开工 batches: days in the period on which 3 or more projects started. */
  concentratedStarts: Array<{ date: string; count: number; projects: SummaryProjectRef[] }>;
  lagging: LaggingProject[];
  issues: ReportedIssue[];
  reporting: { expected: number; submitted: number; approved: number; missing: number; late: number };
  /** Official statistics (统计数) when entered, kept apart from the dispatch figures. */
  official: { yearCumulative: string; growthPct: string | null } | null;
  /** The day the warnings were judged at: the period's last day once it is over, else the day it was computed. */
  asOf: string;
  /** 'final' (正式) once every county covered closed the period, else 'preliminary' (初步). */
  figureStatus: 'final' | 'preliminary';
  /** What a reader must know beside every figure: 「初步 · 报送期未关闭，已报 61%」 or 「正式 · 报送期已关闭」. */
  figureNote: string;
  /** The full count of `lagging` (never a cut list), by reason. */
  laggingCounts: LaggingCounts;
  /** 滞后项目的口径: the one definition of a lagging project, in the words the pages and documents print. */
  laggingDefinition: string;
  /** 分县区: one row per county for a city or province summary (empty for a county); the totals are their sum. */
  byCounty: SummaryBreakdownRow[];
  /** The year's growth target (the targets module's figure, read when served) and how far the 同比 reaches it. */
  growthTarget: GrowthTarget;
  /** Why a kept (closed-period) summary was last recomputed, e.g. 「因 2026-03 月报更正重新计算」; null when computed once. */
  recomputeReason: string | null;
}

export interface LaggingCounts {
  total: number;
  behind_plan: number;
  idle: number;
  start_overdue: number;
}

export interface GrowthTarget {
  /** 目标增速 %. */
  targetPct: string;
  /** 完成目标 %: 同比 ÷ 目标 × 100 (one decimal), as the targets page states it; null without a 同比. */
  completionPct: string | null;
}
