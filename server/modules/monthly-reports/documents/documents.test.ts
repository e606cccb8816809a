import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { MonthlySummary } from '../../../../common/summary';
import Decimal from 'decimal.js';
import { emptySummary, fixtureMonthAmount, fixturePeriods, fixtureSummary, largeSummary, sampleSummary } from './fixtures';
import { formatAmountCn, formatDateCn, formatGrowthCn, tidyCn } from './format';
import { renderMonthlyReportDocx } from './monthly-report-docx';
import { quarterBounds, quarterFigures, type QuarterNo } from './quarter';
import { renderQuarterlyReportDocx } from './quarterly-report-docx';
import { issueKindOf, LAGGING_IN_TEXT, sortLagging } from './report-sections';
import { renderSummaryXlsx } from './summary-xlsx';

async function documentXml(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const file = zip.file('word/document.xml');
  if (!file) throw new Error('no word/document.xml');
  return file.async('string');
}

/** The visible text of document.xml, paragraph by paragraph. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
}

/** The text before the annexes (the report proper) and the annexes, split at the 「附件1」 heading. */
function splitAnnexes(xml: string): { text: string; annexes: string } {
  const at = xml.search(/<w:p[ >](?:(?!<\/w:p>)[\s\S])*<w:t(?: [^>]*)?>附件1<\/w:t>/);
  return at < 0 ? { text: xml, annexes: '' } : { text: xml.slice(0, at), annexes: xml.slice(at) };
}

/** Width in character cells: CJK 1, ASCII ½. */
function cellsOf(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) < 0x2000 ? 0.5 : 1;
  return w;
}

/**
 * A page-count proxy for the report proper: lines of 27 characters for each paragraph and
 * ¾ of a line for each table row (小四 rows at 17pt against the 28pt body pitch). The 公文
 * page holds 22 lines; calibrated on the demo county's 1—11月 report, which measures 154 and
 * prints on 8 pages (LibreOffice, A4).
 */
function estimatedLines(xml: string): number {
  let lines = 0;
  for (const t of xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)) lines += (t[0].match(/<w:tr[ >]/g) ?? []).length * 0.75;
  for (const p of xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '').matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)) {
    lines += Math.max(1, Math.ceil(cellsOf(paragraphs(p[0]).join('')) / 27));
  }
  return lines;
}
const EIGHT_PAGES = 165;

/** The rows of each table, each row the texts of its cells. */
function tables(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
    [...t[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => paragraphs(c[0]).join(''))),
  );
}

/** The summaries a quarter of the fixture year is computed from. */
function fixtureQuarter(year: number, quarter: QuarterNo) {
  const months = fixturePeriods(year).filter((p) => {
    const last = p.endsWith('-01') ? 2 : Number(p.slice(5));
    return last > quarter * 3 - 3 && last <= quarter * 3;
  });
  const bounds = quarterBounds(year, quarter);
  return quarterFigures({
    quarter,
    months: months.map(fixtureSummary),
    previousEnd: fixtureSummary(bounds.previousEnd),
    beforePreviousEnd: bounds.beforePreviousEnd === null ? null : fixtureSummary(bounds.beforePreviousEnd),
  });
}

/** What the fixture's lines completed over months of a year, added up here rather than by the code under test. */
function fixtureSpan(year: number, from: number, to: number): Decimal {
  let total = new Decimal(0);
  for (let line = 0; line < 7; line++) for (let m = from; m <= to; m++) total = total.plus(fixtureMonthAmount(line, year, m));
  return total;
}
const pctChange = (now: Decimal, before: Decimal) => now.minus(before).div(before).times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);
const changeCn = (pct: Decimal) => (pct.isNegative() ? `下降${pct.abs().toFixed(1)}%` : `增长${pct.toFixed(1)}%`);

async function readXlsx(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** A numeric cell's value, whether written as a number or as a formula with its result. */
function num(cell: ExcelJS.Cell): number {
  const v = cell.value;
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'result' in v && typeof v.result === 'number') return v.result;
  throw new Error(`not a number at ${cell.address}: ${JSON.stringify(v)}`);
}

