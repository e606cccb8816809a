/**
 * A believable 发改局 monthly summary of 河西县 for 1—10月 2024 (figures of the county's own
 * report: 729 projects ≥ 500万元, 262.9亿元 year to date, +8.4%), and an empty one. Used by the
 * document tests and for looking at the rendered pages.
 */
import Decimal from 'decimal.js';
import type { LaggingProject, MonthlySummary, ReportedIssue, SummaryBreakdownRow, SummaryProjectRef } from '../../../../common/summary';

function growth(current: string, lastYear: string | null): string | null {
  if (lastYear === null || new Decimal(lastYear).isZero()) return null;
  return new Decimal(current).minus(lastYear).div(lastYear).times(100).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1);
}

type RowSpec = [key: string, label: string, projects: number, period: string, yearCumulative: string, lastYearCumulative: string | null];

function rows(specs: RowSpec[]): SummaryBreakdownRow[] {
  return specs.map(([key, label, projects, period, yearCumulative, lastYearCumulative]) => ({
    key,
    label,
    projects,
    period,
    yearCumulative,
    lastYearCumulative,
    growthPct: growth(yearCumulative, lastYearCumulative),
  }));
}

/**
 * Fills the last row with what is left of the totals, so that every breakdown adds up
 * exactly to the county's figures (as the service's partitions do).
 */
function balanced(specs: RowSpec[], last: [key: string, label: string], totals: { projects: number; period: string; ytd: string; ly: string }): SummaryBreakdownRow[] {
  const sum = (pick: (s: RowSpec) => string | null) => specs.reduce((a, s) => a.plus(pick(s) ?? 0), new Decimal(0));
  const rest: RowSpec = [
    last[0],
    last[1],
    totals.projects - specs.reduce((a, s) => a + s[2], 0),
    new Decimal(totals.period).minus(sum((s) => s[3])).toFixed(),
    new Decimal(totals.ytd).minus(sum((s) => s[4])).toFixed(),
    new Decimal(totals.ly).minus(sum((s) => s[5])).toFixed(),
  ];
  return rows([...specs, rest]).sort((a, b) => new Decimal(b.yearCumulative).comparedTo(a.yearCumulative));
}

const TOTALS = { projects: 729, period: '286400.5', ytd: '2629000', ly: '2425300' };

function ref(id: string, name: string, departmentName: string | null, townshipName: string | null, totalInvestment: string, date: string | null): SummaryProjectRef {
  return { id, name, departmentName, townshipName, totalInvestment, date };
}

