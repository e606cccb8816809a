/**
 * The 发改局's quarterly analysis report (.docx): the quarter's own figures — its investment
 * month by month, against the previous quarter (环比) and the same quarter last year (同比),
 * by sector, department and township — the quarter's starts and completions, and the lagging
 * projects and problems at the quarter's end, with the year to date as the frame. Laid out
 * like the monthly report (`docx-kit.ts`), with the full lists as annexes.
 */
import Decimal from 'decimal.js';
import { countedScopeLabel } from '../../../../common/projects';
import type { SummaryProjectRef } from '../../../../common/summary';
import {
  addresseeLine,
  afterTable,
  attachmentNote,
  body,
  dataTable,
  heading,
  landscapeColumns,
  point,
  renderGovDocument,
  signature,
  SIZE,
  subheading,
  tableCaption,
  titleBlock,
  type Annex,
  type Block,
  type TableColumn,
} from './docx-kit';
import { chinaDate, columnDecimals, defaultAddressee, formatAmountCn, formatDateCn, formatGrowthCn, formatWanFixed, sharePct } from './format';
import { preliminaryNotice, splitTitle, type ReportDocxOptions } from './monthly-report-docx';
import type { QuarterFigure, QuarterFigures } from './quarter';
import {
  AnnexPlan,
  againstTarget,
  issuesAnnex,
  issuesProse,
  joinCn,
  laggingAnnex,
  laggingProse,
  ordinal,
  progressAnnex,
  projectList,
  sectorNoun,
  sumInvestment,
  withLocalNames,
} from './report-sections';

/** The title of the quarterly report: 「河西县2024年第三季度 / 项目建设分析报告」. */
export function quarterlyReportTitle(q: Pick<QuarterFigures, 'year' | 'name' | 'end'>, options: Pick<ReportDocxOptions, 'figureStatus'> = {}): string[] {
  return splitTitle(`${q.end.divisionName}${q.year}年${q.name}`, '项目建设分析报告', options.figureStatus);
}

/** 「环比增长12.3%」 / 「环比下降4.0%」 / 「与上季度持平」 / 「上季度无可比数据」. */
function qoqCn(pct: string | null): string {
  if (pct === null) return '上季度无可比数据';
  const d = new Decimal(pct);
  if (d.isZero()) return '与上季度持平';
  return d.isPositive() ? `环比增长${d.abs().toFixed(1)}%` : `环比下降${d.abs().toFixed(1)}%`;
}

/** 「增长3.2%」 or 「下降1.5%」: a change without its 同比/环比, for a column of prose. */
const changeCn = (pct: string | null) => (pct === null ? '无可比数据' : new Decimal(pct).isNegative() ? `下降${new Decimal(pct).abs().toFixed(1)}%` : `增长${new Decimal(pct).toFixed(1)}%`);

const pctCell = (pct: string | null) => (pct === null ? '—' : pct);

// ---------------------------------------------------------------- tables

function monthsTable(q: QuarterFigures) {
  const rows = [
    ...q.months.map((m) => ({ label: m.label, amount: m.amount, lastYear: m.lastYear, pct: m.growthPct, bold: false })),
    { label: `${q.name}合计`, amount: q.total.quarter, lastYear: q.total.sameQuarterLastYear, pct: q.total.yoyPct, bold: true },
    {
      label: `${q.end.cumulativeLabel}累计`,
      amount: q.total.yearCumulative,
      lastYear: q.end.totals.lastYearCumulative,
      pct: q.total.ytdGrowthPct,
      bold: false,
    },
  ];
  const amountDecimals = columnDecimals(rows.map((r) => r.amount));
  const lastYearDecimals = columnDecimals(rows.map((r) => r.lastYear));
  return dataTable(
    [
      { header: '时段', fill: true },
      { header: '完成投资\n（万元）', width: 2200, align: 'right' },
      { header: '上年同期\n（万元）', width: 2200, align: 'right' },
      { header: '同比增长\n（%）', width: 1500 },
    ],
    rows.map((r) => [r.label, formatWanFixed(r.amount, amountDecimals), r.lastYear === null ? '—' : formatWanFixed(r.lastYear, lastYearDecimals), pctCell(r.pct)]),
  );
}

