/**
 * The 发改局's monthly analysis report of project construction as a .docx in the manner of a
 * government document (GB/T 9704, see `docx-kit.ts`). The text — what a 发改局 sends upward,
 * five to eight pages — is written from the summary section by section in the prose of a
 * county report: the figures, the breakdown tables, the largest lagging projects and the
 * problems by kind; a section without data says so in one sentence. The full lists of
 * lagging projects, problems and starts/completions follow as annex tables (附件).
 */
import Decimal from 'decimal.js';
import { countedScopeLabel } from '../../../../common/projects';
import type { MonthlySummary, SummaryBreakdownRow } from '../../../../common/summary';
import type { FigureStatus } from '../periods';
import {
  addresseeLine,
  afterTable,
  attachmentNote,
  body,
  cells,
  dataTable,
  heading,
  landscapeColumns,
  point,
  renderGovDocument,
  signature,
  subheading,
  tableCaption,
  titleBlock,
  type Annex,
  type Block,
  type TableColumn,
} from './docx-kit';
import {
  bandNouns,
  breakdownTotal,
  chinaDate,
  columnDecimals,
  defaultAddressee,
  formatAmountCn,
  formatDateCn,
  formatGrowthCn,
  formatWanFixed,
  sortBands,
} from './format';
import {
  AnnexPlan,
  againstTarget,
  breakdownProse,
  byYtdDesc,
  figureClause,
  isZero,
  issuesAnnex,
  issuesProse,
  joinCn,
  laggingAnnex,
  laggingProse,
  progressAnnex,
  projectList,
  sectorNoun,
  sumInvestment,
  withLocalNames,
} from './report-sections';

export { breakdownTotal, formatAmountCn, formatGrowthCn, formatDateCn } from './format';

/** What every analysis report (monthly or quarterly) is told besides its figures. */
export interface ReportDocxOptions {
  /** 发文字号, e.g. 河发改〔2024〕112号. */
  docNumber?: string;
  /** 发文机关署名, e.g. 河西县发展和改革局. */
  issuer?: string;
  /** 主送机关, e.g. 「县委、县政府」 (the default for a county; 「市委、市政府」 for a city). */
  addressee?: string;
  /** 成文日期 (YYYY-MM-DD); the day the summary was generated (Beijing time) when omitted. */
  date?: string;
  /** The year's growth target of fixed-asset investment in %: the 发改局's target of the year (metric `fai_growth_target`). */
  growthTarget: number;
  /**
   * Whether the figures are final: while the period is open they are 初步 — the title
   * carries （初步） and the first page says so. Final when omitted.
   */
  figureStatus?: FigureStatus;
}

export type MonthlyReportDocxOptions = ReportDocxOptions;

/**
 * Said under the title of a report whose period is still open, with how much of the month has
 * been reported: 「（本报告数据为初步数据，报送期尚未关闭，月报已报60.9%，最终数据以报送期关闭后的汇总为准）」.
 */
export function preliminaryNotice(reporting: MonthlySummary['reporting']): string {
  const share = reporting.expected > 0 ? `，月报已报${new Decimal(reporting.submitted).div(reporting.expected).times(100).toDecimalPlaces(1).toFixed(1)}%` : '';
  return `（本报告数据为初步数据，报送期尚未关闭${share}，最终数据以报送期关闭后的汇总为准）`;
}

/** A title split over two lines when it is too long for one line of 二号, with （初步） while the period is open. */
export function splitTitle(head: string, subject: string, figureStatus: FigureStatus = 'final'): string[] {
  const tail = figureStatus === 'preliminary' ? `${subject}（初步）` : subject;
  const line = `${head}${tail}`;
  return cells(line) > 17 ? [head, tail] : [line];
}

/** The title of the monthly report: 「河西县2024年1—10月 / 项目建设运行分析报告」. */
export function reportTitle(s: MonthlySummary, options: Pick<ReportDocxOptions, 'figureStatus'> = {}): string[] {
  return splitTitle(`${s.divisionName}${s.year}年${s.cumulativeLabel}`, '项目建设运行分析报告', options.figureStatus);
}

// ---------------------------------------------------------------- tables

const pctCell = (pct: string | null) => (pct === null ? '—' : pct);