export function sampleSummary(): MonthlySummary {
  const bySector = rows([
    ['industry', '工业', 168, '90210.3', '812450.6', '701230.4'],
    ['infrastructure', '基础设施', 142, '75320.8', '705380.2', '668900'],
    ['services', '三产服务业', 181, '52100.4', '498760.5', '470120.3'],
    ['social', '社会民生', 131, '41200.6', '372108.7', '330450.1'],
    ['agriculture', '农业', 107, '27568.4', '240300', '254599.2'],
  ]);
  const byDepartment = balanced(
    [
      ['d-gx', '县工业和信息化局', 96, '52300.2', '468210.5', '401250.8'],
      ['d-jk', '河西经济技术开发区管委会', 58, '40120.6', '401860.3', '352100.6'],
      ['d-zj', '县住房和城乡建设局', 87, '36250.4', '332450.8', '318760.2'],
      ['d-jt', '县交通运输局', 41, '31800', '286300.5', '262410'],
      ['d-sw', '县水务局', 52, '18960.7', '172600', '149850.3'],
      ['d-ny', '县农业农村局', 88, '20100.5', '176520.4', '190230.6'],
      ['d-wl', '县文化旅游局', 63, '17850.3', '152300.6', '140880.1'],
      ['d-sw2', '县商务局', 54, '15620.8', '138760', '131205.4'],
      ['d-jy', '县教育局', 37, '12300.6', '109850.2', '98620.5'],
      ['d-wj', '县卫生健康局', 24, '8650.1', '76540.8', '70310'],
      ['d-zr', '县自然资源局', 19, '7420.3', '61230.7', '66480.2'],
    ],
    ['d-qt', '其他部门'],
    TOTALS,
  );
  const byTownship = balanced(
    [
      ['t-cg', '城关镇', 162, '68420.5', '612350.8', '571200.3'],
      ['t-kfq', '经开区片区', 71, '48630.2', '468920.6', '410350'],
      ['t-hd', '河东镇', 84, '32100.6', '298760.4', '270150.8'],
      ['t-xb', '西坝镇', 69, '26350.8', '241300.2', '236800.5'],
      ['t-xh', '新华镇', 58, '21460.1', '196540.8', '178320.6'],
      ['t-ly', '柳园镇', 52, '18230.4', '165870.3', '160450.2'],
      ['t-ss', '沙河镇', 47, '16120.7', '142380.5', '149600.1'],
      ['t-nh', '南湖乡', 49, '15860.3', '138450.6', '125300.8'],
      ['t-sdg', '三道沟乡', 43, '13920.5', '120360.2', '109870.4'],
      ['t-hs', '红山乡', 38, '11240.8', '98120.4', '92430.6'],
    ],
    ['t-ks', '跨乡镇项目'],
    TOTALS,
  );
  const byLibrary = rows([
    ['l-3341', '“3341”项目库', 412, '201350.6', '1862450.3', '1701230.5'],
    ['l-zy', '中央预算内投资计划项目库', 86, '38620.4', '356820.7', '318450.2'],
    ['l-zs', '招商引资项目库', 154, '72310.8', '684320.5', '598760.4'],
    ['l-zxz', '专项债券项目库', 47, '26480.3', '241630.2', null],
  ]);
  const byBand = rows([
    ['gte10yi', '10亿元以上（大项目）', 28, '102350.6', '986420.5', '902360.8'],
    ['gte1yi', '1亿元以上（重大项目）', 176, '121860.2', '1104230.8', '1012480.6'],
    ['gte500w', '500万元以上', 525, '62189.7', '538348.7', '510458.6'],
  ]);

  const concentrated = [
    ref('p-101', '河西县智慧农业博览中心', '县农业农村局', '城关镇', '38000', '2024-10-15'),
    ref('p-102', '年产4万吨甜玉米精深加工', '县农业农村局', '西坝镇', '12500', '2024-10-15'),
    ref('p-103', '金杯线缆二期扩建', '县工业和信息化局', '经开区片区', '56000', '2024-10-15'),
    ref('p-104', '城区西一桥及连接线', '县交通运输局', '城关镇', '21800', '2024-10-15'),
    ref('p-105', '北苑学校教学综合楼', '县教育局', '城关镇', '8600', '2024-10-15'),
  ];
  const startedThisPeriod = [
    ...concentrated,
    ref('p-106', '电子商务产业园二期', '县商务局', '河东镇', '15600', '2024-10-08'),
    ref('p-107', '南湖乡农村饮水安全巩固提升', '县水务局', '南湖乡', '3200', '2024-10-22'),
    ref('p-108', '县人民医院医技综合楼', '县卫生健康局', '城关镇', '26500', '2024-10-26'),
    ref('p-109', '300兆瓦光伏电站', '河西经济技术开发区管委会', '经开区片区', '128000', '2024-10-29'),
  ];
  const completedThisPeriod = [
    ref('p-201', '南石建材新型墙体材料生产线', '县工业和信息化局', '经开区片区', '32000', '2024-10-12'),
    ref('p-202', '丝路公园景观提升', '县住房和城乡建设局', '城关镇', '9800', '2024-10-18'),
    ref('p-203', '河东镇高效节水灌溉示范', '县水务局', '河东镇', '4600', '2024-10-20'),
    ref('p-204', '鸿升农产品批发市场', '县商务局', '新华镇', '18500', '2024-10-25'),
    ref('p-205', '柳园镇中心卫生院改扩建', '县卫生健康局', '柳园镇', '2800', '2024-10-28'),
    ref('p-206', 'S215线西坝至红山段改建', '县交通运输局', '西坝镇', '46000', '2024-10-30'),
  ];
  const lagging: LaggingProject[] = [
    { ...ref('p-301', '永鑫新能源太阳能电池组件生产', '县工业和信息化局', '经开区片区', '120000', null), reason: 'behind_plan', detail: '本年累计完成 8600 万元，仅为年度计划 40000 万元的 21.5%' },
    { ...ref('p-302', '雨露温泉水世界', '县文化旅游局', '河东镇', '65000', null), reason: 'behind_plan', detail: '本年累计完成 4200 万元，仅为年度计划 15000 万元的 28.0%' },
    { ...ref('p-303', '城区地下综合管廊一期', '县住房和城乡建设局', '城关镇', '86000', null), reason: 'behind_plan', detail: '本年累计完成 9800 万元，仅为年度计划 25000 万元的 39.2%' },
    { ...ref('p-304', '古韵文化园', '县文化旅游局', '城关镇', '24000', null), reason: 'idle', detail: '连续 3 个月未完成投资' },
    { ...ref('p-305', '物流港智能微电网', '河西经济技术开发区管委会', '经开区片区', '18000', null), reason: 'idle', detail: '连续 3 个月未完成投资' },
    { ...ref('p-306', '大漠风情园', '县文化旅游局', '红山乡', '45000', '2024-08-01'), reason: 'start_overdue', detail: '计划 2024-08-01 开工，至今未开工' },
    { ...ref('p-307', '湿地公园保护与修复', '县自然资源局', '南湖乡', '16000', '2024-09-15'), reason: 'start_overdue', detail: '计划 2024-09-15 开工，至今未开工' },
  ];
  const issues: ReportedIssue[] = [
    {
      projectId: 'p-301',
      projectName: '永鑫新能源太阳能电池组件生产',
      departmentName: '县工业和信息化局',
      problems: '受光伏组件市场价格持续下行影响，企业融资困难，二期厂房建设资金缺口约1.2亿元',
      measures: '由县工信局牵头组织银企对接会，协调县内金融机构给予流动资金贷款支持',
    },
    {
      projectId: 'p-302',
      projectName: '雨露温泉水世界',
      departmentName: '县文化旅游局',
      problems: '项目用地规划调整尚未获批，取水许可手续仍在办理中',
      measures: '县自然资源局、县水务局开辟绿色通道，力争11月底前完成手续办理',
    },
    {
      projectId: 'p-303',
      projectName: '城区地下综合管廊一期',
      departmentName: '县住房和城乡建设局',
      problems: '沿线管线迁改涉及供电、通信等多家单位，协调难度大，影响施工进度',
      measures: '提请县政府召开专题协调会，明确各产权单位迁改时限',
    },
    {
      projectId: 'p-306',
      projectName: '大漠风情园',
      departmentName: '县文化旅游局',
      problems: '环境影响评价报告未通过专家评审，需补充完善后重新报审',
      measures: null,
    },
    {
      projectId: 'p-205',
      projectName: '柳园镇中心卫生院改扩建',
      departmentName: '县卫生健康局',
      problems: '医疗设备采购资金尚未落实到位',
      measures: '积极争取省级卫生健康专项资金，不足部分由县级财政统筹解决',
    },
  ];

  return {
    divisionCode: '620702',
    divisionName: '河西县',
    period: '2024-10',
    periodLabel: '10月',
    cumulativeLabel: '1—10月',
    year: 2024,
    generatedAt: '2024-11-08T02:30:00.000Z',
    thresholds: { countedMinWan: 500, majorMinWan: 10_000, largeMinWan: 100_000 },
    totals: { period: TOTALS.period, yearCumulative: TOTALS.ytd, lastYearCumulative: TOTALS.ly, growthPct: growth(TOTALS.ytd, TOTALS.ly), projects: TOTALS.projects },
    bySector,
    byDepartment,
    byTownship,
    byLibrary,
    byBand,
    startedThisPeriod,
    completedThisPeriod,
    concentratedStarts: [{ date: '2024-10-15', count: concentrated.length, projects: concentrated }],
    lagging,
    issues,
    reporting: { expected: 812, submitted: 798, approved: 785, missing: 14, late: 9 },
    official: { yearCumulative: '2653000', growthPct: '8.9' },
    asOf: '2024-10-31',
    figureStatus: 'final',
    figureNote: '正式 · 报送期已关闭',
    laggingCounts: {
      total: lagging.length,
      behind_plan: lagging.filter((l) => l.reason === 'behind_plan').length,
      idle: lagging.filter((l) => l.reason === 'idle').length,
      start_overdue: lagging.filter((l) => l.reason === 'start_overdue').length,
    },
    laggingDefinition: '总投资 500 万元及以上的项目，按以下顺序计一种原因：……',
    byCounty: [],
    growthTarget: { targetPct: '10', completionPct: null },
    recomputeReason: null,
  };
}