function rowOf(sheet: ExcelJS.Worksheet, label: string, column = 2): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (!found && row.getCell(column).value === label) found = row;
  });
  if (!found) throw new Error(`no row ${label} in ${sheet.name}`);
  return found;
}

describe('prose formats', () => {
  it('writes amounts, growth and dates as the county reports do', () => {
    expect(formatAmountCn('2629000')).toBe('262.9亿元');
    expect(formatAmountCn('5000')).toBe('5,000万元');
    expect(formatAmountCn('860.46')).toBe('860.5万元');
    expect(formatAmountCn('10000')).toBe('1亿元');
    expect(formatGrowthCn('8.4')).toBe('同比增长8.4%');
    expect(formatGrowthCn('-3.0')).toBe('同比下降3.0%');
    expect(formatGrowthCn(null)).toBe('上年同期无可比数据');
    expect(formatDateCn('2024-10-31')).toBe('2024年10月31日');
    expect(formatDateCn('2024-08-01', 2024)).toBe('8月1日');
    expect(tidyCn('计划 2024-08-01 开工，至今未开工', { withinYear: 2024 })).toBe('计划8月1日开工，至今未开工');
  });
});

describe('monthly analysis report (.docx)', () => {
  it('renders the sample as a government analysis report', async () => {
    const buffer = await renderMonthlyReportDocx(sampleSummary(), { docNumber: '河发改〔2024〕112号', issuer: '河西县发展和改革局', growthTarget: 10 });
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
    const xml = await documentXml(buffer);
    const text = paragraphs(xml);
    const all = text.join('\n');

    // Title over two lines of one paragraph, then the 文号.
    expect(all).toContain('河西县2024年1—10月项目建设运行分析报告');
    expect(all).toContain('河发改〔2024〕112号');
    for (const h of ['一、总体运行情况', '二、分领域情况', '三、重点项目进展', '四、存在的问题', '五、下一步工作建议']) expect(text).toContain(h);
    expect(all).toContain('全县纳入调度的500万元以上各类项目729个，累计完成固定资产投资262.9亿元，同比增长8.4%');
    expect(all).toContain('全县500万元以上项目建设情况进行了调度汇总和分析');
    expect(all).toContain('500万—1亿元项目');
    expect(all).toContain('低于全年增长10%的目标1.6个百分点');
    expect(all).toContain('（统计部门公布数据：1—10月全县固定资产投资265.3亿元，同比增长8.9%。');
    expect(all).toContain('应报项目月报812份，已报798份，其中已审核785份；缺报14份，迟报9份，报送率98.3%');
    expect(all).toContain('农业项目107个，完成投资24亿元，占9.1%，同比下降5.6%');
    expect(all).toContain('10月15日，全县组织项目集中开工活动');
    expect(all).toContain('“月月有开工、月月有竣工”');
    // The largest lagging projects in the text; every one with its finding in 附件1.
    expect(all).toContain('永鑫新能源太阳能电池组件生产（县工业和信息化局，总投资12亿元，完成年度计划的21.5%）');
    expect(all).toContain('大漠风情园（县文化旅游局，总投资4.5亿元，计划8月1日开工，至今未开工）');
    expect(all).toContain('全县共有7个项目推进滞后（详见附件1）');
    expect(text).toContain('本年累计完成8,600万元，仅为年度计划4亿元的21.5%');
    // Problems by kind in the text, each with its measures in 附件2.
    expect(all).toContain('反映问题5个（详见附件2）');
    expect(all).toMatch(/一是建设资金方面2个。主要是“受光伏组件市场价格持续下行影响，企业融资困难，二期厂房建设资金缺口约1.2亿元”（1个）和“医疗设备采购资金尚未落实到位”（1个）。/);
    expect(text).toContain('由县工信局牵头组织银企对接会，协调县内金融机构给予流动资金贷款支持。');
    // The 主送机关 under the title, flush left with a full-width colon; the 附件 note before the signature.
    expect(text).toContain('县委、县政府：');
    expect(text.indexOf('县委、县政府：')).toBeLessThan(text.indexOf('一、总体运行情况'));
    expect(text).toContain('附件：1.进度滞后项目清单');
    expect(text).toContain('2.项目建设存在问题清单');
    expect(text).toContain('3.2024年10月新开工和竣工项目清单');
    expect(text).toContain('4.2024年1—10月分乡镇项目投资完成情况表');
    // Tables with a 合计 row (sector and department in the text, townships in 附件4), and the signature with a date in Chinese.
    expect(all).toContain('表1');
    expect(text.filter((t) => t === '合计')).toHaveLength(3);
    expect(text).toContain('河西县发展和改革局');
    expect(text).toContain('2024年11月8日');
    expect(all).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    // The 公文 fonts, declared for East Asian text.
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('w:eastAsia="楷体_GB2312"');
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toMatch(/w:line="560" w:lineRule="exact"/);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const zip = await JSZip.loadAsync(buffer);
    const fontTable = await zip.file('word/fontTable.xml')!.async('string');
    expect(fontTable).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    const footer = await zip.file(/word\/footer\d*\.xml/)[0].async('string');
    expect(footer).toContain('PAGE');
    expect(footer).toContain('— ');
  });

  it('writes one sentence for each section without data', async () => {
    const text = paragraphs(await documentXml(await renderMonthlyReportDocx(emptySummary(), { growthTarget: 10 })));
    const all = text.join('\n');
    for (const h of ['一、总体运行情况', '二、分领域情况', '三、重点项目进展', '四、存在的问题', '五、下一步工作建议']) expect(text).toContain(h);
    expect(all).toContain('1—2月，全县暂无纳入统计的500万元以上项目完成投资数据。');
    expect(all).toContain('1—2月份暂无应报送月报的项目。');
    expect(all).toContain('全县暂无分产业领域、分责任部门和分乡镇的投资完成数据。');
    expect(all).toContain('全县暂无新开工和竣工的500万元以上项目');
    expect(all).toContain('未发现进度明显滞后的项目');
    expect(all).not.toContain('统计部门公布数据');
    expect(all).not.toContain('合计');
    expect(all).not.toMatch(/undefined|null|NaN/);
    expect(text).toContain('河西县发展和改革局');
    expect(text).toContain('2024年3月8日');
  });

  it("names the projects by the division's own thresholds, not the default 500万", async () => {
    const s: MonthlySummary = { ...sampleSummary(), thresholds: { countedMinWan: 1000, majorMinWan: 10_000, largeMinWan: 100_000 } };
    const all = paragraphs(await documentXml(await renderMonthlyReportDocx(s, { growthTarget: 10 }))).join('\n');
    expect(all).toContain('全县1000万元以上项目建设情况进行了调度汇总和分析');
    expect(all).toContain('全县纳入调度的1000万元以上各类项目729个');
    expect(all).toContain('1000万—1亿元项目');
    expect(all).not.toContain('500万元以上');
    expect(all).not.toContain('500万—');
    const empty = paragraphs(await documentXml(await renderMonthlyReportDocx({ ...emptySummary(), thresholds: s.thresholds }, { growthTarget: 10 }))).join('\n');
    expect(empty).toContain('全县暂无纳入统计的1000万元以上项目完成投资数据');
    expect(empty).toContain('全县暂无新开工和竣工的1000万元以上项目');
    expect(empty).not.toContain('500万元以上');
  });

  it('reports growth that cannot be computed in words', async () => {
    const s = sampleSummary();
    s.totals = { ...s.totals, lastYearCumulative: null, growthPct: null };
    s.official = { yearCumulative: '2653000', growthPct: null };
    const all = paragraphs(await documentXml(await renderMonthlyReportDocx(s, { growthTarget: 10 }))).join('\n');
    expect(all).toContain('累计完成固定资产投资262.9亿元，上年同期无可比数据');
    expect(all).toContain('（统计部门公布数据：1—10月全县固定资产投资265.3亿元。');
  });
});

