/** The editable state of one grid row, the live checks on it and the body it saves as. Exact decimals only. */
import { compareWan, parseAmountWan, sumWan } from '../../../../common/amounts';
import type { DraftInput, GridRow } from '../../api/monthly';

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
export function newFundingKey(): string {
  fundingCounter += 1;
  return `f${fundingCounter}`;
}

/** 在建 reports 形象进度; 前期 and 具备开工条件 report 前期工作进展. */
export function isConstructionStage(stage: string): boolean {
  return stage === 'construction';
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

/** Live figures and the checks the server makes on submission. */
export function computeChecks(row: GridRow, edit: RowEdit): RowChecks {
  const parsed = parseInvested(edit.investedThisPeriod);
  const invested = parsed.ok ? parsed.wan : null;
  const yearCumulative = invested === null ? null : sumWan([row.yearCumulativeBefore, invested]);
  const sinceStart = invested === null ? null : sumWan([row.sinceStartBefore, invested]);
  const exceedsTotal = sinceStart !== null && compareWan(sinceStart, row.totalInvestment) > 0;
  const progressBack = edit.progressPct !== null && row.lastProgressPct !== null && edit.progressPct < row.lastProgressPct;
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
    yearCumulative,
    sinceStart,
    exceedsTotal,
    progressBack,
    needsExplanation: exceedsTotal || progressBack,
    fundingError,
  };
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
        return { source: f.source as string, amount: amount.ok ? amount.wan : '0' };
      }),
    },
  };
}