/** A summary of a month with nothing reported: every section must still read sensibly. */
export function emptySummary(): MonthlySummary {
  return {
    divisionCode: '620702',
    divisionName: '河西县',
    period: '2024-01',
    periodLabel: '1—2月',
    cumulativeLabel: '1—2月',
    year: 2024,
    generatedAt: '2024-03-08T01:00:00.000Z',
    thresholds: { countedMinWan: 500, majorMinWan: 10_000, largeMinWan: 100_000 },
    totals: { period: '0', yearCumulative: '0', lastYearCumulative: null, growthPct: null, projects: 0 },
    bySector: [],
    byDepartment: [],
    byTownship: [],
    byLibrary: [],
    byBand: [],
    startedThisPeriod: [],
    completedThisPeriod: [],
    concentratedStarts: [],
    lagging: [],
    issues: [],
    reporting: { expected: 0, submitted: 0, approved: 0, missing: 0, late: 0 },
    official: null,
    asOf: '2024-02-29',
    figureStatus: 'final',
    figureNote: '正式 · 报送期已关闭',
    laggingCounts: { total: 0, behind_plan: 0, idle: 0, start_overdue: 0 },
    laggingDefinition: '总投资 500 万元及以上的项目，按以下顺序计一种原因：……',
    byCounty: [],
    growthTarget: { targetPct: '10', completionPct: null },
    recomputeReason: null,
  };
}

