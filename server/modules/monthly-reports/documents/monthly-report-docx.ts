/**
 * The 发改局's monthly (or quarterly) analysis report of project construction as a .docx in
 * the manner of a government document (GB/T 9704): A4 with the 公文 margins, a 小标宋 title,
 * 仿宋 body at a fixed 28pt line pitch, 黑体 and 楷体 headings, tables in 宋体, the issuer and
 * date at the end and 「— 1 —」 page numbers. The text is written from the summary, section by
 * section, in the prose of a county report; a section without data says so in one sentence.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IFontAttributesProperties,
  type ParagraphChild,
} from 'docx';
import Decimal from 'decimal.js';
import { formatWan, sumWan } from '../../../../common/amounts';
import { countedScopeLabel } from '../../../../common/projects';
import type { LaggingProject, MonthlySummary, SummaryBreakdownRow, SummaryProjectRef } from '../../../../common/summary';
import { bandNouns, breakdownTotal, chinaDate, formatAmountCn, formatDateCn, formatGrowthCn, sharePct, sortBands, tidyCn } from './format';

export { breakdownTotal, formatAmountCn, formatGrowthCn, formatDateCn } from './format';

export interface MonthlyReportDocxOptions {
  /** 发文字号, e.g. 河发改〔2024〕112号. */
  docNumber?: string;
  /** 发文机关署名, e.g. 河西县发展和改革局. */
  issuer?: string;
  kind?: 'monthly' | 'quarterly';
  /** 「第三季度」; derived from the period when omitted. */
  quarterLabel?: string;
  /** 成文日期 (YYYY-MM-DD); the day the summary was generated (Beijing time) when omitted. */
  date?: string;
  /** The year's growth target of fixed-asset investment in %: the 发改局's target of the year (metric `fai_growth_target`). */
  growthTarget: number;
}

// ---------------------------------------------------------------- page and type

const CM = 567; // twips per centimetre (1440 / 2.54, rounded as Word does)
const PAGE = { width: 11906, height: 16838 }; // A4
const MARGIN = { top: Math.round(3.7 * CM), bottom: Math.round(3.5 * CM), left: Math.round(2.8 * CM), right: Math.round(2.6 * CM) };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

const PT = 2; // docx sizes are half-points
const SIZE = { title: 22 * PT, body: 16 * PT, table: 12 * PT, tableCaption: 14 * PT, footer: 14 * PT };
/** 28pt exact line pitch: 22 lines on the 公文 type area. */
const LINE = 28 * 20;
const BODY_INDENT = { firstLine: 2 * 16 * 20, firstLineChars: 200 };

function font(name: string): IFontAttributesProperties {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name, hint: 'eastAsia' };
}
const FONT = {
  title: font('方正小标宋简体'),
  body: font('仿宋_GB2312'),
  heading: font('黑体'),
  subheading: font('楷体_GB2312'),
  table: font('宋体'),
};

/**
 * The font table: the 公文 fonts with the system fonts Word and WPS fall back to when the
 * GB2312 / 方正 faces are not installed (仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体, 小标宋 → 宋体).
 */
