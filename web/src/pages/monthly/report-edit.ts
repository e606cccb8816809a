/**
 * The editable state of one grid row, the live checks on it and the body it saves as. The
 * checks are the server's own submit rules, from common/. Exact decimals only.
 */
import { parseAmountWan } from '../../../../common/amounts';
import type { FundingSource } from '../../../../common/projects';
import { reportFigures, submitProblems } from '../../../../common/monthly-report-rules';
import type { PriorFacts, SubmitProblem } from '../../../../common/monthly-report-rules';
import type { DraftInput, GridRow } from '../../api/monthly';

export { isConstructionStage } from '../../../../common/monthly-report-rules';

export interface FundingEditItem {
  key: string;
  source: string | undefined;
  amount: string;
}

export interface RowEdit {
  investedThisPeriod: string;
  progressPct: number | null;
  progressText: string;
  preliminaryProgress: string;
  problems: string;
  measures: string;
  explanation: string;
  funding: FundingEditItem[];
}

export interface RowChecks {
  /** Parsed 万元 of the typed amount, null when it does not parse. */
  invested: string | null;
  investedError: string | undefined;
  yearCumulative: string | null;
  sinceStart: string | null;
  exceedsTotal: boolean;
  progressBack: boolean;
  needsExplanation: boolean;
  fundingError: string | undefined;
}

let fundingCounter = 0;
/** A fresh React key for a funding line being edited. */
export function newFundingKey(): string {
  fundingCounter += 1;
  return `f${fundingCounter}`;
}

/** The row's draft as an edit, or an empty edit when nothing (or no draft) is there. */
export function baseEdit(row: GridRow): RowEdit {
  const r = row.report;
  if (r && r.status === 'draft') {
    return {
      investedThisPeriod: r.investedThisPeriod === '0' ? '' : r.investedThisPeriod,
      progressPct: r.progressPct,
      progressText: r.progressText ?? '',
      preliminaryProgress: r.preliminaryProgress ?? '',
      problems: r.problems ?? '',
      measures: r.measures ?? '',
      explanation: r.explanation ?? '',
      funding: r.funding.map((f) => ({ key: newFundingKey(), source: f.source, amount: f.amount })),
    };
  }
  return { investedThisPeriod: '', progressPct: null, progressText: '', preliminaryProgress: '', problems: '', measures: '', explanation: '', funding: [] };
}

/** Parses a typed 万元 amount; blank is zero. */
export function parseInvested(text: string): { ok: true; wan: string } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, wan: '0' };
  return parseAmountWan(text, '万元');
}

/** The project's figures before this month, as the submit rules read them. */
function priorOf(row: GridRow): PriorFacts {
  return { totalInvestment: row.totalInvestment, yearCumulativeBefore: row.yearCumulativeBefore, sinceStartBefore: row.sinceStartBefore, lastProgressPct: row.lastProgressPct };
}

/** Live figures and the checks the server makes on submission. */
export function computeChecks(row: GridRow, edit: RowEdit): RowChecks {
  const parsed = parseInvested(edit.investedThisPeriod);
  const invested = parsed.ok ? parsed.wan : null;
  // An amount that does not parse yet has no figures, but the 形象进度 rule still applies.
  const figures = reportFigures({ investedThisPeriod: invested ?? '0', progressPct: edit.progressPct }, priorOf(row));
  const exceedsTotal = invested !== null && figures.exceedsTotal;
  const progressBack = figures.progressBack;
  let fundingError: string | undefined;
  for (const item of edit.funding) {
    if (!item.source) {
      fundingError = '请选择资金来源';
      break;
    }
    const amount = parseInvested(item.amount);
    if (!amount.ok) {
      fundingError = `${amount.message}`;
      break;
    }
  }
  return {
    invested,
    investedError: parsed.ok ? undefined : parsed.message,
    yearCumulative: invested === null ? null : figures.yearCumulative,
    sinceStart: invested === null ? null : figures.sinceStart,
    exceedsTotal,
    progressBack,
    needsExplanation: exceedsTotal || progressBack,
    fundingError,
  };
}

/** What the server's submit rules would refuse in the row's edit (an unparsable amount counts as zero here; saving reports it). */
export function editSubmitProblems(row: GridRow, edit: RowEdit): SubmitProblem[] {
  const parsed = parseInvested(edit.investedThisPeriod);
  const report = {
    preliminaryProgress: edit.preliminaryProgress,
    progressText: edit.progressText,
    progressPct: edit.progressPct,
    explanation: edit.explanation,
    investedThisPeriod: parsed.ok ? parsed.wan : '0',
  };
  return submitProblems(row.report?.stage ?? row.stage, report, priorOf(row));
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/** The PUT body of a row's draft, or an error message when a field does not parse. */
export function draftBody(row: GridRow, edit: RowEdit): { ok: true; body: DraftInput } | { ok: false; message: string } {
  const checks = computeChecks(row, edit);
  if (checks.invested === null) return { ok: false, message: `本月完成投资：${checks.investedError ?? '金额格式不正确'}` };
  if (checks.fundingError) return { ok: false, message: `资金到位：${checks.fundingError}` };
  const version = row.report && row.report.status === 'draft' ? row.report.version : 0;
  return {
    ok: true,
    body: {
      version,
      investedThisPeriod: checks.invested,
      preliminaryProgress: orNull(edit.preliminaryProgress),
      progressText: orNull(edit.progressText),
      progressPct: edit.progressPct,
      problems: orNull(edit.problems),
      measures: orNull(edit.measures),
      explanation: orNull(edit.explanation),
      funding: edit.funding.map((f) => {
        const amount = parseInvested(f.amount);
        // The save is refused (and says why) unless every line has a source from the list.
        return { source: f.source as FundingSource, amount: amount.ok ? amount.wan : '0' };
      }),
    },
  };
}