/** A breakdown as 序号 / 名称 / 项目个数 / 本月完成 / 本年累计 / 同比增长 with a 合计 row; each amount column with one number of decimals. */
function breakdownGrid(nameHeader: string, rows: SummaryBreakdownRow[], periodHeader: string): { columns: TableColumn[]; rows: string[][] } {
  const total = breakdownTotal(rows);
  const periodDecimals = columnDecimals([...rows.map((r) => r.period), total.period]);
  const ytdDecimals = columnDecimals([...rows.map((r) => r.yearCumulative), total.yearCumulative]);
  return {
    columns: [
      { header: '序号', width: 640 },
      { header: nameHeader, fill: true, align: 'left' },
      { header: '项目个数', width: 1150 },
      { header: `${periodHeader}\n（万元）`, width: 1600, align: 'right' },
      { header: '本年累计\n（万元）', width: 1800, align: 'right' },
      { header: '同比增长\n（%）', width: 1150 },
    ],
    rows: [
      ...rows.map((r, i) => [String(i + 1), r.label, String(r.projects), formatWanFixed(r.period, periodDecimals), formatWanFixed(r.yearCumulative, ytdDecimals), pctCell(r.growthPct)]),
      ['', '合计', String(total.projects), formatWanFixed(total.period, periodDecimals), formatWanFixed(total.yearCumulative, ytdDecimals), pctCell(total.growthPct)],
    ],
  };
}

function breakdownTable(nameHeader: string, rows: SummaryBreakdownRow[], periodHeader: string) {
  const grid = breakdownGrid(nameHeader, rows, periodHeader);
  return dataTable(grid.columns, grid.rows, { boldLast: true });
}

/** The townships' table as an annex: a county has a dozen or more, a full list rather than a top few. */
function townshipAnnex(s: MonthlySummary): Annex {
  const grid = breakdownGrid('乡镇（片区）', [...s.byTownship].sort(byYtdDesc), `${s.periodLabel}完成`);
  return { name: `${s.year}年${s.cumulativeLabel}分乡镇项目投资完成情况表`, unit: '单位：万元', rows: grid.rows, columns: landscapeColumns(grid.columns), boldLast: true, empty: '本期暂无分乡镇的投资数据。' };
}

// ---------------------------------------------------------------- sections

interface Context {
  s: MonthlySummary;
  /** 「10月份」 */
  month: string;
  /** 「截至10月底」 */
  asOf: string;
  target: number;
  /** 「500万元以上」: the projects the figures count, by the summary's thresholds. */
  counted: string;
  annexes: AnnexPlan;
}

function overview(ctx: Context): Block[] {
  const { s, month, target, counted } = ctx;
  const t = s.totals;
  const out: Block[] = [heading('一、总体运行情况')];
  if (t.projects === 0 && isZero(t.yearCumulative)) {
    out.push(body(`${s.cumulativeLabel}，全县暂无纳入统计的${counted}项目完成投资数据。`));
  } else {
    let sentence = `${s.cumulativeLabel}，全县纳入调度的${counted}各类项目${t.projects}个，累计完成固定资产投资${formatAmountCn(t.yearCumulative)}，${formatGrowthCn(t.growthPct)}`;
    sentence += againstTarget(t.growthPct, target);
    sentence += isZero(t.period) ? `；${month}未新增完成投资。` : `；其中${month}完成投资${formatAmountCn(t.period)}。`;
    out.push(body(sentence));
  }
  if (s.official) {
    const growth = s.official.growthPct === null ? '' : `，${formatGrowthCn(s.official.growthPct)}`;
    out.push(body(`（统计部门公布数据：${s.cumulativeLabel}全县固定资产投资${formatAmountCn(s.official.yearCumulative)}${growth}。本报告其余数据为项目调度数，口径不同，未作合并。）`));
  }
  const bands = sortBands(s.byBand);
  if (bands.length) {
    const nouns = bandNouns(s.thresholds);
    const clauses = bands.map((r) => figureClause(nouns[r.key] ?? sectorNoun(r.label), r, t.yearCumulative));
    out.push(body(`从投资规模看，${clauses.join('；')}。`));
  }
  out.push(body(reportingSentence(ctx)));
  return out;
}