/** A breakdown of the quarter: 本季度完成 / 环比 / 同比 / 年初累计 / 累计同比, with the county's 合计. */
function quarterGrid(q: QuarterFigures, nameHeader: string, rows: QuarterFigure[]): { columns: TableColumn[]; rows: string[][] } {
  const all = [...rows, q.total];
  const quarterDecimals = columnDecimals(all.map((r) => r.quarter));
  const ytdDecimals = columnDecimals(all.map((r) => r.yearCumulative));
  const line = (r: QuarterFigure, seq: string) => [
    seq,
    r.label,
    formatWanFixed(r.quarter, quarterDecimals),
    pctCell(r.qoqPct),
    pctCell(r.yoyPct),
    formatWanFixed(r.yearCumulative, ytdDecimals),
    pctCell(r.ytdGrowthPct),
  ];
  return {
    columns: [
      { header: '序号', width: 620 },
      { header: nameHeader, fill: true, align: 'left' },
      { header: `${q.name}\n（万元）`, width: 1400, align: 'right' },
      { header: '环比\n（%）', width: 900 },
      { header: '同比\n（%）', width: 900 },
      { header: `${q.end.cumulativeLabel}累计\n（万元）`, width: 1500, align: 'right' },
      { header: '累计同比\n（%）', width: 1000 },
    ],
    rows: [...rows.map((r, i) => line(r, String(i + 1))), line(q.total, '')],
  };
}

function quarterTable(q: QuarterFigures, nameHeader: string, rows: QuarterFigure[]) {
  const grid = quarterGrid(q, nameHeader, rows);
  // Seven columns on a portrait page: set in 五号 like the annexes.
  return dataTable(grid.columns, grid.rows, { boldLast: true, size: SIZE.annexTable });
}

function townshipGrid(q: QuarterFigures): { columns: TableColumn[]; rows: string[][] } {
  const grid = quarterGrid(q, '乡镇（片区）', [...q.byTownship].sort(byQuarterDesc));
  return { rows: grid.rows, columns: landscapeColumns(grid.columns) };
}

const byQuarterDesc = (a: QuarterFigure, b: QuarterFigure) => new Decimal(b.quarter).comparedTo(a.quarter);

// ---------------------------------------------------------------- sections

interface Context {
  q: QuarterFigures;
  target: number;
  counted: string;
  annexes: AnnexPlan;
  /** 「截至9月底」 */
  asOf: string;
}

function investment({ q, target, counted }: Context): Block[] {
  const t = q.total;
  const s = q.end;
  const out: Block[] = [heading(`一、${q.name}投资完成情况`)];
  if (new Decimal(t.quarter).isZero() && new Decimal(t.yearCumulative).isZero()) {
    out.push(body(`${q.name}，全县暂无纳入统计的${counted}项目完成投资数据。`));
    return out;
  }
  const previous = new Decimal(t.previousQuarter).isZero() ? qoqCn(null) : `较${q.previousName}（${formatAmountCn(t.previousQuarter)}）${qoqCn(t.qoqPct).replace('环比', '')}`;
  const lastYear = t.sameQuarterLastYear === null || t.yoyPct === null ? '上年同期无可比数据' : `较上年同期（${formatAmountCn(t.sameQuarterLastYear)}）${changeCn(t.yoyPct)}`;
  out.push(body(`${q.name}，全县纳入调度的${counted}项目完成投资${formatAmountCn(t.quarter)}，${previous}，${lastYear}。`));

  // 「8月完成14亿元」, never 「8月14亿元」 (which reads as a date).
  const amounts = q.months.map((m) => `${m.label}完成${formatAmountCn(m.amount)}`);
  let months = `分月看，${amounts.join('、')}`;
  const peak = [...q.months].sort((a, b) => new Decimal(b.amount).comparedTo(a.amount))[0];
  const peakShare = sharePct(peak.amount, t.quarter);
  if (q.months.length > 1 && peakShare !== null) months += `，${peak.label}完成最多，占全季的${peakShare}%`;
  const falling = q.months.filter((m) => m.growthPct !== null && new Decimal(m.growthPct).isNegative());
  if (falling.length && falling.length < q.months.length) months += `；${joinCn(falling.map((m) => m.label))}完成投资同比下降`;
  else if (falling.length) months += '；各月完成投资均低于上年同期';
  out.push(body(`${months}。`));

  out.push(
    body(
      `截至${q.quarter * 3}月底，全县${s.cumulativeLabel}累计完成固定资产投资${formatAmountCn(t.yearCumulative)}，${formatGrowthCn(t.ytdGrowthPct)}${againstTarget(t.ytdGrowthPct, target)}。`,
    ),
  );
  if (s.official) {
    const growth = s.official.growthPct === null ? '' : `，${formatGrowthCn(s.official.growthPct)}`;
    out.push(body(`（统计部门公布数据：${s.cumulativeLabel}全县固定资产投资${formatAmountCn(s.official.yearCumulative)}${growth}。本报告其余数据为项目调度数，口径不同，未作合并。）`));
  }

  const reported = q.months.filter((m) => m.reporting.expected > 0);
  if (reported.length) {
    const rate = (m: (typeof reported)[number]) => `${new Decimal(m.reporting.submitted).div(m.reporting.expected).times(100).toDecimalPlaces(1).toFixed(1)}%`;
    const late = reported.reduce((a, m) => a + m.reporting.late, 0);
    const missing = q.months[q.months.length - 1].reporting.missing;
    const expected = new Set(reported.map((m) => m.reporting.expected)).size === 1 ? `每月应报月报${reported[0].reporting.expected}份` : `应报月报分别为${reported.map((m) => `${m.reporting.expected}份`).join('、')}`;
    let text = `月报报送方面，${joinCn(reported.map((m) => m.label))}${expected}，报送率分别为${reported.map(rate).join('、')}`;
    text += late ? `，季度内迟报${late}份` : '，季度内无迟报';
    text += missing ? `，${q.months[q.months.length - 1].label}尚缺报${missing}份。` : '。';
    out.push(body(text));
  }
  out.push(...tableCaption(`表1  ${s.divisionName}${q.year}年${q.name}分月投资完成情况`), monthsTable(q), afterTable());
  return out;
}

