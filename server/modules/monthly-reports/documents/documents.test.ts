import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { MonthlySummary } from '../../../../common/summary';
import { emptySummary, sampleSummary } from './fixtures';
import { formatAmountCn, formatDateCn, formatGrowthCn, tidyCn } from './format';
import { renderMonthlyReportDocx } from './monthly-report-docx';
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
    expect(all).toContain('永鑫新能源太阳能电池组件生产（县工业和信息化局）本年累计完成8,600万元，仅为年度计划4亿元的21.5%');
    expect(all).toContain('大漠风情园（县文化旅游局）计划8月1日开工，至今未开工');
    expect(all).toContain('拟采取措施：由县工信局牵头组织银企对接会');
    // Tables with a 合计 row, and the signature with a date in Chinese.
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

  it('titles the quarterly analysis by quarter', async () => {
    const s: MonthlySummary = { ...sampleSummary(), period: '2024-09', periodLabel: '9月', cumulativeLabel: '1—9月' };
    const text = paragraphs(await documentXml(await renderMonthlyReportDocx(s, { kind: 'quarterly', growthTarget: 10 }))).join('\n');
    expect(text).toContain('河西县2024年第三季度项目建设分析报告');
    expect(text).toContain('2024年第三季度（1—9月）');
    const labelled = paragraphs(await documentXml(await renderMonthlyReportDocx(s, { kind: 'quarterly', quarterLabel: '前三季度', growthTarget: 10 }))).join('\n');
    expect(labelled).toContain('河西县2024年前三季度项目建设分析报告');
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

  it('writes an empty month without failing', async () => {
    const workbook = await readXlsx(await renderSummaryXlsx(emptySummary()));
    expect(workbook.worksheets).toHaveLength(9);
    expect(workbook.getWorksheet('分领域')!.getCell('A4').value).toBe('本期无数据');
    expect(workbook.getWorksheet('滞后项目')!.getCell('A4').value).toBe('本期无进度滞后项目');
    expect(num(rowOf(workbook.getWorksheet('总表')!, '纳入统计项目个数').getCell(3))).toBe(0);
  });
});
