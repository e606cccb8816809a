/**
 * The monthly report's submission rules (SPEC §5), shared by the server, which enforces them
 * on submit, and the browser, which shows the same problems at the field before it asks.
 * Amounts are 万元 decimal strings.
 */
import { compareWan, sumWan } from './amounts';
import { STAGE_LABELS, type Stage } from './projects';

/** A problem that stops a submission, named by the report field it belongs to. */
export interface SubmitProblem {
  field: 'preliminaryProgress' | 'progressText' | 'progressPct' | 'explanation';
  message: string;
}

/** The report fields the rules read. */
export interface ReportFacts {
  preliminaryProgress: string | null;
  progressText: string | null;
  progressPct: number | null;
  explanation: string | null;
  investedThisPeriod: string;
}

/** What the rules need to know of the project and the approved months before this one. */
export interface PriorFacts {
  totalInvestment: string;
  yearCumulativeBefore: string;
  sinceStartBefore: string;
  lastProgressPct: number | null;
}

/** The cumulative figures a report gives, and whether they call for a written explanation. */
export interface ReportFigures {
  yearCumulative: string;
  sinceStart: string;
  exceedsTotal: boolean;
  progressBack: boolean;
  needsExplanation: boolean;
}

const isBlank = (text: string | null | undefined) => !text?.trim();

/** 在建 reports 形象进度; 前期 and 具备开工条件 report 前期工作进展. */
export function isConstructionStage(stage: string): boolean {
  return stage === 'construction';
}

/** The fields a report must have for the project's stage. */
export function missingReportFields(stage: string, report: Pick<ReportFacts, 'preliminaryProgress' | 'progressText' | 'progressPct'>): SubmitProblem[] {
  const missing: SubmitProblem[] = [];
  if ((stage === 'preliminary' || stage === 'ready') && isBlank(report.preliminaryProgress)) {
    missing.push({ field: 'preliminaryProgress', message: `${STAGE_LABELS[stage as Stage]}阶段的项目须填写前期工作进展` });
  }
  if (isConstructionStage(stage)) {
    if (isBlank(report.progressText)) missing.push({ field: 'progressText', message: '在建项目须填写形象进度' });
    if (report.progressPct === null || report.progressPct === undefined) missing.push({ field: 'progressPct', message: '在建项目须填写形象进度百分比' });
  }
  return missing;
}

/** This month's figures on top of the approved months before, and the explanation triggers. */
export function reportFigures(report: Pick<ReportFacts, 'investedThisPeriod' | 'progressPct'>, prior: PriorFacts): ReportFigures {
  const yearCumulative = sumWan([prior.yearCumulativeBefore, report.investedThisPeriod]);
  const sinceStart = sumWan([prior.sinceStartBefore, report.investedThisPeriod]);
  const exceedsTotal = compareWan(sinceStart, prior.totalInvestment) > 0;
  const progressBack = report.progressPct !== null && prior.lastProgressPct !== null && report.progressPct < prior.lastProgressPct;
  return { yearCumulative, sinceStart, exceedsTotal, progressBack, needsExplanation: exceedsTotal || progressBack };
}

/** The written explanation a report lacks, or null when it needs none or has one. */
export function explanationProblem(report: ReportFacts, prior: PriorFacts): SubmitProblem | null {
  if (!isBlank(report.explanation)) return null;
  const figures = reportFigures(report, prior);
  if (figures.exceedsTotal) {
    return { field: 'explanation', message: `自开工累计完成投资 ${figures.sinceStart} 万元将超过总投资 ${prior.totalInvestment} 万元，请填写书面说明` };
  }
  if (figures.progressBack) {
    return { field: 'explanation', message: `形象进度 ${report.progressPct}% 低于上期的 ${prior.lastProgressPct}%，请填写书面说明` };
  }
  return null;
}

/** Every problem that stops a report of a project in `stage` from being submitted; empty when it may go. */
export function submitProblems(stage: string, report: ReportFacts, prior: PriorFacts): SubmitProblem[] {
  const missing = missingReportFields(stage, report);
  if (missing.length) return missing;
  const explanation = explanationProblem(report, prior);
  return explanation ? [explanation] : [];
}