function reportingSentence({ s, month }: Context): string {
  const r = s.reporting;
  if (r.expected === 0) return `月报报送方面，${month}暂无应报送月报的项目。`;
  const rate = new Decimal(r.submitted).div(r.expected).times(100).toDecimalPlaces(1).toFixed(1);
  let text = `月报报送方面，${month}应报项目月报${r.expected}份，已报${r.submitted}份，其中已审核${r.approved}份`;
  if (r.missing === 0 && r.late === 0) return `${text}，全部按时报送。`;
  const gaps = [r.missing ? `缺报${r.missing}份` : '', r.late ? `迟报${r.late}份` : ''].filter(Boolean);
  text += `；${gaps.join('，')}，报送率${rate}%。`;
  return text;
}

const LIBRARIES_IN_TEXT = 3;

function sectors(ctx: Context): Block[] {
  const { s } = ctx;
  const out: Block[] = [heading('二、分领域情况')];
  const whole = s.totals.yearCumulative;
  const periodHeader = `${s.periodLabel}完成`;
  let tableNo = 0;
  const caption = (what: string) => `表${++tableNo}  ${s.divisionName}${s.year}年${s.cumulativeLabel}${what}项目投资完成情况`;

  if (!s.bySector.length && !s.byDepartment.length && !s.byTownship.length && !s.byLibrary.length) {
    out.push(body(`${s.cumulativeLabel}全县暂无分产业领域、分责任部门和分乡镇的投资完成数据。`));
    return out;
  }
  out.push(subheading('（一）分产业领域。'));
  if (!s.bySector.length) {
    out.push(body('本期暂无分产业领域的投资数据。'));
  } else {
    const sorted = [...s.bySector].sort(byYtdDesc);
    const clauses = sorted.map((r) => figureClause(sectorNoun(r.label), r, whole));
    let text = `${clauses.join('；')}。`;
    const withGrowth = sorted.filter((r) => r.growthPct !== null);
    if (withGrowth.length >= 2) {
      const fastest = [...withGrowth].sort((a, b) => new Decimal(b.growthPct!).comparedTo(a.growthPct!))[0];
      const falling = withGrowth.filter((r) => new Decimal(r.growthPct!).isNegative());
      if (new Decimal(fastest.growthPct!).isPositive()) text += `各领域中，${sectorNoun(fastest.label)}投资增长最快，是拉动全县投资增长的主要力量`;
      if (falling.length) text += `${new Decimal(fastest.growthPct!).isPositive() ? '；' : '各领域中，'}${joinCn(falling.map((r) => sectorNoun(r.label)))}投资同比下降，需引起重视`;
      if (!text.endsWith('。')) text += '。';
    }
    out.push(body(text));
    out.push(...tableCaption(caption('分产业领域')), breakdownTable('产业领域', sorted, periodHeader), afterTable());
  }

  out.push(subheading('（二）分责任部门。'));
  if (!s.byDepartment.length) out.push(body('本期暂无分责任部门的投资数据。'));
  else out.push(body(breakdownProse(s.byDepartment, whole, '责任部门')), ...tableCaption(caption('分责任部门')), breakdownTable('责任部门', [...s.byDepartment].sort(byYtdDesc), periodHeader), afterTable());

  if (!s.byTownship.length) out.push(subheading('（三）分乡镇。', '本期暂无分乡镇的投资数据。'));
  else out.push(subheading('（三）分乡镇。', `${breakdownProse(s.byTownship, whole, '乡镇（片区）').replace(/。$/, '')}${ctx.annexes.ref('township')}。`));

  if (s.byLibrary.length) {
    // The largest libraries by name; all of them are in the Excel tables.
    const sorted = [...s.byLibrary].sort(byYtdDesc);
    const clauses = sorted.slice(0, LIBRARIES_IN_TEXT).map((r) => `${r.label}项目${r.projects}个，完成投资${formatAmountCn(r.yearCumulative)}，${formatGrowthCn(r.growthPct)}`);
    const rest = sorted.length > LIBRARIES_IN_TEXT ? `。其余${sorted.length - LIBRARIES_IN_TEXT}个项目库见汇总表` : '';
    out.push(subheading('（四）分项目库。', `${clauses.join('；')}${rest}。（各库项目有交叉，数据不作相加。）`));
  }
  return out;
}