const FONT_TABLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${[
  ['仿宋_GB2312', '仿宋', '02010609030101010101', 'modern', 'fixed'],
  ['仿宋', 'FangSong', '02010609060101010101', 'modern', 'fixed'],
  ['方正小标宋简体', '宋体', '02000000000000000000', 'auto', 'variable'],
  ['黑体', 'SimHei', '02010609060101010101', 'modern', 'fixed'],
  ['楷体_GB2312', '楷体', '02010609030101010101', 'modern', 'fixed'],
  ['楷体', 'KaiTi', '02010609060101010101', 'modern', 'fixed'],
  ['宋体', 'SimSun', '02010600030101010101', 'auto', 'variable'],
]
  .map(
    ([name, alt, panose, family, pitch]) =>
      `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:panose1 w:val="${panose}"/><w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="${pitch}"/></w:font>`,
  )
  .join('')}<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`;

// ---------------------------------------------------------------- paragraphs

const run = (text: string, f: IFontAttributesProperties, size: number, bold?: boolean) => new TextRun({ text, font: f, size, bold });

function body(text: string | ParagraphChild[], options: { indent?: boolean; keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    children: typeof text === 'string' ? [run(text, FONT.body, SIZE.body)] : text,
    alignment: AlignmentType.JUSTIFIED,
    keepNext: options.keepNext,
    widowControl: true,
    spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    indent: options.indent === false ? undefined : BODY_INDENT,
  });
}

/** 「一、总体运行情况」 in 黑体. */
function heading(text: string): Paragraph {
  return body([run(text, FONT.heading, SIZE.body)], { keepNext: true });
}

/** 「（一）分产业领域。」 in 楷体, optionally followed by body text in the same paragraph. */
function subheading(label: string, rest?: string): Paragraph {
  const children = [run(label, FONT.subheading, SIZE.body)];
  if (rest) children.push(run(rest, FONT.body, SIZE.body));
  return body(children, { keepNext: !rest });
}

/** 「一是……」 paragraphs: the lead phrase in 仿宋 bold, the rest plain. */
function point(lead: string, rest: string): Paragraph {
  return body([run(lead, FONT.body, SIZE.body, true), run(rest, FONT.body, SIZE.body)]);
}

const blank = () => body('', { indent: false });

/** Width of a string in character cells: CJK 1, ASCII ½. */
function cells(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) < 0x2000 ? 0.5 : 1;
  return w;
}

function titleParagraphs(title: string[], docNumber?: string): Paragraph[] {
  const out = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 36 * 20, lineRule: LineRuleType.EXACT },
      children: title.flatMap((line, i) => [new TextRun({ text: line, font: FONT.title, size: SIZE.title, bold: true, break: i > 0 ? 1 : undefined })]),
    }),
  ];
  if (docNumber) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 120 },
        children: [run(docNumber, FONT.body, SIZE.body)],
      }),
    );
  }
  out.push(blank());
  return out;
}

/** 成文日期右空四字, the issuer centred over the date. */
function signature(issuer: string, date: string): Paragraph[] {
  const charTwips = 16 * 20;
  const dateIndent = 4 * charTwips;
  const issuerIndent = Math.max(0, dateIndent + Math.round(((cells(date) - cells(issuer)) / 2) * charTwips));
  const line = (text: string, right: number, before = 0) =>
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { line: LINE, lineRule: LineRuleType.EXACT, before },
      indent: { right },
      children: [run(text, FONT.body, SIZE.body)],
    });
  return [blank(), blank(), line(issuer, issuerIndent), line(date, dateIndent)];
}

// ---------------------------------------------------------------- tables

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };
const COLUMN_WIDTHS = (() => {
  const fixed = [680, 1120, 1720, 1840, 1260];
  const name = TEXT_WIDTH - fixed.reduce((a, b) => a + b, 0);
  return [fixed[0], name, ...fixed.slice(1)];
})();

function tableCell(text: string, width: number, align: (typeof AlignmentType)[keyof typeof AlignmentType], bold = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 80, right: 80, top: 20, bottom: 20 },
    // A header may be set over two lines: 「本年累计\n（万元）」.
    children: [
      new Paragraph({
        alignment: align,
        spacing: { line: 15 * 20, lineRule: LineRuleType.AT_LEAST, before: 0, after: 0 },
        children: text.split('\n').map((line, i) => new TextRun({ text: line, font: FONT.table, size: SIZE.table, bold, break: i > 0 ? 1 : undefined })),
      }),
    ],
  });
}

const pctCell = (pct: string | null) => (pct === null ? '—' : pct);

/** A breakdown as 序号 / 名称 / 项目个数 / 本月完成 / 本年累计 / 同比增长 with a 合计 row. */
function breakdownTable(nameHeader: string, rows: SummaryBreakdownRow[], periodHeader: string): Table {
  const header = ['序号', nameHeader, '项目个数', `${periodHeader}\n（万元）`, '本年累计\n（万元）', '同比增长\n（%）'];
  const { CENTER, LEFT, RIGHT } = AlignmentType;
  const tableRow = (values: string[], bold: boolean, isHeader = false) =>
    new TableRow({
      tableHeader: isHeader,
      cantSplit: true,
      height: { value: isHeader ? 600 : 400, rule: HeightRule.ATLEAST },
      children: values.map((v, i) => tableCell(v, COLUMN_WIDTHS[i], isHeader ? CENTER : i === 1 ? LEFT : i === 3 || i === 4 ? RIGHT : CENTER, bold)),
    });
  const total = breakdownTotal(rows);
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: COLUMN_WIDTHS,
    borders: BORDERS,
    alignment: AlignmentType.CENTER,
    rows: [
      tableRow(header, true, true),
      ...rows.map((r, i) => tableRow([String(i + 1), r.label, String(r.projects), formatWan(r.period), formatWan(r.yearCumulative), pctCell(r.growthPct)], false)),
      tableRow(['', '合计', String(total.projects), formatWan(total.period), formatWan(total.yearCumulative), pctCell(total.growthPct)], true),
    ],
  });
}

function tableCaption(text: string): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 160 },
      children: [run(text, FONT.heading, SIZE.tableCaption)],
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      keepNext: true,
      spacing: { line: 20 * 20, lineRule: LineRuleType.EXACT },
      children: [run('单位：万元', FONT.table, SIZE.table)],
    }),
  ];
}

/** Space after a table so that the next paragraph does not touch its bottom border. */
const afterTable = () => new Paragraph({ spacing: { line: 14 * 20, lineRule: LineRuleType.EXACT }, children: [] });

// ---------------------------------------------------------------- prose helpers

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const ordinal = (i: number) => ORDINALS[i] ?? String(i + 1);
const isZero = (wan: string) => new Decimal(wan).isZero();
const byYtdDesc = (a: SummaryBreakdownRow, b: SummaryBreakdownRow) => new Decimal(b.yearCumulative).comparedTo(a.yearCumulative);
const byInvestmentDesc = (a: SummaryProjectRef, b: SummaryProjectRef) => new Decimal(b.totalInvestment).comparedTo(a.totalInvestment);

/** A、B和C */
function joinCn(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join('、')}和${items[items.length - 1]}`;
}