/** 「工业项目完成投资12.3亿元，占全季的30.1%，环比增长…，同比增长…」 */
function quarterClause(r: QuarterFigure, whole: string, noun = r.label): string {
  const share = sharePct(r.quarter, whole);
  return `${noun}完成投资${formatAmountCn(r.quarter)}${share !== null ? `，占全季的${share}%` : ''}，${qoqCn(r.qoqPct)}，${r.yoyPct === null ? '上年同期无可比数据' : `同比${changeCn(r.yoyPct)}`}`;
}

function breakdownText(q: QuarterFigures, rows: QuarterFigure[], what: string): string {
  const sorted = [...rows].sort(byQuarterDesc);
  const top = sorted.slice(0, Math.min(3, sorted.length));
  const topShare = sharePct(top.reduce((a, r) => a.plus(r.quarter), new Decimal(0)).toFixed(), q.total.quarter);
  let text = `从${what}看，${q.name}完成投资居前${top.length === 1 ? '' : ordinal(top.length - 1)}位的${top.length === 1 ? '是' : '依次是'}${top.map((r) => `${r.label}（${formatAmountCn(r.quarter)}）`).join('、')}`;
  if (topShare !== null && sorted.length > top.length) text += `，合计占全季的${topShare}%`;
  text += '。';
  const rising = sorted.filter((r) => r.qoqPct !== null && new Decimal(r.qoqPct).gte(10)).sort((a, b) => new Decimal(b.qoqPct!).comparedTo(a.qoqPct!));
  const falling = sorted.filter((r) => r.qoqPct !== null && new Decimal(r.qoqPct).isNegative());
  if (rising.length) text += `与${q.previousName}相比，${joinCn(rising.slice(0, 3).map((r) => `${r.label}（${changeCn(r.qoqPct)}）`))}${rising.length > 3 ? `等${rising.length}个单位` : ''}完成投资增长较快`;
  if (falling.length) text += `${rising.length ? '；' : `与${q.previousName}相比，`}${joinCn(falling.slice(0, 4).map((r) => r.label))}${falling.length > 4 ? `等${falling.length}个单位` : ''}完成投资环比下降，需加大推进力度`;
  if (!text.endsWith('。')) text += '。';
  return text;
}