describe('analysis report layout', () => {
  it('keeps the text to a few pages and lists every lagging project and problem in the annexes', async () => {
    const s = largeSummary();
    const xml = await documentXml(await renderMonthlyReportDocx(s, { growthTarget: 10 }));
    const { text, annexes } = splitAnnexes(xml);
    expect(annexes).not.toBe('');
    // The report proper fits about eight pages (the 51-page report of 1—11月 measured over 1,200).
    expect(estimatedLines(text)).toBeLessThanOrEqual(EIGHT_PAGES);
    // The text names the ten largest lagging projects and no more; the annex lists all 196.
    const body = paragraphs(text).join('\n');
    const sorted = sortLagging(s.lagging);
    for (const p of sorted.slice(0, LAGGING_IN_TEXT)) expect(body).toContain(p.name);
    for (const p of sorted.slice(LAGGING_IN_TEXT)) expect(body).not.toContain(`${p.name}（`);
    expect(body).toContain('全县共有196个项目推进滞后（详见附件1）');
    const [lagTable, issueTable, progressTable] = tables(annexes);
    expect(lagTable.slice(1).map((r) => r[1])).toEqual(sorted.map((p) => p.name));
    expect(lagTable.slice(1).map((r) => r[0])).toEqual(sorted.map((_, i) => String(i + 1)));
    // Every problem with its measures, grouped by kind.
    expect(issueTable).toHaveLength(1 + 169);
    expect(new Set(issueTable.slice(1).map((r) => r[1]))).toEqual(new Set(s.issues.map((i) => i.projectName)));
    expect(issueTable.slice(1).every((r) => r[5].endsWith('。'))).toBe(true);
    expect(body).toContain('反映问题169个（详见附件2）');
    expect(progressTable).toHaveLength(1 + 30 + 2);
    // The annexes are landscape pages after the signature, each starting on a new page.
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(paragraphs(annexes).filter((p) => /^附件\d$/.test(p))).toEqual(['附件1', '附件2', '附件3', '附件4']);
    expect(body.lastIndexOf('河西县发展和改革局')).toBeGreaterThan(body.indexOf('附件：1.进度滞后项目清单'));
  });

  it('repeats table headers on every page, keeps them with the first rows and never splits a row', async () => {
    const xml = await documentXml(await renderMonthlyReportDocx(largeSummary(), { growthTarget: 10 }));
    const all = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
    expect(all.length).toBeGreaterThanOrEqual(6);
    for (const t of all) {
      const rows = [...t.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) => r[0]);
      expect(rows[0]).toContain('<w:tblHeader/>');
      for (const r of rows) expect(r).toContain('<w:cantSplit/>');
      // The header and the first row keep with the next row: no header alone at the foot of a page.
      expect(rows[0]).toContain('<w:keepNext/>');
      expect(rows[1]).toContain('<w:keepNext/>');
    }
    // A caption keeps with its table.
    const caption = xml.search(/表2 {2}河西县2024年1—10月分责任部门项目投资完成情况/);
    expect(caption).toBeGreaterThan(0);
    expect(xml.slice(xml.lastIndexOf('<w:p>', caption), caption)).toContain('<w:keepNext/>');
  });

  it('prints every amount column with one number of decimals and percentages with one', async () => {
    const s = sampleSummary();
    // Amounts of whole 万元 beside amounts with decimals, as the demo has them (5,394 beside 5,940.6).
    s.byDepartment[0] = { ...s.byDepartment[0], period: '52300', yearCumulative: '468210' };
    s.byDepartment[1] = { ...s.byDepartment[1], period: '40120.65', yearCumulative: '401860.3456' };
    const xml = await documentXml(await renderMonthlyReportDocx(s, { growthTarget: 10 }));
    const found = tables(xml);
    expect(found.length).toBeGreaterThanOrEqual(3);
    for (const rows of found) {
      const header = rows[0];
      header.forEach((h, c) => {
        const values = rows.slice(1).map((r) => r[c]).filter((v) => v !== undefined && v !== '' && v !== '—');
        if (h.includes('（万元）') || h === '总投资') {
          const decimals = new Set(values.map((v) => (v.split('.')[1] ?? '').length));
          expect(decimals.size, `${h}: ${values.join(' ')}`).toBe(1);
          expect([...decimals][0]).toBeLessThanOrEqual(2);
        }
        if (h.includes('（%）')) for (const v of values) expect(v).toMatch(/^-?\d+\.\d$/);
      });
    }
    const department = found.find((rows) => rows[0][1] === '责任部门')!;
    expect(department[1][4]).toBe('468,210.00');
    expect(department[2][4]).toBe('401,860.35');
    expect(department[1][3]).toBe('52,300.00');
  });

  it('labels a report of an open period as preliminary on its first page', async () => {
    const open = paragraphs(await documentXml(await renderMonthlyReportDocx(sampleSummary(), { growthTarget: 10, figureStatus: 'preliminary' })));
    expect(open[0]).toBe('河西县2024年1—10月项目建设运行分析报告（初步）');
    const notice = open.findIndex((p) => p.includes('本报告数据为初步数据，报送期尚未关闭'));
    expect(notice).toBeGreaterThan(0);
    expect(notice).toBeLessThan(open.indexOf('一、总体运行情况'));
    const closed = paragraphs(await documentXml(await renderMonthlyReportDocx(sampleSummary(), { growthTarget: 10, figureStatus: 'final' }))).join('\n');
    expect(closed).not.toContain('初步');
    const quarter = paragraphs(await documentXml(await renderQuarterlyReportDocx(fixtureQuarter(2024, 3), { growthTarget: 10, figureStatus: 'preliminary' })));
    expect(quarter[0]).toBe('河西县2024年第三季度项目建设分析报告（初步）');
    expect(quarter.join('\n')).toContain('本报告数据为初步数据，报送期尚未关闭');
  });

  it('addresses the report to the committee and government of its level unless told otherwise', async () => {
    const city = paragraphs(await documentXml(await renderMonthlyReportDocx({ ...sampleSummary(), divisionName: '金泉市' }, { growthTarget: 10 })));
    expect(city).toContain('市委、市政府：');
    const told = paragraphs(await documentXml(await renderMonthlyReportDocx(sampleSummary(), { growthTarget: 10, addressee: '市发展和改革委员会' })));
    expect(told).toContain('市发展和改革委员会：');
    expect(told).not.toContain('县委、县政府：');
  });

  it('sorts reported problems into the kinds a 发改局 reports', () => {
    expect(issueKindOf('配套资金未落实').key).toBe('funds');
    expect(issueKindOf('电力接入方案待批复').key).toBe('utilities');
    expect(issueKindOf('林地占用手续待省林草局审批').key).toBe('land');
    expect(issueKindOf('征地拆迁补偿工作未完成').key).toBe('land');
    expect(issueKindOf('施工许可办理周期长').key).toBe('approvals');
    expect(issueKindOf('环评批复待市局审查').key).toBe('approvals');
    expect(issueKindOf('受低温天气影响，室外作业暂停').key).toBe('construction');
    expect(issueKindOf('业主单位内部决策变更').key).toBe('other');
  });
});