/** Breakdown labels that read as a kind of project: 「工业项目」, but 「10亿元以上项目」. */
function sectorNoun(label: string): string {
  if (label === '未指定') return '未分类项目';
  return label.endsWith('项目') ? label : `${label}项目`;
}


/** 「工业项目168个，完成投资81.2亿元，占30.9%，同比增长15.9%」 */
function figureClause(noun: string, r: SummaryBreakdownRow, whole: string, withShare = true): string {
  const share = withShare ? sharePct(r.yearCumulative, whole) : null;
  return `${noun}${r.projects}个，完成投资${formatAmountCn(r.yearCumulative)}${share !== null ? `，占${share}%` : ''}，${formatGrowthCn(r.growthPct)}`;
}

/** 「县工信局（46.8亿元）」 */
const labelledAmount = (r: SummaryBreakdownRow) => `${r.label}（${formatAmountCn(r.yearCumulative)}）`;

function projectMention(p: SummaryProjectRef, withDepartment = true): string {
  const parts = [withDepartment && p.departmentName ? p.departmentName : null, `总投资${formatAmountCn(p.totalInvestment)}`].filter(Boolean);
  return `${p.name}（${parts.join('，')}）`;
}

/** Up to `limit` projects by investment, the rest summed up as 「等N个项目」. */
function projectList(list: SummaryProjectRef[], limit = 8, withDepartment = true): string {
  const sorted = [...list].sort(byInvestmentDesc);
  const shown = sorted.slice(0, limit).map((p) => projectMention(p, withDepartment));
  return list.length > limit ? `${shown.join('、')}等${list.length}个项目` : joinCn(shown);
}

const sumInvestment = (list: SummaryProjectRef[]) => sumWan(list.map((p) => p.totalInvestment));

// ---------------------------------------------------------------- sections

interface Context {
  s: MonthlySummary;
  /** 「10月份」 */
  month: string;
  target: number;
  /** 「500万元以上」: the projects the figures count, by the summary's thresholds. */
  counted: string;
}

