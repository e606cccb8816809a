/**
 * Prose and annexes the monthly and the quarterly analysis reports share: how breakdowns,
 * lagging projects and reported problems are written in the text (the largest few, counts by
 * kind and department), and the full lists as annex tables (附件).
 */
import Decimal from 'decimal.js';
import { sumWan } from '../../../../common/amounts';
import type { LaggingProject, MonthlySummary, ReportedIssue, SummaryBreakdownRow, SummaryProjectRef } from '../../../../common/summary';
import { body, point, subheading, type Annex, type Block, type TableColumn } from './docx-kit';
import { columnDecimals, formatAmountCn, formatDateCn, formatGrowthCn, formatWanFixed, sharePct, shortUnitName, tidyCn } from './format';

// ---------------------------------------------------------------- small prose helpers

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export const ordinal = (i: number) => ORDINALS[i] ?? String(i + 1);
export const isZero = (wan: string) => new Decimal(wan).isZero();
export const byYtdDesc = (a: SummaryBreakdownRow, b: SummaryBreakdownRow) => new Decimal(b.yearCumulative).comparedTo(a.yearCumulative);
export const byInvestmentDesc = (a: SummaryProjectRef, b: SummaryProjectRef) => new Decimal(b.totalInvestment).comparedTo(a.totalInvestment);