const countsOf = (lagging: LaggingProject[]) => ({
  total: lagging.length,
  behind_plan: lagging.filter((l) => l.reason === 'behind_plan').length,
  idle: lagging.filter((l) => l.reason === 'idle').length,
  start_overdue: lagging.filter((l) => l.reason === 'start_overdue').length,
});

// ---------------------------------------------------------------- a county the size of the demo

const PROBLEMS: Array<[string, string]> = [
  ['电力接入方案待批复', '协调供电公司加快接入方案审查'],
  ['受低温天气影响，室外作业暂停', '合理安排室内作业，做好复工准备'],
  ['项目资本金未足额到位，建设资金紧张', '协调金融机构加大信贷支持，督促项目单位加快自筹资金到位'],
  ['配套资金未落实', '积极争取上级补助资金和专项债券支持'],
  ['水电路等配套设施不完善', '协调相关部门加快配套设施建设'],
  ['施工队伍人员不足，进度滞后', '督促施工单位增加人员和机械投入，倒排工期'],
  ['用地指标尚未落实，影响项目推进', '积极对接自然资源部门，争取用地指标，加快办理用地手续'],
  ['原材料价格上涨，施工成本增加', '优化施工组织，督促施工单位提前备料'],
  ['林地占用手续待省林草局审批', '加强与省林草局沟通衔接，加快审批'],
  ['施工许可办理周期长', '住建部门开通绿色通道，实行并联审批'],
  ['环评批复待市局审查', '安排专人对接市生态环境局，加快审查进度'],
  ['征地拆迁补偿工作未完成', '由乡镇牵头加快征地拆迁补偿，县级包抓领导现场协调'],
];
const DEPARTMENTS = ['河西县工业和信息化局', '河西县住房和城乡建设局', '河西县农业农村局', '河西县商务局', '河西县交通运输局', '河西县水务局', '河西县文化和旅游局', '河西县教育局', '河西县生态环境局', '河西县卫生健康委员会', '河西经济技术开发区管理委员会', '河西县林业和草原局', '河西现代农业示范区管理委员会', '河西县乡村振兴局', '河西县民政局'];
const TOWNSHIPS = ['城关镇', '合黎乡', '沙河镇', '红柳湾镇', '六坝镇', '骆驼城乡', '黑泉乡', '三堡镇', '新坝镇', '南华镇', '板桥镇', '明水乡'];
const KINDS = ['年产50万吨新型建材生产线建设项目', '老旧小区改造项目', '农村公路提升改造工程', '高标准农田建设项目', '10兆瓦光伏发电项目', '教学综合楼建设项目', '河道治理工程', '农产品冷链物流中心建设项目'];