describe('quarterly analysis report (.docx)', () => {
  it("states the quarter's own figures: the sum of its months, against the previous quarter and the same quarter last year", async () => {
    const q3 = fixtureSpan(2024, 7, 9);
    const q2 = fixtureSpan(2024, 4, 6);
    const lastYearQ3 = fixtureSpan(2023, 7, 9);
    const ytd = fixtureSpan(2024, 1, 9);
    const all = paragraphs(await documentXml(await renderQuarterlyReportDocx(fixtureQuarter(2024, 3), { growthTarget: 10 }))).join('\n');
    expect(all).toContain('河西县2024年第三季度项目建设分析报告');
    expect(all).toContain('我局对2024年第三季度（7—9月）全县500万元以上项目建设情况');
    expect(all).toContain(
      `第三季度，全县纳入调度的500万元以上项目完成投资${formatAmountCn(q3.toFixed())}，较第二季度（${formatAmountCn(q2.toFixed())}）${changeCn(pctChange(q3, q2))}，较上年同期（${formatAmountCn(lastYearQ3.toFixed())}）${changeCn(pctChange(q3, lastYearQ3))}。`,
    );
    expect(all).toContain(`7月完成${formatAmountCn(fixtureSpan(2024, 7, 7).toFixed())}、8月完成${formatAmountCn(fixtureSpan(2024, 8, 8).toFixed())}、9月完成${formatAmountCn(fixtureSpan(2024, 9, 9).toFixed())}`);
    expect(all).toContain(`截至9月底，全县1—9月累计完成固定资产投资${formatAmountCn(ytd.toFixed())}，同比增长${pctChange(ytd, fixtureSpan(2023, 1, 9)).toFixed(1)}%`);
    // Table 1: the months, the quarter and the year to date, to the 万元.
    const months = tables(await documentXml(await renderQuarterlyReportDocx(fixtureQuarter(2024, 3), { growthTarget: 10 })))[0];
    expect(months.map((r) => r[0])).toEqual(['时段', '7月', '8月', '9月', '第三季度合计', '1—9月累计']);
    const wan = (d: Decimal) => d.toFixed(1).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    expect(months[4][1]).toBe(wan(q3));
    expect(months[4][2]).toBe(wan(lastYearQ3));
    // The quarter's starts and completions: three a month, a completion in July and September only.
    expect(all).toContain('第三季度，全县新开工500万元以上项目9个（7月3个、8月3个、9月3个）');
    expect(all).toContain('竣工项目2个（7月1个、8月0个、9月1个）');
    expect(all).toContain('8月无竣工项目');
    // Lagging projects and problems at the quarter's end.
    expect(all).toContain('截至9月底，全县共有12个项目推进滞后（详见附件1）');
    expect(all).toContain('一是全力冲刺四季度。');
  });

  it("compares the first quarter with last year's fourth, with January and February reported together", async () => {
    const q1 = fixtureSpan(2024, 1, 3);
    const lastQ4 = fixtureSpan(2023, 10, 12);
    const lastYearQ1 = fixtureSpan(2023, 1, 3);
    const figures = fixtureQuarter(2024, 1);
    expect(figures.months.map((m) => m.label)).toEqual(['1—2月', '3月']);
    expect(figures.total.quarter).toBe(q1.toFixed());
    expect(figures.total.previousQuarter).toBe(lastQ4.toFixed());
    expect(figures.total.sameQuarterLastYear).toBe(lastYearQ1.toFixed());
    const all = paragraphs(await documentXml(await renderQuarterlyReportDocx(figures, { growthTarget: 10 }))).join('\n');
    expect(all).toContain(`完成投资${formatAmountCn(q1.toFixed())}，较上年第四季度（${formatAmountCn(lastQ4.toFixed())}）${changeCn(pctChange(q1, lastQ4))}`);
    // By sector: the industry lines (0 and 1) over the quarter.
    let industry = new Decimal(0);
    for (const line of [0, 1]) for (let m = 1; m <= 3; m++) industry = industry.plus(fixtureMonthAmount(line, 2024, m));
    expect(figures.bySector.find((r) => r.key === 'industry')!.quarter).toBe(industry.toFixed());
  });

  it("is not the month report retitled: most of its text is the quarter's own", async () => {
    // The report proper cut into sentences; how much of the quarterly's text the September report also has.
    const sentences = async (buffer: Promise<Buffer>) =>
      paragraphs(splitAnnexes(await documentXml(await buffer)).text)
        .join('')
        .split(/[。；：]/)
        .map((x) => x.trim())
        .filter((x) => x.length > 0);
    const quarterly = await sentences(renderQuarterlyReportDocx(fixtureQuarter(2024, 3), { growthTarget: 10 }));
    const monthly = new Set(await sentences(renderMonthlyReportDocx(fixtureSummary('2024-09'), { growthTarget: 10 })));
    const length = (list: string[]) => list.reduce((a, x) => a + x.length, 0);
    const shared = quarterly.filter((x) => monthly.has(x));
    // What both may share: the names of the largest lagging projects at the quarter's end (the same list on the same day).
    expect(length(shared) / length(quarterly)).toBeLessThan(0.2);
    expect(quarterly.join('。')).toContain('截至9月底，全县共有12个项目推进滞后（详见附件1），较6月底增加3个，');
  });
});