function overview(ctx: Context): Paragraph[] {
  const { s, month, target, counted } = ctx;
  const t = s.totals;
  const out: Paragraph[] = [heading('一、总体运行情况')];
  if (t.projects === 0 && isZero(t.yearCumulative)) {
    out.push(body(`${s.cumulativeLabel}，全县暂无纳入统计的${counted}项目完成投资数据。`));
  } else {
    let sentence = `${s.cumulativeLabel}，全县纳入调度的${counted}各类项目${t.projects}个，累计完成固定资产投资${formatAmountCn(t.yearCumulative)}，${formatGrowthCn(t.growthPct)}`;
    if (t.growthPct !== null) {
      const gap = new Decimal(t.growthPct).minus(target);
      if (gap.isZero()) sentence += `，达到全年增长${target}%的目标`;
      else if (gap.isPositive()) sentence += `，高于全年增长${target}%的目标${gap.toFixed(1)}个百分点`;
      else sentence += `，低于全年增长${target}%的目标${gap.abs().toFixed(1)}个百分点`;
    }
    sentence += isZero(t.period) ? `；${month}未新增完成投资。` : `；其中${month}完成投资${formatAmountCn(t.period)}。`;
    out.push(body(sentence));
  }
  if (s.official) {
    const growth = s.official.growthPct === null ? '' : `，${formatGrowthCn(s.official.growthPct)}`;
    out.push(body(`（统计部门公布数据：${s.cumulativeLabel}全县固定资产投资${formatAmountCn(s.official.yearCumulative)}${growth}。本报告其余数据均为项目调度数，与统计数口径不同，未作合并。）`));
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

function breakdownProse(rows: SummaryBreakdownRow[], whole: string, what: string): string {
  const sorted = [...rows].sort(byYtdDesc);
  const top = sorted.slice(0, Math.min(3, sorted.length));
  const topShare = sharePct(sumWan(top.map((r) => r.yearCumulative)), whole);
  let text = `从${what}看，完成投资居前${top.length === 1 ? '' : ordinal(top.length - 1)}位的${top.length === 1 ? '是' : '依次是'}${top.map(labelledAmount).join('、')}`;
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

function sectors(ctx: Context, tableNo: { n: number }): Array<Paragraph | Table> {
  const { s } = ctx;
  const out: Array<Paragraph | Table> = [heading('二、分领域情况')];
  const whole = s.totals.yearCumulative;
  const periodHeader = `${ctx.s.periodLabel}完成`;
  const caption = (what: string) => `表${++tableNo.n}  ${s.divisionName}${s.year}年${s.cumulativeLabel}${what}项目投资完成情况`;

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

  out.push(subheading('（三）分乡镇。'));
  if (!s.byTownship.length) out.push(body('本期暂无分乡镇的投资数据。'));
  else out.push(body(breakdownProse(s.byTownship, whole, '乡镇（片区）')), ...tableCaption(caption('分乡镇')), breakdownTable('乡镇（片区）', [...s.byTownship].sort(byYtdDesc), periodHeader), afterTable());

  if (s.byLibrary.length) {
    const clauses = [...s.byLibrary].sort(byYtdDesc).map((r) => `${r.label}项目${r.projects}个，完成投资${formatAmountCn(r.yearCumulative)}，${formatGrowthCn(r.growthPct)}`);
    out.push(subheading('（四）分项目库。'), body(`${clauses.join('；')}。（同一项目可同时列入多个项目库，各库数据不作相加。）`));
  }
  return out;
}

function progress({ s, month, counted }: Context): Paragraph[] {
  const out: Paragraph[] = [heading('三、重点项目进展')];
  const started = s.startedThisPeriod;
  const completed = s.completedThisPeriod;
  if (!started.length && !completed.length) {
    out.push(body(`${month}全县暂无新开工和竣工的${counted}项目，“月月有开工、月月有竣工”的目标未能实现。`));
    return out;
  }

  out.push(subheading('（一）新开工项目。'));
  if (!started.length) {
    out.push(body(`${month}全县暂无新开工的${counted}项目。`));
  } else {
    let text = `${month}全县新开工${counted}项目${started.length}个，总投资${formatAmountCn(sumInvestment(started))}。`;
    const inBatch = new Set<string>();
    for (const batch of [...s.concentratedStarts].sort((a, b) => a.date.localeCompare(b.date))) {
      batch.projects.forEach((p) => inBatch.add(p.id));
      const names = [...batch.projects].sort(byInvestmentDesc).map((p) => p.name);
      const shown = names.length > 5 ? `${names.slice(0, 5).join('、')}等` : `${joinCn(names)}等`;
      text += `${formatDateCn(batch.date, s.year)}，全县组织项目集中开工活动，${shown}${batch.count}个项目集中开工，总投资${formatAmountCn(sumInvestment(batch.projects))}。`;
    }
    const others = started.filter((p) => !inBatch.has(p.id));
    if (inBatch.size && others.length) text += `其他新开工项目有${projectList(others)}。`;
    else if (!inBatch.size) text += `主要有${projectList(started)}。`;
    if (!s.concentratedStarts.length && started.length) text += '本月未组织集中开工活动。';
    out.push(body(text));
  }

  out.push(subheading('（二）竣工项目。'));
  if (!completed.length) {
    out.push(body(`${month}全县暂无竣工的${counted}项目。`));
  } else {
    out.push(body(`${month}全县竣工${counted}项目${completed.length}个，总投资${formatAmountCn(sumInvestment(completed))}，${completed.length === 1 ? '为' : '分别是'}${projectList(completed)}。`));
  }

  if (started.length && completed.length) out.push(body('总体上，全县实现了“月月有开工、月月有竣工”的目标。'));
  else if (started.length || completed.length) out.push(body(`${month}${started.length ? '无竣工项目，“月月有竣工”' : '无新开工项目，“月月有开工”'}的目标未能实现。`));
  return out;
}

const LAG_HEADINGS: Record<LaggingProject['reason'], string> = {
  behind_plan: '部分项目投资进度滞后。',
  idle: '部分在建项目推进乏力。',
  start_overdue: '部分计划新开工项目未按期开工。',
};

function lagText(reason: LaggingProject['reason'], list: LaggingProject[], year: number): string {
  const who = (p: LaggingProject) => (p.departmentName ? `${p.name}（${p.departmentName}）` : p.name);
  // Same finding for all (e.g. 「连续3个月未完成投资」): name them together.
  const tidy = (detail: string) => tidyCn(detail, { withinYear: year }).replace(/(\d+(?:\.\d+)?)万元/g, (_m, n: string) => formatAmountCn(n));
  const details = new Set(list.map((p) => tidy(p.detail)));
  if (details.size === 1 && list.length > 1) {
    const [detail] = details;
    const tail = reason === 'idle' ? '，存在停工缓建风险' : '';
    return `${joinCn(list.map(who))}等${list.length}个项目${detail}${tail}。`;
  }
  const items = list.map((p) => `${who(p)}${tidy(p.detail)}`);
  const tail =
    reason === 'behind_plan' ? `以上${list.length}个项目投资完成情况明显落后于序时进度。` : reason === 'idle' ? '以上项目存在停工缓建风险。' : '以上项目开工准备工作推进缓慢。';
  return `${items.join('；')}。${list.length > 1 ? tail : ''}`;
}

function problems({ s, month }: Context): Paragraph[] {
  const out: Paragraph[] = [heading('四、存在的问题')];
  const groups = (['behind_plan', 'idle', 'start_overdue'] as const).map((reason) => ({ reason, list: s.lagging.filter((p) => p.reason === reason) })).filter((g) => g.list.length);
  if (!groups.length && !s.issues.length) {
    out.push(body(`从${month}调度情况看，全县项目建设总体平稳，未发现进度明显滞后的项目，各项目单位未反映需要协调解决的突出问题。`));
    return out;
  }
  out.push(body(`从${month}调度情况看，全县项目建设总体平稳，但仍存在一些问题和制约因素，主要表现在：`));
  let i = 0;
  for (const g of groups) out.push(subheading(`（${ordinal(i++)}）${LAG_HEADINGS[g.reason]}`), body(lagText(g.reason, g.list, s.year)));
  if (s.issues.length) {
    out.push(subheading(`（${ordinal(i++)}）项目建设中的具体困难。`));
    out.push(body(`${month}各项目单位在月报中反映问题${s.issues.length}个，主要有：`));
    s.issues.forEach((issue, n) => {
      const who = issue.departmentName ? `${issue.projectName}（${issue.departmentName}）` : issue.projectName;
      const measures = issue.measures && issue.measures.trim() ? `拟采取措施：${tidyCn(issue.measures, { sentence: true, withinYear: s.year })}` : '尚未提出具体解决措施。';
      out.push(body(`${n + 1}.${who}：${tidyCn(issue.problems, { sentence: true, withinYear: s.year })}${measures}`));
    });
  }
  return out;
}

function suggestions({ s, target }: Context): Paragraph[] {
  const out: Paragraph[] = [heading('五、下一步工作建议')];
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
  if (s.lagging.length) {
    points.push([
      '狠抓滞后项目推进。',
      `对${s.lagging.length}个进度滞后、推进乏力或未按期开工的项目，由县级包抓领导和责任部门逐一分析原因，实行“一项目一方案”，明确整改措施和完成时限，限期整改到位。`,
    ]);
  }
  if (s.issues.length) {
    points.push([
      '协调解决项目建设难题。',
      `针对项目单位反映的${s.issues.length}个问题，相关部门要主动对接、靠前服务，督促落实项目单位提出的措施；对需县级层面协调的，提请项目建设联席会议研究解决。`,
    ]);
  }
  const noCompletion = s.startedThisPeriod.length > 0 && s.completedThisPeriod.length === 0;
  points.push([
    '抓好项目开工竣工。',
    `继续组织开展项目集中开工活动，每月集中开工3—5个重大项目，推动具备条件的项目早开工、在建项目早竣工${noCompletion ? '，重点督促年内计划竣工的项目加快收尾' : ''}，确保实现“月月有开工、月月有竣工”。`,
  ]);
  const r = s.reporting;
  if (r.missing || r.late) {
    const gaps = [r.missing ? `缺报${r.missing}份` : '', r.late ? `迟报${r.late}份` : ''].filter(Boolean).join('、');
    points.push(['严格落实月报制度。', `对本月${gaps}月报的责任单位予以通报，督促各部门每月20日前如实报送项目月报，确保调度数据真实准确、及时完整。`]);
  } else {
    points.push(['严格落实月报制度。', '督促各部门每月20日前如实报送项目月报，确保调度数据真实准确、及时完整。']);
  }
  points.forEach(([lead, rest], i) => out.push(point(`${ordinal(i)}是${lead}`, rest)));
  return out;
}

// ---------------------------------------------------------------- document

const QUARTERS: Record<number, string> = { 3: '第一季度', 6: '第二季度', 9: '第三季度', 12: '第四季度' };

function quarterOf(s: MonthlySummary, label?: string): string {
  return label ?? QUARTERS[Number(s.period.slice(5, 7))] ?? s.cumulativeLabel;
}

/** The title, split over two lines when it is too long for one line of 二号. */
export function reportTitle(s: MonthlySummary, options: Pick<MonthlyReportDocxOptions, 'kind' | 'quarterLabel'> = {}): string[] {
  const head = `${s.divisionName}${s.year}年`;
  if (options.kind === 'quarterly') {
    const quarter = quarterOf(s, options.quarterLabel);
    const line = `${head}${quarter}项目建设分析报告`;
    return cells(line) > 17 ? [`${head}${quarter}`, '项目建设分析报告'] : [line];
  }
  const line = `${head}${s.cumulativeLabel}项目建设运行分析报告`;
  return cells(line) > 17 ? [`${head}${s.cumulativeLabel}`, '项目建设运行分析报告'] : [line];
}

export async function renderMonthlyReportDocx(summary: MonthlySummary, options: MonthlyReportDocxOptions): Promise<Buffer> {
  const s = summary;
  const quarterly = options.kind === 'quarterly';
  const title = reportTitle(s, options);
  const ctx: Context = { s, month: `${s.periodLabel}份`, target: options.growthTarget, counted: countedScopeLabel(s.thresholds) };
  const issuer = options.issuer ?? `${s.divisionName}发展和改革局`;
  const date = formatDateCn(options.date ?? chinaDate(s.generatedAt));
  const span = quarterly ? `${s.year}年${quarterOf(s, options.quarterLabel)}（${s.cumulativeLabel}）` : `${s.year}年${s.cumulativeLabel}`;
  const tableNo = { n: 0 };

  const children: Array<Paragraph | Table> = [
    ...titleParagraphs(title, options.docNumber),
    body(`为全面掌握全县项目建设运行情况，根据各部门、各乡镇报送的项目月报，我局对${span}全县${ctx.counted}项目建设情况进行了调度汇总和分析，现将有关情况报告如下：`),
    ...overview(ctx),
    ...sectors(ctx, tableNo),
    ...progress(ctx),
    ...problems(ctx),
    ...suggestions(ctx),
    ...signature(issuer, date),
  ];

  const doc = new Document({
    creator: issuer,
    title: title.join(''),
    description: `${s.divisionName}${s.year}年${s.cumulativeLabel}项目建设运行分析`,
    styles: {
      default: {
        document: { run: { font: FONT.body, size: SIZE.body }, paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: PAGE,
            margin: { ...MARGIN, header: Math.round(1.5 * CM), footer: Math.round(2.5 * CM) },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font('宋体'), size: SIZE.footer })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: FONT_TABLE }]);
}