function progress({ s, month, counted, annexes }: Context): Block[] {
  const out: Block[] = [heading('三、重点项目进展')];
  const started = s.startedThisPeriod;
  const completed = s.completedThisPeriod;
  if (!started.length && !completed.length) {
    out.push(body(`${month}全县暂无新开工和竣工的${counted}项目，“月月有开工、月月有竣工”的目标未能实现。`));
    return out;
  }
  const ref = annexes.ref('progress');

  out.push(subheading('（一）新开工项目。'));
  if (!started.length) {
    out.push(body(`${month}全县暂无新开工的${counted}项目。`));
  } else {
    let text = `${month}全县新开工${counted}项目${started.length}个${ref}，总投资${formatAmountCn(sumInvestment(started))}。`;
    const inBatch = new Set<string>();
    for (const batch of [...s.concentratedStarts].sort((a, b) => a.date.localeCompare(b.date))) {
      batch.projects.forEach((p) => inBatch.add(p.id));
      const names = [...batch.projects].sort((a, b) => new Decimal(b.totalInvestment).comparedTo(a.totalInvestment)).map((p) => p.name);
      const shown = names.length > 3 ? `${names.slice(0, 3).join('、')}等` : `${joinCn(names)}等`;
      text += `${formatDateCn(batch.date, s.year)}，全县组织项目集中开工活动，${shown}${batch.count}个项目集中开工，总投资${formatAmountCn(sumInvestment(batch.projects))}。`;
    }
    const others = started.filter((p) => !inBatch.has(p.id));
    if (inBatch.size && others.length) text += `其他新开工项目有${projectList(others, 3, false)}。`;
    else if (!inBatch.size) text += `主要有${projectList(started, 5)}。`;
    if (!s.concentratedStarts.length && started.length) text += '本月未组织集中开工活动。';
    out.push(body(text));
  }

  out.push(subheading('（二）竣工项目。'));
  if (!completed.length) {
    out.push(body(`${month}全县暂无竣工的${counted}项目。`));
  } else {
    out.push(body(`${month}全县竣工${counted}项目${completed.length}个，总投资${formatAmountCn(sumInvestment(completed))}，${completed.length === 1 ? '为' : completed.length > 5 ? '主要有' : '分别是'}${projectList(completed, 5)}。`));
  }

  if (started.length && completed.length) out.push(body('总体上，全县实现了“月月有开工、月月有竣工”的目标。'));
  else out.push(body(`${month}${started.length ? '无竣工项目，“月月有竣工”' : '无新开工项目，“月月有开工”'}的目标未能实现。`));
  return out;
}

function problems(ctx: Context): Block[] {
  const { s, month, asOf, annexes } = ctx;
  const out: Block[] = [heading('四、存在的问题')];
  if (!s.lagging.length && !s.issues.length) {
    out.push(body(`从${month}调度情况看，全县项目建设总体平稳，未发现进度明显滞后的项目，各项目单位未反映需要协调解决的突出问题。`));
    return out;
  }
  out.push(body(`从${month}调度情况看，全县项目建设总体平稳，但仍存在一些问题和制约因素，主要表现在：`));
  let i = 0;
  if (s.lagging.length) out.push(...laggingProse(s, { asOf, heading: `（${'一二'[i++]}）部分项目推进滞后。`, annexRef: annexes.ref('lagging') }));
  if (s.issues.length) out.push(...issuesProse(s, { when: month, heading: `（${'一二'[i++]}）项目建设中的具体困难。`, annexRef: annexes.ref('issues') }));
  return out;
}