/**
 * A summary with the lists of a county like the demo's 1—11月 (196 lagging projects, 169
 * problems, 30 starts, 15 departments, 12 townships, 12 libraries): the text must stay a
 * report of a few pages and put every one of them in the annexes.
 */
export function largeSummary(): MonthlySummary {
  const s = sampleSummary();
  const name = (i: number) => `河西县${TOWNSHIPS[i % TOWNSHIPS.length]}${KINDS[i % KINDS.length]}（${Math.floor(i / 8) + 1}期）`;
  const dept = (i: number) => DEPARTMENTS[(i * 7) % DEPARTMENTS.length];
  const invest = (i: number) => new Decimal(30000).minus(i * 137.3).toDecimalPlaces(1).toFixed();
  const breakdown = (labels: string[], prefix: string) =>
    balanced(
      labels.slice(0, -1).map((label, i): RowSpec => [`${prefix}-${i}`, label, 40 - i, String(19000 - i * 1100.7), String(190000 - i * 11000.3), String(170000 - i * 9000)]),
      [`${prefix}-last`, labels[labels.length - 1]],
      TOTALS,
    );
  const lagging: LaggingProject[] = Array.from({ length: 196 }, (_, i) => ({
    ...ref(`lag-${i}`, name(i), dept(i), TOWNSHIPS[i % TOWNSHIPS.length], invest(i), null),
    reason: 'behind_plan' as const,
    detail: `本年累计完成 ${1000 + i * 3.5} 万元，仅为年度计划 ${4000 + i * 10} 万元的 ${new Decimal(1000 + i * 3.5).div(4000 + i * 10).times(100).toDecimalPlaces(1).toFixed(1)}%`,
  }));
  const issues: ReportedIssue[] = Array.from({ length: 169 }, (_, i) => ({
    projectId: `iss-${i}`,
    projectName: name(i + 3),
    departmentName: dept(i + 2),
    problems: PROBLEMS[(i * 5) % PROBLEMS.length][0],
    measures: PROBLEMS[(i * 5) % PROBLEMS.length][1],
  }));
  const started = Array.from({ length: 30 }, (_, i) => ref(`st-${i}`, `${name(i)}续建`, dept(i), TOWNSHIPS[i % TOWNSHIPS.length], invest(i * 3), `2024-10-${String(1 + (i % 28)).padStart(2, '0')}`));
  const completed = Array.from({ length: 2 }, (_, i) => ref(`co-${i}`, `${name(i)}配套`, dept(i), TOWNSHIPS[i], invest(i * 5), `2024-10-${String(10 + i).padStart(2, '0')}`));
  return {
    ...s,
    byDepartment: breakdown(DEPARTMENTS, 'd'),
    byTownship: breakdown(TOWNSHIPS, 't'),
    byLibrary: rows(Array.from({ length: 12 }, (_, i): RowSpec => [`l-${i}`, `第${i + 1}类项目库`, 100 - i * 5, '10000', String(500000 - i * 30000), String(450000 - i * 25000)])),
    startedThisPeriod: started,
    completedThisPeriod: completed,
    concentratedStarts: [{ date: '2024-10-01', count: 3, projects: started.filter((p) => p.date === '2024-10-01') }],
    lagging,
    laggingCounts: countsOf(lagging),
    issues,
  };
}

