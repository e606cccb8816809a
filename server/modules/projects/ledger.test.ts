import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS } from '../../../common/ledger-columns';
import { buildDefectiveLedger, buildHeaderVariantLedger, buildLayoutVariantLedger, buildLargeLedger, buildMessyLedger, generatedProject } from './ledger-fixtures';
import { parseLedger, sectorFromSection } from './ledger-parser';
import { writeLedger, writeTemplate } from './ledger-writer';

describe('parseLedger — a messy county ledger', () => {
  it('reads every record with exact values', async () => {
    const result = await parseLedger(await buildMessyLedger());
    expect(result.problems).toEqual([]);
    expect(result.sheets).toHaveLength(1);
    const [sheet] = result.sheets;
    expect(sheet.name).toBe('2024年重点项目');
    expect(sheet.headerRows).toEqual([3, 4]);
    expect(sheet.unit).toBe('元');
    expect(sheet.columns.map((c) => `${c.column}:${c.key}`)).toEqual([
      'A:seq',
      'B:name',
      'C:ownerUnit',
      'D:scale',
      'E:totalInvestment',
      'F:fundCentral',
      'G:fundProvincial',
      'H:fundSelfRaised',
      'I:plannedStart',
      'J:plannedCompletion',
      'K:remarks',
    ]);
    expect(sheet.columns.find((c) => c.key === 'fundCentral')?.header).toBe('资金来源/中央资金');

    const base = { fundCentral: null, fundProvincial: null, fundSelfRaised: null, remarks: null };
    expect(result.records.map((r) => ({ row: r.row, section: r.section, values: r.values }))).toEqual([
      {
        row: 6,
        section: '农业项目',
        values: {
          ...base,
          seq: '1',
          name: '河西县高标准农田建设项目',
          ownerUnit: '河西县农业农村局',
          scale: '新建高标准农田2万亩；配套灌溉渠系15公里',
          totalInvestment: '12000',
          fundCentral: '6000',
          fundProvincial: '2000',
          plannedStart: '2024-03-01',
          plannedCompletion: '2025-12-31',
          sector: '农业',
        },
      },
      {
        row: 7,
        section: '农业项目',
        values: {
          ...base,
          seq: '2',
          name: '河西县肉牛养殖基地',
          ownerUnit: '河西县牧业发展有限公司',
          scale: '存栏肉牛5000头',
          totalInvestment: '3500',
          fundSelfRaised: '3500',
          plannedStart: '2024-03-01',
          plannedCompletion: '2024-12-31',
          remarks: '续建',
          sector: '农业',
        },
      },
      {
        row: 9,
        section: '工业项目',
        values: {
          ...base,
          seq: '1',
          name: '河西县光伏组件生产线项目',
          ownerUnit: '河西县经济开发区管委会',
          scale: '年产光伏组件2GW',
          totalInvestment: '12000',
          fundSelfRaised: '10000',
          plannedStart: '2024-07-01',
          plannedCompletion: '2025-06-30',
          sector: '工业',
        },
      },
      {
        row: 10,
        section: '工业项目',
        values: {
          ...base,
          seq: '2',
          name: '河西县新材料产业园标准化厂房',
          ownerUnit: '河西县经济开发区管委会',
          scale: '标准化厂房8万平方米',
          totalInvestment: '8000',
          fundSelfRaised: '8000',
          plannedStart: '2024-03-01',
          plannedCompletion: '2025-06-30',
          sector: '工业',
        },
      },
      {
        row: 11,
        section: '工业项目',
        values: {
          ...base,
          seq: '3',
          name: '河西县农产品深加工项目',
          ownerUnit: '河西县经济开发区管委会',
          scale: null,
          totalInvestment: '5000',
          fundSelfRaised: '1234.56',
          plannedStart: '2024-05-01',
          plannedCompletion: '2025-09-30',
          sector: '工业',
        },
      },
      {
        row: 14,
        section: '社会事业项目',
        values: {
          ...base,
          seq: '1',
          name: '河西县第二人民医院住院楼',
          ownerUnit: '河西县卫生健康局',
          scale: '住院楼2.4万平方米；床位500张',
          totalInvestment: '20000.5',
          fundCentral: '15000',
          plannedStart: '2024-01-01',
          plannedCompletion: '2026-12-31',
          sector: '社会民生',
        },
      },
    ]);
  });

  it('keeps the cell text as found in raw', async () => {
    const result = await parseLedger(await buildMessyLedger());
    const [first, second] = result.records;
    expect(first.raw.name).toBe('河西县高标准农田\n建设项目');
    expect(first.raw.fundCentral).toBe('60000000');
    expect(first.raw.plannedStart).toBe('2024-03-01');
    expect(second.raw.totalInvestment).toBe('３５００');
    expect(second.raw.plannedStart).toBe('2024.3');
  });

  it('checks the 合计 row against the records and does not import it', async () => {
    const result = await parseLedger(await buildMessyLedger());
    expect(result.sheets[0].totalRow).toEqual({
      row: 15,
      declared: { totalInvestment: '60500.5', fundCentral: '21000', fundProvincial: '2000', fundSelfRaised: '22734.56' },
      computed: { totalInvestment: '60500.5', fundCentral: '21000', fundProvincial: '2000', fundSelfRaised: '22734.56' },
      matches: true,
    });
    expect(result.records.some((r) => r.row >= 15)).toBe(false);
  });

  it('treats bare amounts as 万元 unless told otherwise', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('台账');
    sheet.addRow(['项目名称', '建设单位', '总投资', '中央资金']);
    sheet.addRow(['甲', '乙', 100, 50]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    expect((await parseLedger(buffer)).records[0].values).toMatchObject({ totalInvestment: '100', fundCentral: '50' });
    const inYuan = await parseLedger(buffer, { defaultUnit: '元' });
    expect(inYuan.sheets[0].unit).toBe('元');
    expect(inYuan.records[0].values).toMatchObject({ totalInvestment: '0.01', fundCentral: '0.005' });
    expect(inYuan.problems).toEqual([]);
  });
});