/** A、B和C */
export function joinCn(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join('、')}和${items[items.length - 1]}`;
}

/** Breakdown labels that read as a kind of project: 「工业项目」, but 「10亿元以上项目」. */
export function sectorNoun(label: string): string {
  if (label === '未指定') return '未分类项目';
  return label.endsWith('项目') ? label : `${label}项目`;
}

/** 「工业项目168个，完成投资81.2亿元，占30.9%，同比增长15.9%」 */
export function figureClause(noun: string, r: SummaryBreakdownRow, whole: string, withShare = true): string {
  const share = withShare ? sharePct(r.yearCumulative, whole) : null;
  return `${noun}${r.projects}个，完成投资${formatAmountCn(r.yearCumulative)}${share !== null ? `，占${share}%` : ''}，${formatGrowthCn(r.growthPct)}`;
}

/** 「，高于全年增长10%的目标1.6个百分点」 (empty without a growth figure). */
export function againstTarget(growthPct: string | null, target: number): string {
  if (growthPct === null) return '';
  const gap = new Decimal(growthPct).minus(target);
  if (gap.isZero()) return `，达到全年增长${target}%的目标`;
  return gap.isPositive() ? `，高于全年增长${target}%的目标${gap.toFixed(1)}个百分点` : `，低于全年增长${target}%的目标${gap.abs().toFixed(1)}个百分点`;
}

function projectMention(p: SummaryProjectRef, withDepartment = true): string {
  const parts = [withDepartment && p.departmentName ? p.departmentName : null, `总投资${formatAmountCn(p.totalInvestment)}`].filter(Boolean);
  return `${p.name}（${parts.join('，')}）`;
}

/** Up to `limit` projects by investment, the rest summed up as 「等N个项目」. */
export function projectList(list: SummaryProjectRef[], limit = 8, withDepartment = true): string {
  const sorted = [...list].sort(byInvestmentDesc);
  const shown = sorted.slice(0, limit).map((p) => projectMention(p, withDepartment));
  return list.length > limit ? `${shown.join('、')}等${list.length}个项目` : joinCn(shown);
}

export const sumInvestment = (list: SummaryProjectRef[]) => sumWan(list.map((p) => p.totalInvestment));

/** 「从责任部门看，完成投资居前三位的依次是……」 with the fastest-growing and the falling units. */
export function breakdownProse(rows: SummaryBreakdownRow[], whole: string, what: string): string {
  const sorted = [...rows].sort(byYtdDesc);
  const top = sorted.slice(0, Math.min(3, sorted.length));
  const topShare = sharePct(sumWan(top.map((r) => r.yearCumulative)), whole);
  const labelled = (r: SummaryBreakdownRow) => `${r.label}（${formatAmountCn(r.yearCumulative)}）`;
  let text = `从${what}看，完成投资居前${top.length === 1 ? '' : ordinal(top.length - 1)}位的${top.length === 1 ? '是' : '依次是'}${top.map(labelled).join('、')}`;
  if (topShare !== null && sorted.length > top.length) text += `，合计占全县的${topShare}%`;
  text += '。';
  const growing = sorted.filter((r) => r.growthPct !== null && new Decimal(r.growthPct).gte(10)).sort((a, b) => new Decimal(b.growthPct!).comparedTo(a.growthPct!));
  const falling = sorted.filter((r) => r.growthPct !== null && new Decimal(r.growthPct).isNegative());
  if (growing.length) {
    const shown = growing.slice(0, 3).map((r) => `${r.label}（${formatGrowthCn(r.growthPct).replace('同比', '')}）`);
    text += `同比增速较快的有${joinCn(shown)}${growing.length > 3 ? `等${growing.length}个单位` : ''}。`;
  }
  if (falling.length) {
    text += `${joinCn(falling.slice(0, 4).map((r) => r.label))}${falling.length > 4 ? `等${falling.length}个单位` : ''}完成投资同比下降，需加大推进力度。`;
  }
  return text;
}

/**
 * The summary with its units named as the county's own report names them (「县水务局」, not
 * 「河西县水务局」), so that the names fit the table columns and read as a county document.
 */
export function withLocalNames(s: MonthlySummary): MonthlySummary {
  const unit = (name: string | null) => (name === null ? null : shortUnitName(name, s.divisionName));
  const ref = <T extends SummaryProjectRef>(p: T): T => ({ ...p, departmentName: unit(p.departmentName) });
  return {
    ...s,
    byDepartment: s.byDepartment.map((r) => ({ ...r, label: shortUnitName(r.label, s.divisionName) })),
    startedThisPeriod: s.startedThisPeriod.map(ref),
    completedThisPeriod: s.completedThisPeriod.map(ref),
    concentratedStarts: s.concentratedStarts.map((b) => ({ ...b, projects: b.projects.map(ref) })),
    lagging: s.lagging.map(ref),
    issues: s.issues.map((i) => ({ ...i, departmentName: unit(i.departmentName) })),
  };
}

// ---------------------------------------------------------------- annexes

export type AnnexKind = 'lagging' | 'issues' | 'progress' | 'township';

/** Which annexes a report has (a list without rows has none), in this order; 「附件2」 of a kind. */
export class AnnexPlan {
  readonly kinds: AnnexKind[];
  constructor(present: Record<AnnexKind, boolean>) {
    this.kinds = (['lagging', 'issues', 'progress', 'township'] as const).filter((k) => present[k]);
  }

  /** 「（详见附件1）」, or nothing when the report has no such annex. */
  ref(kind: AnnexKind): string {
    const i = this.kinds.indexOf(kind);
    return i < 0 ? '' : `（详见附件${i + 1}）`;
  }
}

/** Landscape annex columns are set in 五号 宋体; widths in twips, the name column takes the rest. */
const SEQ: TableColumn = { header: '序号', width: 600 };

const REASON_LABELS: Record<LaggingProject['reason'], string> = { behind_plan: '投资进度滞后', idle: '连续未完成投资', start_overdue: '逾期未开工' };
const REASON_ORDER: LaggingProject['reason'][] = ['behind_plan', 'idle', 'start_overdue'];

/** A lagging project's finding as printed: 「本年累计完成8,600万元，仅为年度计划4亿元的21.5%」. */
export function lagDetail(p: LaggingProject, year: number): string {
  return tidyCn(p.detail, { withinYear: year }).replace(/(\d+(?:\.\d+)?)万元/g, (_m, n: string) => formatAmountCn(n));
}

/** The lagging projects in the annex's order: by kind, then the largest investment first. */
export function sortLagging(list: LaggingProject[]): LaggingProject[] {
  return [...list].sort((a, b) => REASON_ORDER.indexOf(a.reason) - REASON_ORDER.indexOf(b.reason) || byInvestmentDesc(a, b) || a.name.localeCompare(b.name, 'zh'));
}

const amountStrings = (values: string[]) => {
  const decimals = columnDecimals(values);
  return values.map((v) => formatWanFixed(v, decimals));
};

export function laggingAnnex(s: MonthlySummary, asOf: string): Annex {
  const list = sortLagging(s.lagging);
  const amounts = amountStrings(list.map((p) => p.totalInvestment));
  return {
    name: '进度滞后项目清单',
    subtitle: `${asOf}，共${list.length}个项目`,
    unit: '单位：万元',
    columns: [
      SEQ,
      { header: '项目名称', fill: true, align: 'left' },
      { header: '责任部门', width: 2200, align: 'left' },
      { header: '所在乡镇', width: 1300 },
      { header: '总投资', width: 1300, align: 'right' },
      { header: '滞后类型', width: 1500 },
      { header: '具体情况', width: 3900, align: 'left' },
    ],
    rows: list.map((p, i) => [String(i + 1), p.name, p.departmentName ?? '—', p.townshipName ?? '—', amounts[i], REASON_LABELS[p.reason], lagDetail(p, s.year)]),
    note: `注：滞后项目口径——${tidyCn(s.laggingDefinition, { withinYear: s.year })}`,
    empty: '无进度滞后项目。',
  };
}

// ---------------------------------------------------------------- reported problems by kind

/**
 * The kinds of problems a project's monthly report names, by the words it uses, checked in
 * this order (「配套资金未落实」 is a money problem; 「电力接入方案待批复」 one of utilities).
 */
export const ISSUE_KINDS: IssueKind[] = [
  { key: 'funds', label: '建设资金', short: '建设资金', pattern: /资金|资本金|融资|贷款|债券|拨付|欠款|垫资|款项/ },
  { key: 'utilities', label: '水电路等配套条件', short: '配套条件', pattern: /电力|供电|接入|配套设施|水电路|管线|迁改|供水|供气|供热|通信/ },
  { key: 'land', label: '用地和征地拆迁', short: '用地拆迁', pattern: /用地|土地|征地|拆迁|林地|草原|耕地|占用|选址/ },
  { key: 'approvals', label: '审批手续', short: '审批手续', pattern: /审批|批复|许可|环评|环境影响|能评|稳评|手续|规划|核准|备案|审查|评审|报审|招标/ },
  { key: 'construction', label: '施工组织和外部条件', short: '施工组织', pattern: /施工|人员|劳动力|原材料|价格|成本|天气|低温|降雨|雨季|冬季|停工|机械/ },
];
const OTHER_KIND: IssueKind = { key: 'other', label: '其他', short: '其他', pattern: /$^/ };

/** A kind of reported problem: named in the text by `label`, in the annex's column by `short`. */
export interface IssueKind {
  key: string;
  label: string;
  short: string;
  pattern: RegExp;
}

export function issueKindOf(problems: string): IssueKind {
  return ISSUE_KINDS.find((k) => k.pattern.test(problems)) ?? OTHER_KIND;
}

const KIND_ORDER = [...ISSUE_KINDS.map((k) => k.key), OTHER_KIND.key];

interface IssueGroup extends IssueKind {
  issues: ReportedIssue[];
}

/** Reported problems grouped by kind, the most frequent kind first (「其他」 last). */
export function groupIssues(issues: ReportedIssue[]): IssueGroup[] {
  const groups = new Map<string, IssueGroup>();
  for (const issue of issues) {
    const kind = issueKindOf(issue.problems);
    const g = groups.get(kind.key) ?? { ...kind, issues: [] };
    g.issues.push(issue);
    groups.set(kind.key, g);
  }
  return [...groups.values()].sort((a, b) => (a.key === 'other' ? 1 : 0) - (b.key === 'other' ? 1 : 0) || b.issues.length - a.issues.length || KIND_ORDER.indexOf(a.key) - KIND_ORDER.indexOf(b.key));
}

export function issuesAnnex(s: MonthlySummary, when: string): Annex {
  const list = groupIssues(s.issues).flatMap((g) => g.issues.map((issue) => ({ issue, kind: g.short })));
  return {
    name: '项目建设存在问题清单',
    subtitle: `${when}各项目单位月报反映，共${list.length}个问题`,
    columns: [
      SEQ,
      { header: '项目名称', fill: true, align: 'left' },
      { header: '责任部门', width: 2200, align: 'left' },
      { header: '问题类型', width: 1100 },
      { header: '存在问题', width: 3500, align: 'left' },
      { header: '拟采取措施', width: 3400, align: 'left' },
    ],
    rows: list.map(({ issue, kind }, i) => [
      String(i + 1),
      issue.projectName,
      issue.departmentName ?? '—',
      kind,
      tidyCn(issue.problems, { sentence: true, withinYear: s.year }),
      issue.measures && issue.measures.trim() ? tidyCn(issue.measures, { sentence: true, withinYear: s.year }) : '尚未提出',
    ]),
    empty: '各项目单位未反映问题。',
  };
}

export function progressAnnex(name: string, subtitle: string, started: SummaryProjectRef[], completed: SummaryProjectRef[], year: number): Annex {
  const byDate = (a: SummaryProjectRef, b: SummaryProjectRef) => (a.date ?? '').localeCompare(b.date ?? '') || byInvestmentDesc(a, b);
  const list = [...[...started].sort(byDate).map((p) => ({ p, kind: '新开工' })), ...[...completed].sort(byDate).map((p) => ({ p, kind: '竣工' }))];
  const amounts = amountStrings(list.map(({ p }) => p.totalInvestment));
  return {
    name,
    subtitle,
    unit: '单位：万元',
    columns: [
      SEQ,
      { header: '类别', width: 1000 },
      { header: '项目名称', fill: true, align: 'left' },
      { header: '责任部门', width: 2200, align: 'left' },
      { header: '所在乡镇', width: 1500 },
      { header: '总投资', width: 1500, align: 'right' },
      { header: '开工（竣工）日期', width: 2000 },
    ],
    rows: list.map(({ p, kind }, i) => [String(i + 1), kind, p.name, p.departmentName ?? '—', p.townshipName ?? '—', amounts[i], p.date ? formatDateCn(p.date, year) : '—']),
    empty: '无新开工和竣工项目。',
  };
}

// ---------------------------------------------------------------- 存在的问题

/** How many of the largest lagging projects the text names; the rest are in the annex. */
export const LAGGING_IN_TEXT = 10;

const REASON_PHRASES: Record<LaggingProject['reason'], string> = {
  behind_plan: '投资完成明显落后于序时进度',
  idle: '在建但连续数月未完成投资',
  start_overdue: '计划开工日期已过仍未开工',
};

/** 「县工业和信息化局（45个）、县交通运输局（20个）」: the units with the most items. */
function topUnits(names: Array<string | null>, limit = 3): { text: string; units: number } {
  const counts = new Map<string, number>();
  for (const n of names) if (n) counts.set(n, (counts.get(n) ?? 0) + 1);
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh'));
  return { text: joinCn(sorted.slice(0, limit).map(([n, c]) => `${n}（${c}个）`)), units: counts.size };
}

/**
 * The lagging projects in the text: how many of each kind and in which units, and the
 * largest ten by investment with their finding; every one of them is in the annex.
 */
export function laggingProse(s: MonthlySummary, options: { asOf: string; heading: string; annexRef: string; trend?: string }): Block[] {
  const list = s.lagging;
  // The summary's own counts: the same number the summary page and the cockpit show.
  const kinds = REASON_ORDER.map((r) => ({ r, n: s.laggingCounts[r] })).filter((k) => k.n);
  let text = `${options.asOf}，全县共有${s.laggingCounts.total}个项目推进滞后${options.annexRef}${options.trend ?? ''}，涉及总投资${formatAmountCn(sumInvestment(list))}`;
  text += kinds.length > 1 ? `，其中${kinds.map((k) => `${REASON_PHRASES[k.r]}的${k.n}个`).join('、')}。` : `，均为${REASON_PHRASES[kinds[0].r]}。`;
  const units = topUnits(list.map((p) => p.departmentName));
  if (units.units > 1) text += `从责任部门看，${units.text}滞后项目较多。`;
  const largest = [...list].sort(byInvestmentDesc).slice(0, LAGGING_IN_TEXT);
  const mention = (p: LaggingProject) => `${p.name}（${[p.departmentName, `总投资${formatAmountCn(p.totalInvestment)}`, lagBrief(p, s.year)].filter(Boolean).join('，')}）`;
  const named = `${list.length > LAGGING_IN_TEXT ? `总投资较大的${largest.length}个滞后项目是` : '具体是'}：${largest.map(mention).join('；')}。`;
  return [subheading(options.heading, text), body(named)];
}

/** A lagging project's finding in a few words: 「完成年度计划的21.5%」, 「连续3个月未完成投资」. */
function lagBrief(p: LaggingProject, year: number): string {
  const detail = lagDetail(p, year);
  const share = p.reason === 'behind_plan' ? /的(\d+(?:\.\d+)?%)$/.exec(detail) : null;
  return share ? `完成年度计划的${share[1]}` : detail;
}

/**
 * The problems reported, in the text by kind: how many, the units reporting most, and for
 * each kind its most frequent problems with an example project; the full list is the annex.
 */
export function issuesProse(s: MonthlySummary, options: { when: string; heading: string; annexRef: string; preface?: string }): Block[] {
  const issues = s.issues;
  const withMeasures = issues.filter((i) => i.measures && i.measures.trim()).length;
  let lead = `${options.preface ?? ''}${options.when}各项目单位在月报中反映问题${issues.length}个${options.annexRef}`;
  const units = topUnits(issues.map((i) => i.departmentName));
  if (units.units > 1) lead += `，涉及${units.units}个责任部门，其中${units.text}反映问题较多`;
  lead += withMeasures === issues.length ? '，均已提出解决措施。' : `；已提出解决措施的${withMeasures}个，尚未提出措施的${issues.length - withMeasures}个。`;
  const groups = groupIssues(issues);
  const out: Block[] = [subheading(options.heading, lead)];
  groups.forEach((g, i) => {
    const byText = new Map<string, ReportedIssue[]>();
    for (const issue of g.issues) {
      const text = tidyCn(issue.problems, { withinYear: s.year });
      byText.set(text, [...(byText.get(text) ?? []), issue]);
    }
    const texts = [...byText.entries()].sort((a, b) => b[1].length - a[1].length);
    // The two most frequent problems of the kind as its examples, with how many reported each.
    const shown = texts.slice(0, 2).map(([text, list]) => `“${text}”${list.length > 1 || texts.length > 1 ? `（${list.length}个）` : ''}`);
    out.push(point(`${ordinal(i)}是${g.label}方面${g.issues.length}个。`, `主要是${joinCn(shown)}${texts.length > 2 ? '等' : ''}。`));
  });
  return out;
}