// ---------------------------------------------------------------- a fixture year

/** A line of projects (one sector, department and township) and what it completes each month. */
interface FixtureLine {
  sector: [key: string, label: string];
  department: [key: string, label: string];
  township: [key: string, label: string];
  base: number;
}

const LINES: FixtureLine[] = [
  { sector: ['industry', '工业'], department: ['d-gx', '河西县工业和信息化局'], township: ['t-kfq', '经开区片区'], base: 5200 },
  { sector: ['industry', '工业'], department: ['d-gx', '河西县工业和信息化局'], township: ['t-cg', '城关镇'], base: 3100 },
  { sector: ['infrastructure', '基础设施'], department: ['d-jt', '河西县交通运输局'], township: ['t-hd', '河东镇'], base: 4300 },
  { sector: ['infrastructure', '基础设施'], department: ['d-sw', '河西县水务局'], township: ['t-cg', '城关镇'], base: 2600 },
  { sector: ['services', '三产服务业'], department: ['d-sw2', '河西县商务局'], township: ['t-cg', '城关镇'], base: 2900 },
  { sector: ['social', '社会民生'], department: ['d-jy', '河西县教育局'], township: ['t-xb', '西坝镇'], base: 1800 },
  { sector: ['agriculture', '农业'], department: ['d-ny', '河西县农业农村局'], township: ['t-xb', '西坝镇'], base: 1500 },
];

/**
 * What a line completes in a month (万元, one decimal): a seasonal curve (little in winter,
 * most in summer and autumn) that grows from year to year at a rate of its own.
 */
export function fixtureMonthAmount(line: number, year: number, month: number): string {
  const season = [0.2, 0.3, 0.6, 0.9, 1.1, 1.2, 1.3, 1.35, 1.25, 1.1, 0.8, 0.5][month - 1];
  const trend = 1 + (year - 2023) * (0.04 + line * 0.015);
  return new Decimal(LINES[line].base).times(season).times(trend).plus(line * 3.7).toDecimalPlaces(1).toFixed();
}

/** The periods of a fixture year: 1—2月 reported together (`YYYY-01`), then every month. */
export function fixturePeriods(year: number): string[] {
  return [`${year}-01`, ...Array.from({ length: 10 }, (_, i) => `${year}-${String(i + 3).padStart(2, '0')}`)];
}

/**
 * The monthly summary of a fixture period, computed from the lines as the service computes
 * it from reports: this period's amount, the year to date and last year's year to date, by
 * sector, department and township; starts on the 15th and completions on the 20th of the
 * period's last month (none in August), lagging projects and problems at the period's end.
 */