describe('parseLedger — problems', () => {
  it('reports every bad cell by row, column letter and a self-contained message', async () => {
    const result = await parseLedger(await buildDefectiveLedger());
    expect(result.problems).toEqual([
      { sheet: '项目台账', row: 3, column: 'E', field: 'fundCentral', message: '第 3 行 E 列（中央资金）：无法识别的金额：待定' },
      { sheet: '项目台账', row: 4, column: 'F', field: 'plannedStart', message: '第 4 行 F 列（计划开工时间）：月份无效：2024年13月' },
      { sheet: '项目台账', row: 5, column: 'G', field: 'plannedCompletion', message: '第 5 行 G 列（计划竣工时间）：日期无效：2024-02-30（2024年2月只有29天）' },
      { sheet: '项目台账', row: 5, column: 'B', field: 'name', message: '第 5 行 B 列（项目名称）：项目名称不能为空' },
      { sheet: '项目台账', row: 6, column: 'C', field: 'ownerUnit', message: '第 6 行 C 列（建设单位）：建设单位不能为空' },
      { sheet: '项目台账', row: 7, column: 'D', field: 'totalInvestment', message: '第 7 行 D 列（总投资）：合计行总投资 12,000 万元与明细之和 11,000 万元不符' },
    ]);
    expect(result.records.map((r) => r.row)).toEqual([3, 4, 5, 6]);
    expect(result.records[1].values.plannedCompletion).toBe('2025-12-31');
    expect(result.sheets[0].totalRow?.matches).toBe(false);
  });

  it('names a missing required column once per sheet', async () => {
    const result = await parseLedger(await buildHeaderVariantLedger());
    expect(result.problems).toEqual([{ sheet: '缺列', row: 1, field: 'ownerUnit', message: '工作表“缺列”缺少必填列：建设单位' }]);
  });

  it('answers a file that is not a workbook with a problem, not an exception', async () => {
    const result = await parseLedger(Buffer.from('not a spreadsheet'));
    expect(result.records).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0].message).toMatch(/无法读取文件/);
  });

  it('says so when no sheet has a ledger header', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('说明').addRow(['本表由各单位填报']);
    const result = await parseLedger(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(result.sheets).toEqual([]);
    expect(result.problems[0].message).toMatch(/未找到项目台账表头/);
  });
});

describe('parseLedger — layout variants', () => {
  it('handles a top 合计, split section rows, empty numbered rows, notes and placeholders', async () => {
    const result = await parseLedger(await buildLayoutVariantLedger());
    expect(result.records.map((r) => [r.row, r.section, r.values.name, r.values.sector, r.values.ownerUnit])).toEqual([
      [4, '农业项目', '甲项目', '农业', '甲单位'],
      [5, '农业项目', '乙项目', '工业', '乙单位'],
      [7, '服务业', '丙项目', '三产服务业', null],
    ]);
    expect(result.sheets[0].totalRow).toEqual({
      row: 2,
      declared: { totalInvestment: '700', annualPlan: '70' },
      computed: { totalInvestment: '700', annualPlan: '30' },
      matches: true,
    });
    expect(result.problems).toEqual([
      { sheet: 'Sheet1', row: 7, column: 'F', field: 'annualPlan', message: '第 7 行 F 列（年度计划投资）：公式没有计算结果，请在 Excel 中打开并保存后再导入' },
      { sheet: 'Sheet1', row: 7, column: 'C', field: 'ownerUnit', message: '第 7 行 C 列（建设单位）：建设单位不能为空' },
    ]);
  });
});