describe('summary tables (.xlsx)', () => {
  it("heads the tables with the division's own thresholds", async () => {
    const s: MonthlySummary = { ...sampleSummary(), thresholds: { countedMinWan: 1000, majorMinWan: 10_000, largeMinWan: 100_000 } };
    const workbook = await readXlsx(await renderSummaryXlsx(s));
    expect(rowOf(workbook.getWorksheet('总表')!, '一、项目调度数（1000万元以上项目）')).toBeDefined();
    expect(workbook.getWorksheet('分投资规模')!.getCell('B6').value).toBe('1000万—1亿元');
  });

  it('writes every sheet with title, unit, header and totals', async () => {
    const s = sampleSummary();
    const buffer = await renderSummaryXlsx(s);
    const workbook = await readXlsx(buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['总表', '分领域', '分部门', '分乡镇', '分项目库', '分投资规模', '新开工竣工', '滞后项目', '问题与措施']);

    const total = workbook.getWorksheet('总表')!;
    expect(total.getCell('A1').value).toBe('河西县2024年1—10月项目建设情况汇总表');
    expect(total.getCell('A1').isMerged).toBe(true);
    expect(total.getCell('A2').value).toBe('单位：万元');
    expect(total.getCell('A3').value).toBe('序号');
    expect(total.getCell('A3').font.bold).toBe(true);
    expect(total.getCell('A3').font.name).toBe('宋体');
    expect(total.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(num(rowOf(total, '纳入统计项目个数').getCell(3))).toBe(729);
    expect(num(rowOf(total, '1—10月累计完成投资').getCell(3))).toBe(2629000);
    expect(num(rowOf(total, '10月完成投资').getCell(3))).toBe(286400.5);
    expect(num(rowOf(total, '上年同期累计完成投资').getCell(3))).toBe(2425300);
    expect(num(rowOf(total, '应报').getCell(3))).toBe(812);
    expect(num(rowOf(total, '缺报').getCell(3))).toBe(14);
    expect(num(rowOf(total, '迟报').getCell(3))).toBe(9);
    expect(num(rowOf(total, '1—10月全社会固定资产投资').getCell(3))).toBe(2653000);

    // 分领域 by hand from the fixture: 168+142+181+131+107 projects, and the amounts.
    const sector = workbook.getWorksheet('分领域')!;
    expect(sector.getCell('A1').value).toBe('河西县2024年1—10月分产业领域项目投资完成情况表');
    expect(sector.getRow(3).values).toEqual([undefined, '序号', '产业领域', '项目个数', '10月完成', '本年累计', '上年同期累计', '同比增长（%）']);
    expect(sector.getCell('B4').value).toBe('工业');
    expect(sector.getCell('E4').value).toBe(812450.6);
    expect(sector.getCell('E4').numFmt).toBe('#,##0.0');
    expect(sector.getCell('G8').value).toBe(-5.6);
    const sum = rowOf(sector, '合计');
    expect(num(sum.getCell(3))).toBe(168 + 142 + 181 + 131 + 107);
    expect(num(sum.getCell(4))).toBeCloseTo(90210.3 + 75320.8 + 52100.4 + 41200.6 + 27568.4, 4);
    expect(num(sum.getCell(5))).toBeCloseTo(812450.6 + 705380.2 + 498760.5 + 372108.7 + 240300, 4);
    expect(num(sum.getCell(5))).toBe(2629000);
    expect(num(sum.getCell(6))).toBe(2425300);
    expect(sum.getCell(7).value).toBe(8.4);
    expect(sum.getCell(5).value).toMatchObject({ formula: 'SUM(E4:E8)' });

    // Every breakdown's 合计 equals the sum of its rows.
    for (const [name, rows] of [
      ['分部门', s.byDepartment],
      ['分乡镇', s.byTownship],
      ['分投资规模', s.byBand],
    ] as const) {
      const sheet = workbook.getWorksheet(name)!;
      const totalRow = rowOf(sheet, '合计');
      expect(num(totalRow.getCell(3))).toBe(rows.reduce((a, r) => a + r.projects, 0));
      expect(num(totalRow.getCell(5))).toBeCloseTo(rows.reduce((a, r) => a + Number(r.yearCumulative), 0), 4);
      let projects = 0;
      for (let r = 4; r < totalRow.number; r++) projects += num(sheet.getRow(r).getCell(3));
      expect(num(totalRow.getCell(3))).toBe(projects);
    }
    expect(workbook.getWorksheet('分投资规模')!.getCell('B4').value).toBe('10亿元以上');
    expect(rowOf(total, '一、项目调度数（500万元以上项目）')).toBeDefined();
    // Libraries overlap: no 合计, a note instead.
    const libraries = workbook.getWorksheet('分项目库')!;
    expect(() => rowOf(libraries, '合计')).toThrow();
    expect(libraries.getCell('B7').value).toBe('专项债券项目库');
    expect(libraries.getCell('F7').value).toBe('—');
    expect(libraries.getCell('G7').value).toBe('—');
    expect(libraries.getCell('A8').value).toBe('注：同一项目可同时列入多个项目库，各库数据不作相加。');

    const starts = workbook.getWorksheet('新开工竣工')!;
    expect(starts.getCell('A1').value).toBe('河西县2024年10月新开工和竣工项目表');
    expect(starts.rowCount).toBeGreaterThanOrEqual(3 + 9 + 6);
    expect(starts.getCell('B4').value).toBe('新开工');
    expect(starts.getCell('G4').value).toBeInstanceOf(Date);
    const lag = workbook.getWorksheet('滞后项目')!;
    expect(lag.getCell('F4').value).toBe('投资进度滞后');
    expect(lag.getCell('G4').value).toBe('本年累计完成8600万元，仅为年度计划40000万元的21.5%');
    const issues = workbook.getWorksheet('问题与措施')!;
    expect(issues.getCell('D4').value).toBe('受光伏组件市场价格持续下行影响，企业融资困难，二期厂房建设资金缺口约1.2亿元。');
    expect(issues.getCell('E7').value).toBe('（未提出）');
  });

  it('titles every sheet of an open period 初步', async () => {
    const workbook = await readXlsx(await renderSummaryXlsx({ ...sampleSummary(), figureStatus: 'preliminary' }));
    expect(workbook.getWorksheet('总表')!.getCell('A1').value).toBe('河西县2024年1—10月项目建设情况汇总表（初步）');
    for (const sheet of workbook.worksheets) expect(String(sheet.getCell('A1').value)).toMatch(/（初步）$/);
    const closed = await readXlsx(await renderSummaryXlsx(sampleSummary()));
    for (const sheet of closed.worksheets) expect(String(sheet.getCell('A1').value)).not.toContain('初步');
  });

  it('writes an empty month without failing', async () => {
    const workbook = await readXlsx(await renderSummaryXlsx(emptySummary()));
    expect(workbook.worksheets).toHaveLength(9);
    expect(workbook.getWorksheet('分领域')!.getCell('A4').value).toBe('本期无数据');
    expect(workbook.getWorksheet('滞后项目')!.getCell('A4').value).toBe('本期无进度滞后项目');
    expect(num(rowOf(workbook.getWorksheet('总表')!, '纳入统计项目个数').getCell(3))).toBe(0);
  });
});
