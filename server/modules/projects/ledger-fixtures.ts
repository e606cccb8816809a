/**
 * Ledgers built in code for the ledger tests, shaped like the ones county offices send:
 * no binary fixtures are committed.
 */
import ExcelJS from 'exceljs';
import { writeLedger } from './ledger-writer';

type CellInput = ExcelJS.CellValue;

function utc(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}

async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function setRow(sheet: ExcelJS.Worksheet, rowNumber: number, cells: CellInput[]): void {
  const row = sheet.getRow(rowNumber);
  cells.forEach((value, i) => {
    if (value === undefined || value === null || value === '') return;
    const cell = row.getCell(i + 1);
    cell.value = value;
    if (value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
  });
}

/**
 * 「河西县2024年重点项目台账」: title, 「单位：元」 note (the 总投资 header says 万元 and wins),
 * a two-row merged header, three sections and no 产业类别 column, numbering restarting per
 * section, amounts as `12,000`, full-width and `1.2亿`, dates of every kind, one 建设单位
 * merged over three projects, line breaks, rich text, a hyperlink and a formula, an empty
 * row, a matching 合计, a footer, and a second sheet 「说明」 without a ledger header.
 */
export async function buildMessyLedger(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('2024年重点项目');

  sheet.mergeCells('A1:K1');
  sheet.getCell('A1').value = '河西县2024年重点项目台账';
  sheet.getCell('J2').value = '单位：元';

  // Two-row header: A–E and K merged down, 资金来源 and 计划工期 merged across.
  setRow(sheet, 3, ['序号', '项目名称', '建设单位', '建设规模\n及内容', '总投资\n（万元）', '资金来源', '', '', '计划工期', '', '备注']);
  setRow(sheet, 4, ['', '', '', '', '', '中央资金', '省级资金', '企业自筹', '开工时间', '竣工时间', '']);
  for (const col of ['A', 'B', 'C', 'D', 'E', 'K']) sheet.mergeCells(`${col}3:${col}4`);
  sheet.mergeCells('F3:H3');
  sheet.mergeCells('I3:J3');

  sheet.mergeCells('A5:K5');
  sheet.getCell('A5').value = '一、农业项目（2个）';
  setRow(sheet, 6, [1, '河西县高标准农田\n建设项目', '河西县农业农村局', '新建高标准农田2万亩\n配套灌溉渠系15公里', '12,000', 60_000_000, '20,000,000', '', utc(2024, 3, 1), '2025年底', '']);
  setRow(sheet, 7, [
    2,
    '河西县肉牛养殖基地',
    { richText: [{ text: '河西县' }, { font: { bold: true }, text: '牧业发展有限公司' }] },
    '存栏肉牛5000头',
    '３５００',
    '',
    '',
    { formula: '3500*10000', result: 35_000_000 },
    '2024.3',
    '2024年12月',
    '续建',
  ]);

  sheet.mergeCells('A8:K8');
  sheet.getCell('A8').value = '（二）工业项目';
  setRow(sheet, 9, [1, { text: '河西县光伏组件生产线项目', hyperlink: 'https://example.gov.cn/projects/9' }, '河西县经济开发区管委会', '年产光伏组件2GW', '1.2亿', '', '', 100_000_000, 45474, '2025年上半年', '']);
  setRow(sheet, 10, [2, '河西县新材料产业园\n标准化厂房', '', '标准化厂房8万平方米', 8000, '', '', '80,000,000', '2024年3月', utc(2025, 6, 30), '']);
  setRow(sheet, 11, [3, '河西县农产品深加工项目', '', '', '5000万元', '', '', 12_345_600, '2024/5/1', '2025年三季度', '']);
  sheet.mergeCells('C9:C11');

  // Row 12 left empty.
  sheet.mergeCells('A13:K13');
  sheet.getCell('A13').value = '三、社会事业项目（1个）';
  setRow(sheet, 14, [1, '河西县第二人民医院住院楼', '河西县卫生健康局', '住院楼2.4万平方米；床位500张', '20000.5', '150,000,000', '', '', '2024年', '2026年末', '']);

  sheet.mergeCells('A15:D15');
  sheet.getCell('A15').value = '合  计';
  setRow(sheet, 15, ['', '', '', '', { formula: 'SUM(E6:E14)', result: 60_500.5 }, 210_000_000, 20_000_000, 227_345_600]);
  sheet.getCell('A16').value = '填报人：李四    联系电话：0931-1234567';

  const notes = workbook.addWorksheet('说明');
  notes.getCell('A1').value = '填报说明';
  notes.getCell('A2').value = '项目名称';
  notes.getCell('B2').value = '填写全称';
  notes.getCell('A3').value = '总投资';
  notes.getCell('B3').value = '单位万元';
  return toBuffer(workbook);
}

/** Bad amount, bad dates, missing name and unit, and a 合计 that does not add up. */
export async function buildDefectiveLedger(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('项目台账');
  sheet.getCell('A1').value = '河西县储备项目台账';
  setRow(sheet, 2, ['序号', '项目名称', '建设单位', '总投资（万元）', '中央资金', '计划开工时间', '计划竣工时间']);
  setRow(sheet, 3, [1, '项目甲', '单位甲', 5000, '待定', '2024-03-01', '2025-12-31']);
  setRow(sheet, 4, [2, '项目乙', '单位乙', 3000, 1000, '2024年13月', 2025]);
  setRow(sheet, 5, [3, '', '单位丙', 2000, '', '2024.3', '2024-02-30']);
  setRow(sheet, 6, [4, '项目丁', '', 1000, '', '', '']);
  setRow(sheet, 7, ['合计', '', '', 12000, 1000]);
  return toBuffer(workbook);
}

/** Header words other offices use: 项目 / 业主单位 / 计划总投资（亿元） / 建设内容 / 乡镇. */
export async function buildHeaderVariantLedger(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const a = workbook.addWorksheet('乡镇项目');
  setRow(a, 1, ['序', '项目', '业主单位', '计划总投资（亿元）', '建设内容', '乡镇', '拟开工时间', '拟竣工时间', '标签']);
  setRow(a, 2, [1, '城关镇污水处理厂', '城关镇人民政府', 1.5, '日处理污水1万吨', '城关镇', '2024年三季度', '2025.6', '新型城镇化，专项建设债券']);
  setRow(a, 3, [2, '河口村道路硬化', '河口镇人民政府', '0.05', '硬化道路3公里', '河口镇', '2024年4月', '2024年4月', '']);

  const b = workbook.addWorksheet('部门项目');
  setRow(b, 1, ['项目名称', '责任单位(业主)', '总投资(万元)', '其中：银行贷款', '开工时间', '竣工时间']);
  setRow(b, 2, ['县城集中供热改造', '县住建局', '9,800', '5000', '2024-04', '2025-10']);

  const c = workbook.addWorksheet('缺列');
  setRow(c, 1, ['序号', '项目名称', '总投资', '开工时间']);
  setRow(c, 2, [1, '某项目', 100, '2024-01-01']);
  return toBuffer(workbook);
}

/**
 * Other layouts seen in county offices: the 合计 row right under the header, section rows
 * split as 「一 | 农业项目（2个）」 with subtotals, pre-numbered empty rows, a merged note at
 * the bottom, a placeholder 「—」 in a required cell and a formula saved without its result.
 */
export async function buildLayoutVariantLedger(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  setRow(sheet, 1, ['序号', '项目名称', '项目单位', '产业类别', '总投资（万元）', '年度计划投资（万元）']);
  setRow(sheet, 2, ['合计', '', '', '', 700, 70]);
  setRow(sheet, 3, ['一', '农业项目（2个）', '', '', 300, 30]);
  setRow(sheet, 4, [1, '甲项目', '甲单位', '', 100, 10]);
  setRow(sheet, 5, [2, '乙项目', '乙单位', '工业', 200, 20]);
  setRow(sheet, 6, ['（一）', '服务业', '', '', 400, 40]);
  setRow(sheet, 7, [1, '丙项目', '—', '', 400, { formula: 'E7/10', result: undefined } as unknown as ExcelJS.CellValue]);
  setRow(sheet, 8, [2]);
  setRow(sheet, 9, [3]);
  sheet.mergeCells('A10:F10');
  sheet.getCell('A10').value = '注：本表数据截至2024年6月底。';
  return toBuffer(workbook);
}

/** Values of the n-th generated project, the same for writer input and test expectations. */
export function generatedProject(i: number): Record<string, string | null> {
  const sectors = ['农业', '工业', '三产服务业', '社会民生', '基础设施'];
  return {
    name: `河西县第${i + 1}号建设项目`,
    ownerUnit: `河西县第${(i % 37) + 1}建设单位`,
    department: '县发展和改革局',
    sector: sectors[i % sectors.length],
    township: '城关镇',
    scale: `新建厂房${(i % 90) + 10}平方米；配套设施`,
    totalInvestment: String(500 + (i % 1000) * 12.5),
    fundCentral: i % 3 === 0 ? '100.0001' : null,
    fundSelfRaised: String(400 + (i % 1000) * 12.5),
    plannedStart: `2024-${String((i % 12) + 1).padStart(2, '0')}-01`,
    plannedCompletion: '2026-12-31',
    remarks: null,
  };
}

/** A plain ledger of `count` generated projects written by our own writer. */
export async function buildLargeLedger(count: number): Promise<Buffer> {
  const records = Array.from({ length: count }, (_, i) => generatedProject(i));
  return writeLedger(records, {
    title: '河西县项目台账',
    columns: ['seq', 'name', 'ownerUnit', 'department', 'sector', 'township', 'scale', 'totalInvestment', 'fundCentral', 'fundSelfRaised', 'plannedStart', 'plannedCompletion', 'remarks'],
  });
}