describe('parseLedger — header variants', () => {
  it('matches the header words other offices use, with their units', async () => {
    const result = await parseLedger(await buildHeaderVariantLedger());
    expect(result.sheets.map((s) => s.name)).toEqual(['乡镇项目', '部门项目', '缺列']);
    const byName = Object.fromEntries(result.records.map((r) => [r.values.name, r.values]));
    expect(byName['城关镇污水处理厂']).toEqual({
      seq: '1',
      name: '城关镇污水处理厂',
      ownerUnit: '城关镇人民政府',
      totalInvestment: '15000',
      scale: '日处理污水1万吨',
      township: '城关镇',
      plannedStart: '2024-07-01',
      plannedCompletion: '2025-06-30',
      tags: '新型城镇化、专项建设债券',
    });
    expect(byName['河口村道路硬化']).toMatchObject({ totalInvestment: '500', plannedStart: '2024-04-01', plannedCompletion: '2024-04-30', tags: null });
    expect(byName['县城集中供热改造']).toEqual({
      name: '县城集中供热改造',
      ownerUnit: '县住建局',
      totalInvestment: '9800',
      fundBankLoan: '5000',
      plannedStart: '2024-04-01',
      plannedCompletion: '2025-10-31',
    });
  });

  it('maps section headings to sectors', () => {
    expect(sectorFromSection('农业项目')).toBe('农业');
    expect(sectorFromSection('服务业')).toBe('三产服务业');
    expect(sectorFromSection('三产项目')).toBe('三产服务业');
    expect(sectorFromSection('民生项目')).toBe('社会民生');
    expect(sectorFromSection('社会事业')).toBe('社会民生');
    expect(sectorFromSection('城建项目')).toBe('基础设施');
    expect(sectorFromSection('基础设施项目')).toBe('基础设施');
    expect(sectorFromSection('续建项目')).toBeNull();
  });
});

const ROUND_TRIP: Array<Record<string, string | null>> = [
  {
    code: '2404-620000-04-01-123456',
    reserveNo: null,
    name: '河西县现代农业产业园',
    ownerUnit: '河西县农业投资发展有限公司',
    department: '县农业农村局',
    sector: '农业',
    industry: 'A01',
    township: '城关镇',
    park: '现代农业产业园',
    nature: '新建',
    scale: '日光温室200座；灌溉管网12公里',
    totalInvestment: '12000.1234',
    fundCentral: '2000',
    fundProvincial: '1000.5',
    fundCity: null,
    fundCounty: '500',
    fundSpecialBond: null,
    fundBankLoan: null,
    fundSelfRaised: '8499.6234',
    fundAttracted: null,
    plannedStart: '2024-03-01',
    plannedCompletion: '2025-12-31',
    actualStart: '2024-04-15',
    actualCompletion: null,
    stage: '在建',
    maturity: '具备开工条件',
    annualPlan: '5000',
    leader: '张三',
    tags: '乡村振兴、专项建设债券',
    longitude: '103.8343',
    latitude: '36.0611',
    remarks: '一期已完工',
  },
  {
    code: null,
    reserveNo: 'CB-2024-0007',
    name: '河西县光伏组件生产线',
    ownerUnit: '河西县新能源有限公司',
    department: '县工信局',
    sector: '工业',
    industry: null,
    township: '经开区',
    park: '光电园区',
    nature: '扩建',
    scale: '年产组件2GW',
    totalInvestment: '120000',
    fundCentral: null,
    fundProvincial: null,
    fundCity: null,
    fundCounty: null,
    fundSpecialBond: '30000',
    fundBankLoan: '50000',
    fundSelfRaised: '40000',
    fundAttracted: null,
    plannedStart: '2024-07-01',
    plannedCompletion: '2026-06-30',
    actualStart: null,
    actualCompletion: null,
    stage: '前期',
    maturity: '前期',
    annualPlan: null,
    leader: null,
    tags: null,
    longitude: null,
    latitude: null,
    remarks: null,
  },
  {
    code: null,
    reserveNo: null,
    name: '河西县第二人民医院住院楼',
    ownerUnit: '河西县卫生健康局',
    department: null,
    sector: '社会民生',
    industry: null,
    township: '城关镇',
    park: null,
    nature: '新建',
    scale: null,
    totalInvestment: '0.0001',
    fundCentral: null,
    fundProvincial: null,
    fundCity: null,
    fundCounty: null,
    fundSpecialBond: null,
    fundBankLoan: null,
    fundSelfRaised: null,
    fundAttracted: null,
    plannedStart: null,
    plannedCompletion: null,
    actualStart: null,
    actualCompletion: null,
    stage: null,
    maturity: null,
    annualPlan: null,
    leader: null,
    tags: null,
    longitude: null,
    latitude: null,
    remarks: null,
  },
];