function sectors(ctx: Context): Block[] {
  const { q } = ctx;
  const s = q.end;
  const out: Block[] = [heading('二、分领域情况')];
  let tableNo = 1;
  const caption = (what: string) => `表${++tableNo}  ${s.divisionName}${q.year}年${q.name}${what}项目投资完成情况`;
  if (!q.bySector.length && !q.byDepartment.length && !q.byTownship.length) {
    out.push(body(`${q.name}全县暂无分产业领域、分责任部门和分乡镇的投资完成数据。`));
    return out;
  }
  out.push(subheading('（一）分产业领域。'));
  if (!q.bySector.length) out.push(body('本季度暂无分产业领域的投资数据。'));
  else {
    const sorted = [...q.bySector].sort(byQuarterDesc);
    let text = `${sorted.map((r) => quarterClause(r, q.total.quarter, sectorNoun(r.label))).join('；')}。`;
    const withQoq = sorted.filter((r) => r.qoqPct !== null);
    if (withQoq.length >= 2) {
      const fastest = [...withQoq].sort((a, b) => new Decimal(b.qoqPct!).comparedTo(a.qoqPct!))[0];
      if (new Decimal(fastest.qoqPct!).isPositive()) text += `各领域中，${sectorNoun(fastest.label)}环比增长最快。`;
    }
    out.push(body(text), ...tableCaption(caption('分产业领域')), quarterTable(q, '产业领域', sorted), afterTable());
  }
  out.push(subheading('（二）分责任部门。'));
  if (!q.byDepartment.length) out.push(body('本季度暂无分责任部门的投资数据。'));
  else {
    const sorted = [...q.byDepartment].sort(byQuarterDesc);
    out.push(body(breakdownText(q, sorted, '责任部门')), ...tableCaption(caption('分责任部门')), quarterTable(q, '责任部门', sorted), afterTable());
  }
  if (!q.byTownship.length) out.push(subheading('（三）分乡镇。', '本季度暂无分乡镇的投资数据。'));
  else out.push(subheading('（三）分乡镇。', `${breakdownText(q, [...q.byTownship].sort(byQuarterDesc), '乡镇（片区）').replace(/。$/, '')}${ctx.annexes.ref('township')}。`));
  return out;
}

/** 「7月4个、8月6个、9月3个」 */
function perMonth(q: QuarterFigures, list: SummaryProjectRef[]): string {
  return q.months
    .map((m, i) => {
      const bounds = monthBounds(q, i);
      return `${m.label}${list.filter((p) => p.date !== null && p.date >= bounds.from && p.date <= bounds.to).length}个`;
    })
    .join('、');
}