export function fixtureSummary(period: string): MonthlySummary {
  const year = Number(period.slice(0, 4));
  const first = Number(period.slice(5, 7));
  const last = first === 1 ? 2 : first;
  const sum = (lines: number[], y: number, from: number, to: number) => {
    let total = new Decimal(0);
    for (const l of lines) for (let m = from; m <= to; m++) total = total.plus(fixtureMonthAmount(l, y, m));
    return total.toFixed();
  };
  const all = LINES.map((_, i) => i);
  const group = (pick: (l: FixtureLine) => [string, string]): SummaryBreakdownRow[] => {
    const keys = [...new Map(LINES.map((l) => pick(l))).entries()];
    return keys
      .map(([key, label]) => {
        const lines = all.filter((i) => pick(LINES[i])[0] === key);
        const ytd = sum(lines, year, 1, last);
        const ly = sum(lines, year - 1, 1, last);
        return { key, label, projects: lines.length * 3, period: sum(lines, year, first, last), yearCumulative: ytd, lastYearCumulative: ly, growthPct: growth(ytd, ly) };
      })
      .sort((a, b) => new Decimal(b.yearCumulative).comparedTo(a.yearCumulative));
  };
  const ytd = sum(all, year, 1, last);
  const ly = sum(all, year - 1, 1, last);
  const mm = String(last).padStart(2, '0');
  const label = first === 1 ? '1—2月' : `${last}月`;
  const started = [1, 2, 3].map((i) => ref(`s-${period}-${i}`, `${label}开工的第${i}个项目（${year}）`, '河西县交通运输局', '城关镇', String(5000 * i + last * 100), `${year}-${mm}-15`));
  const completed = last === 8 ? [] : [ref(`c-${period}`, `${label}竣工的项目（${year}）`, '河西县水务局', '河东镇', String(3000 + last * 100), `${year}-${mm}-20`)];
  const lagging: LaggingProject[] = Array.from({ length: 3 + last }, (_, i) => ({
    ...ref(`lag-${i}`, `滞后项目${i + 1}号`, '河西县住房和城乡建设局', '城关镇', String(20000 - i * 500), null),
    reason: 'behind_plan' as const,
    detail: `本年累计完成 ${100 * (i + 1)} 万元，仅为年度计划 ${1000 * (i + 2)} 万元的 ${new Decimal(100 * (i + 1)).div(1000 * (i + 2)).times(100).toDecimalPlaces(1).toFixed(1)}%`,
  }));
  const issues: ReportedIssue[] = PROBLEMS.slice(0, 4).map(([problems, measures], i) => ({ projectId: `lag-${i}`, projectName: `滞后项目${i + 1}号`, departmentName: '河西县住房和城乡建设局', problems, measures }));
  return {
    divisionCode: '620702',
    divisionName: '河西县',
    period,
    periodLabel: label,
    cumulativeLabel: last === 1 ? '1月' : `1—${last}月`,
    year,
    generatedAt: `${last === 12 ? year + 1 : year}-${String((last % 12) + 1).padStart(2, '0')}-08T02:00:00.000Z`,
    thresholds: { countedMinWan: 500, majorMinWan: 10_000, largeMinWan: 100_000 },
    totals: { period: sum(all, year, first, last), yearCumulative: ytd, lastYearCumulative: ly, growthPct: growth(ytd, ly), projects: LINES.length * 3 },
    bySector: group((l) => l.sector),
    byDepartment: group((l) => l.department),
    byTownship: group((l) => l.township),
    byLibrary: [],
    byBand: [],
    startedThisPeriod: started,
    completedThisPeriod: completed,
    concentratedStarts: [{ date: `${year}-${mm}-15`, count: 3, projects: started }],
    lagging,
    issues,
    reporting: { expected: 120, submitted: 110 + last - 2, approved: 105, missing: 12 - last + 2, late: last % 4 },
    official: null,
    asOf: `${year}-${mm}-28`,
    figureStatus: 'final',
    figureNote: '正式 · 报送期已关闭',
    laggingCounts: countsOf(lagging),
    laggingDefinition: '总投资 500 万元及以上的项目，按以下顺序计一种原因：……',
    byCounty: [],
    growthTarget: { targetPct: '10', completionPct: null },
    recomputeReason: null,
  };
}