describe('writeLedger', () => {
  it('round-trips through parseLedger with the same values, grouped in sections', async () => {
    const buffer = await writeLedger(ROUND_TRIP, { title: '河西县2024年重点项目台账', sections: true });
    const result = await parseLedger(buffer);
    expect(result.problems).toEqual([]);
    expect(result.sheets[0].headerRows).toEqual([3]);
    expect(result.sheets[0].columns.map((c) => c.key)).toEqual(LEDGER_COLUMNS.map((c) => c.key));
    // Sections in sector order; numbering restarts in each.
    expect(result.records.map((r) => [r.section, r.values.seq, r.values.name])).toEqual([
      ['农业', '1', '河西县现代农业产业园'],
      ['工业', '1', '河西县光伏组件生产线'],
      ['社会民生', '1', '河西县第二人民医院住院楼'],
    ]);
    result.records.forEach((record, i) => {
      const { seq: _seq, ...values } = record.values;
      expect(values).toEqual(ROUND_TRIP[i]);
    });
    expect(result.sheets[0].totalRow).toMatchObject({
      matches: true,
      declared: { totalInvestment: '132000.1235', fundSelfRaised: '48499.6234', fundSpecialBond: '30000' },
    });
  });

  it('writes only the columns asked for, with title, unit note, frozen header and 宋体', async () => {
    const buffer = await writeLedger(ROUND_TRIP, { title: '台账', columns: ['name', 'ownerUnit', 'totalInvestment', 'scale'] });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('项目台账')!;
    expect(sheet.getCell('A1').value).toBe('台账');
    expect(sheet.getCell('A1').isMerged).toBe(true);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('A2').value).toBe('单位：万元');
    expect(sheet.getRow(3).values).toEqual([undefined, '项目名称', '建设单位', '建设规模及内容', '总投资（万元）']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.getCell('B4').font?.name).toBe('宋体');
    expect(sheet.getCell('C4').alignment?.wrapText).toBe(true);
    expect(sheet.getCell('A4').border?.top?.style).toBe('thin');
    expect(sheet.getCell('D4').value).toBe(12000.1234);
    expect(sheet.getCell('A7').value).toBe('合计（3个）');
    expect(sheet.getCell('D7').value).toBe(132000.1235);
  });
});

describe('writeTemplate', () => {
  it('has a header, one example row that parses, and a 填表说明 sheet that the parser ignores', async () => {
    const buffer = await writeTemplate();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['项目台账', '填表说明']);
    const guide = workbook.getWorksheet('填表说明')!;
    const guideRows: string[] = [];
    guide.eachRow((row) => guideRows.push(String(row.getCell(1).value)));
    for (const column of LEDGER_COLUMNS) expect(guideRows).toContain(column.header);
    const nameRow = guide.getRows(1, guide.rowCount)!.find((r) => r.getCell(1).value === '项目名称')!;
    expect(nameRow.getCell(2).value).toBe('必填');

    const result = await parseLedger(buffer);
    expect(result.problems).toEqual([]);
    expect(result.sheets.map((s) => s.name)).toEqual(['项目台账']);
    expect(result.records).toHaveLength(1);
    expect(result.records[0].values).toMatchObject({ name: '河西县现代农业产业园建设项目', totalInvestment: '12000', plannedStart: '2024-03-01', sector: '农业' });
  });
});

describe('a large ledger', () => {
  it('parses 10,000 projects', async () => {
    const count = 10_000;
    const result = await parseLedger(await buildLargeLedger(count));
    expect(result.problems).toEqual([]);
    expect(result.records).toHaveLength(count);
    const { seq: _seq, ...last } = result.records[count - 1].values;
    expect(last).toEqual(generatedProject(count - 1));
    expect(result.sheets[0].totalRow?.matches).toBe(true);
  }, 120_000);
});