/** The first and last day (YYYY-MM-DD) of the i-th period of the quarter. */
function monthBounds(q: QuarterFigures, i: number): { from: string; to: string } {
  const months = q.months.map((m) => Number(/(\d+)月$/.exec(m.label)?.[1] ?? 0));
  const first = i === 0 ? q.quarter * 3 - 2 : months[i - 1] + 1;
  const last = months[i];
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${q.year}-${pad(first)}-01`, to: `${q.year}-${pad(last)}-31` };
}

function progress(ctx: Context): Block[] {
  const { q, counted, annexes } = ctx;
  const out: Block[] = [heading('三、项目开工竣工情况')];
  const { started, completed } = q;
  if (!started.length && !completed.length) {
    out.push(body(`${q.name}全县暂无新开工和竣工的${counted}项目。`));
    return out;
  }
  const ref = annexes.ref('progress');
  let text = `${q.name}，全县新开工${counted}项目${started.length}个`;
  if (started.length) text += `（${perMonth(q, started)}），总投资${formatAmountCn(sumInvestment(started))}`;
  text += `；竣工项目${completed.length}个`;
  if (completed.length) text += `（${perMonth(q, completed)}），总投资${formatAmountCn(sumInvestment(completed))}`;
  text += `${ref}。`;
  if (q.concentratedStarts.length) {
    const count = q.concentratedStarts.reduce((a, b) => a + b.count, 0);
    const invest = sumInvestment(q.concentratedStarts.flatMap((b) => b.projects));
    text += `季度内组织项目集中开工活动${q.concentratedStarts.length}次（${q.concentratedStarts.map((b) => formatDateCn(b.date, q.year)).join('、')}），集中开工项目${count}个，总投资${formatAmountCn(invest)}。`;
  }
  out.push(body(text));
  if (started.length) out.push(subheading('（一）新开工项目。', `${started.length > 5 ? '总投资较大的有' : '分别是'}${projectList(started, 5, false)}。`));
  if (completed.length) out.push(subheading(`（${started.length ? '二' : '一'}）竣工项目。`, `${completed.length > 5 ? '总投资较大的有' : '分别是'}${projectList(completed, 5, false)}。`));
  const gaps = q.months
    .map((m, i) => {
      const b = monthBounds(q, i);
      const inMonth = (list: SummaryProjectRef[]) => list.some((p) => p.date !== null && p.date >= b.from && p.date <= b.to);
      const missing = [inMonth(started) ? null : '开工', inMonth(completed) ? null : '竣工'].filter(Boolean);
      return missing.length ? `${m.label}无${missing.join('、')}项目` : null;
    })
    .filter((g): g is string => g !== null);
  out.push(body(gaps.length ? `从各月看，${gaps.join('，')}，“月月有开工、月月有竣工”的目标未完全实现。` : `季度内各月均有项目开工和竣工，实现了“月月有开工、月月有竣工”的目标。`));
  return out;
}

/** 「，较6月底增加3个（本季度新增5个，2个已不再滞后）」: how the lagging list changed over the quarter. */
function laggingTrend(q: QuarterFigures): string {
  const now = new Set(q.end.lagging.map((p) => p.id));
  const before = new Set(q.laggingBefore.map((p) => p.id));
  const added = [...now].filter((id) => !before.has(id)).length;
  const cleared = [...before].filter((id) => !now.has(id)).length;
  const diff = now.size - before.size;
  const when = q.quarter === 1 ? '上年12月底' : `${q.quarter * 3 - 3}月底`;
  const change = diff === 0 ? `与${when}持平` : `较${when}${diff > 0 ? '增加' : '减少'}${Math.abs(diff)}个`;
  // How the list turned over, when the net change does not say it already.
  const detail = added && cleared ? `（本季度新增${added}个，${cleared}个已不再滞后）` : '';
  return `，${change}${detail}`;
}

function problems(ctx: Context): Block[] {
  const { q, asOf, annexes } = ctx;
  const s = q.end;
  const out: Block[] = [heading('四、存在的问题')];
  if (!s.lagging.length && !s.issues.length) {
    out.push(body(`${asOf}，全县未发现进度明显滞后的项目，各项目单位未反映需要协调解决的突出问题。`));
    return out;
  }
  out.push(body(`从${q.name}调度情况看，项目建设仍存在一些问题和制约因素，主要表现在：`));
  let i = 0;
  if (s.lagging.length) out.push(...laggingProse(s, { asOf, heading: `（${'一二'[i++]}）部分项目推进滞后。`, annexRef: annexes.ref('lagging'), trend: laggingTrend(q) }));
  if (s.issues.length) {
    const preface = q.months.length > 1 ? `季度内各月月报反映问题分别为${q.months.map((m, n) => `${m.label}${q.issuesByMonth[n]}个`).join('、')}；` : '';
    out.push(...issuesProse(s, { when: `${s.periodLabel}份`, heading: `（${'一二'[i++]}）项目建设中的具体困难。`, annexRef: annexes.ref('issues'), preface }));
  }
  return out;
}

/** What the next quarter is for, as a 发改局 would put it. */
const NEXT_QUARTER: Record<QuarterFigures['quarter'], [string, string]> = {
  1: ['抢抓二季度施工黄金期。', '二季度是项目建设的黄金期，各部门、各乡镇要抓住有利施工时机，推动已开工项目尽快形成实物工作量，确保上半年投资“双过半”。'],
  2: ['确保下半年投资稳定增长。', '下半年是完成全年目标任务的关键时期，各部门、各乡镇要对照年度投资计划查漏补缺，推动在建项目满负荷施工，力争三季度投资保持较快增长。'],
  3: ['全力冲刺四季度。', '四季度是全年项目建设和投资冲刺的关键时期，各部门、各乡镇要倒排工期、挂图作战，在冬季停工前抢抓有效施工期，推动在建项目加快形成实物工作量，确保完成全年目标任务。'],
  4: ['谋划明年项目建设。', '各部门、各乡镇要在做好年末收官的同时，提前谋划储备明年重点项目，加快前期工作，力争一季度实现“开门红”。'],
};

function suggestions({ q, target }: Context): Block[] {
  const out: Block[] = [heading('五、下一步工作建议')];
  const s = q.end;
  const points: Array<[string, string]> = [NEXT_QUARTER[q.quarter]];
  const g = q.total.ytdGrowthPct;
  if (g !== null && new Decimal(g).lt(target)) {
    points.push(['缩小与全年目标的差距。', `${s.cumulativeLabel}全县投资增速低于全年增长${target}%的目标${new Decimal(target).minus(g).toFixed(1)}个百分点，各责任部门要逐项目分析差距，落实季度投资计划，对季度完成投资环比下降的单位进行约谈督办。`]);
  }
  if (s.lagging.length) {
    points.push(['集中攻坚滞后项目。', `对${q.name}末仍滞后的${s.lagging.length}个项目，由县级包抓领导牵头逐一会商，实行“一项目一方案”，下季度末前整改到位，逾期未改的予以通报。`]);
  }
  if (s.issues.length) {
    points.push(['强化要素保障。', `对项目单位反映的资金、用地、审批等${s.issues.length}个问题，按问题类型落实牵头部门，需县级层面协调的提请项目建设联席会议研究解决，解决情况纳入下季度分析。`]);
  }
  points.push(['严格落实月报和季度分析制度。', '督促各部门每月20日前如实报送项目月报，报送情况纳入部门目标责任考核。']);
  points.forEach(([lead, rest], i) => out.push(point(`${ordinal(i)}是${lead}`, rest)));
  return out;
}

// ---------------------------------------------------------------- document

/** The quarterly analysis report (.docx) of a quarter's figures (`quarterFigures`). */
export async function renderQuarterlyReportDocx(figures: QuarterFigures, options: ReportDocxOptions): Promise<Buffer> {
  const end = withLocalNames(figures.end);
  const local = withLocalNames({ ...figures.end, startedThisPeriod: figures.started, completedThisPeriod: figures.completed, concentratedStarts: figures.concentratedStarts });
  const q: QuarterFigures = {
    ...figures,
    end,
    byDepartment: figures.byDepartment.map((r) => ({ ...r, label: end.byDepartment.find((d) => d.key === r.key)?.label ?? r.label })),
    started: local.startedThisPeriod,
    completed: local.completedThisPeriod,
    concentratedStarts: local.concentratedStarts,
  };
  const title = quarterlyReportTitle(q, options);
  const annexes = new AnnexPlan({ lagging: end.lagging.length > 0, issues: end.issues.length > 0, progress: q.started.length + q.completed.length > 0, township: q.byTownship.length > 0 });
  const asOf = `截至${q.quarter * 3}月底`;
  const ctx: Context = { q, target: options.growthTarget, counted: countedScopeLabel(end.thresholds), annexes, asOf };
  const issuer = options.issuer ?? `${end.divisionName}发展和改革局`;
  const date = formatDateCn(options.date ?? chinaDate(end.generatedAt));

  const annexList: Annex[] = annexes.kinds.map((kind) =>
    kind === 'lagging'
      ? laggingAnnex(end, `截至${q.year}年${q.quarter * 3}月底`)
      : kind === 'issues'
        ? issuesAnnex(end, `${q.year}年${end.periodLabel}份`)
        : kind === 'progress'
          ? progressAnnex(`${q.year}年${q.name}新开工和竣工项目清单`, `新开工${q.started.length}个，竣工${q.completed.length}个`, q.started, q.completed, q.year)
          : {
              name: `${q.year}年${q.name}分乡镇项目投资完成情况表`,
              unit: '单位：万元',
              ...townshipGrid(q),
              boldLast: true,
              empty: '本季度暂无分乡镇的投资数据。',
            },
  );
  const text: Block[] = [
    ...titleBlock(title, { docNumber: options.docNumber, notice: options.figureStatus === 'preliminary' ? preliminaryNotice(end.reporting) : undefined }),
    addresseeLine(options.addressee ?? defaultAddressee(end.divisionName)),
    body(`根据各部门、各乡镇报送的项目月报，我局对${q.year}年${q.name}（${q.monthsLabel}）全县${ctx.counted}项目建设情况进行了调度汇总和分析，现将有关情况报告如下：`),
    ...investment(ctx),
    ...sectors(ctx),
    ...progress(ctx),
    ...problems(ctx),
    ...suggestions(ctx),
    ...attachmentNote(annexList.map((a) => a.name)),
    ...signature(issuer, date),
  ];
  return renderGovDocument({ creator: issuer, title: title.join(''), description: `${end.divisionName}${q.year}年${q.name}项目建设分析` }, text, annexList);
}