function suggestions({ s, target }: Context): Block[] {
  const out: Block[] = [heading('五、下一步工作建议')];
  const points: Array<[string, string]> = [];
  const g = s.totals.growthPct;
  if (g !== null && new Decimal(g).lt(target)) {
    points.push([
      '全力冲刺全年投资目标。',
      `当前全县固定资产投资增速低于全年增长${target}%的目标${new Decimal(target).minus(g).toFixed(1)}个百分点，各部门、各乡镇要对照年度投资计划，倒排工期、挂图作战，加快在建项目建设进度，推动实物工作量尽快形成投资，确保完成全年目标任务。`,
    ]);
  } else if (g !== null) {
    points.push(['巩固投资增长态势。', '各部门、各乡镇要保持项目建设工作力度不减，加快在建项目实物工作量形成，推动投资持续稳定增长。']);
  } else {
    points.push(['加快推进项目建设。', '各部门、各乡镇要对照年度投资计划，加快在建项目建设进度，推动实物工作量尽快形成投资。']);
  }
  if (s.lagging.length || s.issues.length) {
    const what = [s.lagging.length ? `${s.lagging.length}个进度滞后的项目` : '', s.issues.length ? `项目单位反映的${s.issues.length}个问题` : ''].filter(Boolean).join('和');
    points.push([
      '狠抓滞后项目和问题协调。',
      `对${what}，由县级包抓领导和责任部门逐一分析原因，实行“一项目一方案”，明确整改措施和完成时限；需县级层面协调的，提请项目建设联席会议研究解决。`,
    ]);
  }
  const noCompletion = s.startedThisPeriod.length > 0 && s.completedThisPeriod.length === 0;
  points.push([
    '抓好项目开工竣工。',
    `继续组织项目集中开工活动，推动具备条件的项目早开工、在建项目早竣工${noCompletion ? '，重点督促年内计划竣工的项目加快收尾' : ''}，确保“月月有开工、月月有竣工”。`,
  ]);
  const r = s.reporting;
  if (r.missing || r.late) {
    const gaps = [r.missing ? `缺报${r.missing}份` : '', r.late ? `迟报${r.late}份` : ''].filter(Boolean).join('、');
    points.push(['严格落实月报制度。', `对本月${gaps}月报的责任单位予以通报，督促各部门每月20日前如实报送项目月报。`]);
  } else {
    points.push(['严格落实月报制度。', '督促各部门每月20日前如实报送项目月报，确保调度数据真实准确、及时完整。']);
  }
  points.forEach(([lead, rest], i) => out.push(point(`${['一', '二', '三', '四', '五', '六'][i]}是${lead}`, rest)));
  return out;
}

// ---------------------------------------------------------------- document

/** The last month a summary covers: 10 for 1—10月, 2 for the combined 1—2月. */
export const lastMonthOf = (s: Pick<MonthlySummary, 'cumulativeLabel'>) => Number(/(\d+)月$/.exec(s.cumulativeLabel)?.[1] ?? 12);

/** The monthly analysis report (.docx): the text, then the annexes. */
export async function renderMonthlyReportDocx(summary: MonthlySummary, options: MonthlyReportDocxOptions): Promise<Buffer> {
  const s = withLocalNames(summary);
  const title = reportTitle(s, options);
  const started = s.startedThisPeriod;
  const completed = s.completedThisPeriod;
  const annexes = new AnnexPlan({ lagging: s.lagging.length > 0, issues: s.issues.length > 0, progress: started.length + completed.length > 0, township: s.byTownship.length > 0 });
  const ctx: Context = { s, month: `${s.periodLabel}份`, asOf: `截至${lastMonthOf(s)}月底`, target: options.growthTarget, counted: countedScopeLabel(s.thresholds), annexes };
  const issuer = options.issuer ?? `${s.divisionName}发展和改革局`;
  const date = formatDateCn(options.date ?? chinaDate(s.generatedAt));

  const annexList: Annex[] = annexes.kinds.map((kind) =>
    kind === 'lagging'
      ? laggingAnnex(s, `截至${s.year}年${lastMonthOf(s)}月底`)
      : kind === 'issues'
        ? issuesAnnex(s, `${s.year}年${ctx.month}`)
        : kind === 'progress'
          ? progressAnnex(`${s.year}年${s.periodLabel}新开工和竣工项目清单`, `新开工${started.length}个，竣工${completed.length}个`, started, completed, s.year)
          : townshipAnnex(s),
  );

  const text: Block[] = [
    ...titleBlock(title, { docNumber: options.docNumber, notice: options.figureStatus === 'preliminary' ? preliminaryNotice(s.reporting) : undefined }),
    addresseeLine(options.addressee ?? defaultAddressee(s.divisionName)),
    body(`根据各部门、各乡镇报送的项目月报，我局对${s.year}年${s.cumulativeLabel}全县${ctx.counted}项目建设情况进行了调度汇总和分析，现将有关情况报告如下：`),
    ...overview(ctx),
    ...sectors(ctx),
    ...progress(ctx),
    ...problems(ctx),
    ...suggestions(ctx),
    ...attachmentNote(annexList.map((a) => a.name)),
    ...signature(issuer, date),
  ];
  return renderGovDocument(
    { creator: issuer, title: title.join(''), description: `${s.divisionName}${s.year}年${s.cumulativeLabel}项目建设运行分析` },
    text,
    annexList,
  );
}
