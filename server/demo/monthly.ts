import chineseDays from 'chinese-days';
import type { FundingSource, Sector, Stage } from '../../common/projects';
import { periodOf, periodSpec, periodsOfYear } from '../modules/monthly-reports/periods';
import { TARGET_DEFINITIONS } from '../modules/targets/target-keys';
import type { DemoDataSet, DemoDivision, DemoUnit, DemoUser } from './generate';
import type { DemoProject } from './projects';
import { type Rng, rngFor, stableUuid } from './random';

/**
 * The monthly cycle of a demo county (SPEC §5, §8): two years of 月报 up to the period before
 * `asOf` and the open current period, the 报送期 rows, late and missing reports, the
 * official statistics (统计数) beside the platform's figures, the pre-platform year's
 * dispatch figures (调度数) for the year-over-year comparison, milestone plans of the key
 * projects (挂图作战) and the year's "1116" targets with their allocations.
 *
 * Generated per county from `rngFor(seed, 'monthly', countyCode)`, lazily: the loader builds
 * one county at a time and drops it after inserting, so the province set (≈2.5M reports)
 * never sits in memory at once. `monthlyOfCounty` gives the same rows to tests.
 *
 * Investment follows a construction S-curve over each project's span (winter months slow),
 * and the previous year is calibrated per sector so that this year's year-to-date growth
 * follows the seed report's shape: negative early in the year, positive from 1—6月, about
 * +8% by 1—10月, with 工业 down and 社会民生 up. Amounts are kept in tenths of 万元 (integers),
 * so cumulative figures add up exactly.
 */

export interface DemoReportingPeriod {
  divisionCode: string;
  period: string;
  label: string;
  firstMonth: number;
  lastMonth: number;
  deadline: string;
  summaryDue: string;
  status: 'open' | 'closed';
  closedAt: string | null;
  closedByName: string | null;
}

export interface DemoReportFunding {
  source: FundingSource;
  /** 万元, decimal string. */
  amount: string;
}

export type DemoReportStatus = 'draft' | 'submitted' | 'approved' | 'returned' | 'superseded';

export interface DemoMonthlyReport {
  id: string;
  divisionCode: string;
  projectId: string;
  period: string;
  revision: number;
  status: DemoReportStatus;
  stage: Stage;
  preliminaryProgress: string | null;
  /** 万元, decimal strings. */
  investedThisPeriod: string;
  yearCumulative: string;
  sinceStartCumulative: string;
  progressText: string | null;
  progressPct: number | null;
  problems: string | null;
  measures: string | null;
  explanation: string | null;
  revisionReason: string | null;
  isLate: boolean;
  submittedBy: string | null;
  submittedByName: string | null;
  submittedAt: string | null;
  reviewedBy: string | null;
  reviewedByName: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  funding: DemoReportFunding[];
}

export interface DemoLateness {
  divisionCode: string;
  period: string;
  projectId: string;
  departmentId: string | null;
  kind: 'missing' | 'late';
  flaggedAt: string;
}

export interface DemoInvestmentFigure {
  divisionCode: string;
  period: string;
  kind: 'dispatch' | 'official';
  scope: string;
  /** 万元, decimal string: cumulative for the year up to the period. */
  yearCumulative: string;
  note: string | null;
}

export interface DemoMilestone {
  id: string;
  divisionCode: string;
  projectId: string;
  name: string;
  plannedDate: string;
  actualDate: string | null;
  ownerName: string;
  ownerUserId: string | null;
  sortOrder: number;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DemoTarget {
  id: string;
  divisionCode: string;
  year: number;
  key: string;
  label: string;
  unit: string;
  value: string;
  updatedByName: string | null;
  updatedAt: string;
  allocations: Array<{ unitId: string; value: string }>;
}

export interface DemoCountyMonthly {
  divisionCode: string;
  periods: DemoReportingPeriod[];
  reports: DemoMonthlyReport[];
  lateness: DemoLateness[];
  figures: DemoInvestmentFigure[];
  milestones: DemoMilestone[];
  targets: DemoTarget[];
}

// ---------------------------------------------------------------- dates

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** 08:00–17:00 Beijing time on a day (00:00–09:00 UTC, so the Beijing date is the day itself). */
const stampOf = (day: number, rng: Rng) => new Date(day * DAY_MS + rng.int(0, 9 * 60 - 1) * 60_000).toISOString();
const pad2 = (n: number) => String(n).padStart(2, '0');
/** Months as one index: year × 12 + month − 1. */
const monthIndex = (day: number) => {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};
const monthStartDay = (mi: number) => Math.floor(Date.UTC(Math.floor(mi / 12), mi % 12, 1) / DAY_MS);
const periodOfMonth = (mi: number) => periodOf(Math.floor(mi / 12), (mi % 12) + 1);

const WORKDAYS = new Map<number, boolean>();
function isWorkday(day: number): boolean {
  let w = WORKDAYS.get(day);
  if (w === undefined) WORKDAYS.set(day, (w = chineseDays.isWorkday(isoOf(day))));
  return w;
}
/** A working day in [lo, hi] (the first working day after a random one; hi if none). */
function workdayIn(rng: Rng, lo: number, hi: number): number {
  if (hi <= lo) return hi;
  let d = rng.int(lo, hi);
  while (d < hi && !isWorkday(d)) d++;
  return d;
}

// ---------------------------------------------------------------- money (tenths of 万元)

const wanText = (tenths: number) => (tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1));
const tenthsOf = (wan: string) => Math.round(Number(wan) * 10);

/** Construction season of the 河西走廊: little work in winter. */
const SEASON = [0.22, 0.3, 0.7, 1.0, 1.15, 1.2, 1.12, 1.2, 1.2, 1.1, 0.72, 0.38];
/** Share of the work done by a share of the time: an S-curve, most of it mid-project. */
const sCurve = (x: number) => (x <= 0 ? 0 : x >= 1 ? 1 : x * x * (3 - 2 * x));

/** Year-to-date growth this year (%, by the period's last month) of the demo county: the seed's shape. */
const GROWTH_PATH: Record<number, number> = { 2: -6.8, 3: -5.1, 4: -3.4, 5: -1.3, 6: 1.6, 7: 3.9, 8: 5.8, 9: 7.3, 10: 8.4, 11: 8.6, 12: 8.8 };
/** Last year's growth over the year before (the 调度数 imported for the year before the platform). */
const LAST_YEAR_PATH: Record<number, number> = { 2: 2.1, 3: 2.8, 4: 3.6, 5: 4.2, 6: 4.9, 7: 5.5, 8: 6.0, 9: 6.4, 10: 6.8, 11: 7.0, 12: 7.2 };
/** Sector spread around the total (percentage points). */
const SECTOR_SPREAD: Record<Sector, number> = { industry: -13, social: 12, infrastructure: 3, services: 5, agriculture: -2 };
const LAST_YEAR_SPREAD: Record<Sector, number> = { industry: 6, social: -3, infrastructure: 2, services: -4, agriculture: 1 };

// ---------------------------------------------------------------- texts

const PROGRESS_TEXT: Record<Sector | 'water', readonly (readonly string[])[]> = {
  industry: [
    ['场地平整、临时设施搭建完成', '完成厂区场地平整和施工围挡', '桩基施工'],
    ['厂房基础施工', '设备基础浇筑', '厂房独立基础完成{p}%'],
    ['厂房钢结构吊装', '主体结构完成{p}%', '综合楼主体施工至{n}层'],
    ['屋面及墙面围护施工', '生产设备陆续到货安装', '设备安装完成{p}%'],
    ['设备单机调试', '配套工程及厂区道路施工', '生产线联动调试'],
  ],
  infrastructure: [
    ['施工便道及临时设施完成', '路基清表、土方开挖', '管网沟槽开挖'],
    ['路基填筑完成{p}%', '管网铺设{k}公里', '桥梁桩基施工'],
    ['路面基层施工', '主体工程完成{p}%', '桥梁下部结构完成'],
    ['沥青面层摊铺', '附属设施施工', '管网闭水试验完成'],
    ['交通安全设施施工', '绿化及附属工程收尾', '竣工资料整理'],
  ],
  water: [
    ['施工导流及围堰完成', '渠道清基开挖', '临时设施搭建'],
    ['渠道衬砌完成{p}%', '管道铺设{k}公里', '闸室基础施工'],
    ['主体工程完成{p}%', '泵站主体施工', '堤防填筑完成{p}%'],
    ['金属结构及机电设备安装', '田间配套工程施工', '滴灌系统安装'],
    ['工程试运行', '水土保持及绿化收尾', '竣工资料整理'],
  ],
  social: [
    ['场地平整、基坑开挖', '临时设施搭建完成', '桩基施工'],
    ['基础工程施工', '地下室结构施工', '基础工程完成{p}%'],
    ['主体结构施工至{n}层', '主体结构完成{p}%', '主体结构封顶'],
    ['二次结构砌筑', '机电安装及外墙保温', '装饰装修完成{p}%'],
    ['室外配套工程施工', '设备调试及绿化', '竣工验收准备'],
  ],
  services: [
    ['场地平整完成', '基础开挖', '临时设施搭建'],
    ['基础工程施工', '主体结构完成{p}%', '地下室施工'],
    ['主体结构施工至{n}层', '钢结构安装', '主体结构封顶'],
    ['外立面及幕墙施工', '室内装修完成{p}%', '机电安装'],
    ['景观及配套设施施工', '招商布展', '开业筹备'],
  ],
  agriculture: [
    ['土地平整完成{p}%', '场地清理及放线', '临时设施搭建'],
    ['温室骨架安装', '圈舍基础施工', '高标准农田土地整理完成{p}%'],
    ['日光温室主体完成{n}座', '主体设施完成{p}%', '灌排渠系施工'],
    ['水肥一体化及滴灌安装', '设备安装完成{p}%', '田间道路施工'],
    ['配套设施完善', '试种植（试养殖）', '竣工资料整理'],
  ],
};

const PRELIMINARY_TEXT: Record<'preliminary' | 'ready', readonly string[]> = {
  preliminary: [
    '项目建议书已编制完成，正在组织评审',
    '项目建议书已批复，正在编制可行性研究报告',
    '可研报告已完成专家评审，正在修改完善',
    '可研报告已批复，正在办理用地预审',
    '用地预审与选址意见书已办结，正在办理环评手续',
    '环评报告已完成公示，待审批',
    '环评已批复，正在开展初步设计',
    '初步设计已报审，正在开展施工图设计',
  ],
  ready: [
    '各项前期手续已办结，正在进行施工招标',
    '施工图审查已完成，正在办理施工许可',
    '施工、监理招标已完成，正在签订合同',
    '施工单位已进场，正在搭建临时设施，计划近期开工',
  ],
};

const PROBLEMS: readonly (readonly [string, string])[] = [
  ['用地指标尚未落实，影响项目推进', '积极对接自然资源部门，争取用地指标，加快办理用地手续'],
  ['项目资本金未足额到位，建设资金紧张', '协调金融机构加大信贷支持，督促项目单位加快自筹资金到位'],
  ['环评批复待市局审查', '安排专人对接市生态环境局，加快审查进度'],
  ['征地拆迁补偿工作未完成', '由乡镇牵头加快征地拆迁补偿，县级包抓领导现场协调'],
  ['施工许可办理周期长', '住建部门开通绿色通道，实行并联审批'],
  ['电力接入方案待批复', '协调供电公司加快接入方案审查'],
  ['原材料价格上涨，施工成本增加', '优化施工组织，督促施工单位提前备料'],
  ['受低温天气影响，室外作业暂停', '合理安排室内作业，做好复工准备'],
  ['配套资金未落实', '积极争取上级补助资金和专项债券支持'],
  ['林地占用手续待省林草局审批', '加强与省林草局沟通衔接，加快审批'],
  ['施工队伍人员不足，进度滞后', '督促施工单位增加人员和机械投入，倒排工期'],
  ['水电路等配套设施不完善', '协调相关部门加快配套设施建设'],
];

const REVISION_REASONS = ['本月完成投资额填报有误，据实更正', '形象进度描述不准确，补充更正', '资金到位情况漏报，补充更正', '统计口径调整，按统计部门意见更正'];
const RETURN_COMMENTS = ['本月完成投资与形象进度不匹配，请核实后重新报送', '资金到位情况与项目资金来源不一致，请核实', '形象进度描述过于简单，请补充具体工程量', '请补充存在问题的具体情况及拟采取措施'];
const REVIEW_COMMENTS = [null, null, null, '同意', '审核通过', '数据已核实'];
const BACKWARD_EXPLANATION = '经监理单位复核，上期形象进度填报偏高，本期据实调整';

const MILESTONE_PLANS: Record<Sector, readonly string[]> = {
  industry: ['施工许可办理', '开工建设', '厂房基础完工', '厂房主体完工', '设备采购到货', '设备安装调试', '竣工验收', '投产达效'],
  infrastructure: ['施工许可办理', '开工建设', '路基（管网）工程完工', '主体工程完工', '附属设施完工', '竣工验收'],
  social: ['施工许可办理', '开工建设', '基础工程完工', '主体结构封顶', '装饰装修完成', '竣工验收', '交付使用'],
  services: ['施工许可办理', '开工建设', '主体工程完工', '装修及配套完成', '竣工验收', '开业运营'],
  agriculture: ['开工建设', '土地平整完成', '主体设施建成', '设备安装', '竣工验收', '投入生产'],
};

// ---------------------------------------------------------------- entry points

/** Whether a data set asks for the monthly cycle (it was generated with projects and `monthly` on). */
export function hasMonthly(data: DemoDataSet): boolean {
  return !!data.monthly && !!data.asOf;
}

/** The monthly cycle of one county of a data set (recomputed on each call; the same every time). */
export function monthlyOfCounty(data: DemoDataSet, countyCode: string): DemoCountyMonthly {
  const county = data.divisions.find((d) => d.code === countyCode && d.level === 'county');
  if (!county) throw new Error(`no county ${countyCode} in the demo data set`);
  const isDemo = data.divisions.find((d) => d.level === 'county') === county;
  return buildCountyMonthly({
    seed: data.seed,
    asOf: data.asOf,
    county,
    isDemo,
    projects: data.projects.filter((p) => p.divisionCode === countyCode),
    users: data.users.filter((u) => u.divisionCode === countyCode),
    units: data.units.filter((u) => u.divisionCode === countyCode),
  });
}

export interface CountyInput {
  seed: number;
  asOf: string;
  county: DemoDivision;
  isDemo: boolean;
  projects: DemoProject[];
  users: DemoUser[];
  units: DemoUnit[];
}

/**
 * City and province rows of the investment figures: the sums of their counties' rows, so a
 * roll-up summary finds last year's 调度数 and the 统计数 as a county's does.
 */
export function rollUpFigures(divisions: DemoDivision[], countyFigures: DemoInvestmentFigure[]): DemoInvestmentFigure[] {
  const parentOf = new Map(divisions.map((d) => [d.code, d.parentCode]));
  const sums = new Map<string, { row: DemoInvestmentFigure; tenths: number }>();
  for (const f of countyFigures) {
    for (let code = parentOf.get(f.divisionCode) ?? null; code; code = parentOf.get(code) ?? null) {
      const key = `${code}|${f.period}|${f.kind}|${f.scope}`;
      const entry = sums.get(key) ?? { row: { ...f, divisionCode: code, note: f.kind === 'official' ? '各县统计数合计' : '各县调度数合计' }, tenths: 0 };
      entry.tenths += tenthsOf(f.yearCumulative);
      sums.set(key, entry);
    }
  }
  return [...sums.values()].map(({ row, tenths }) => ({ ...row, yearCumulative: wanText(tenths) }));
}

// ---------------------------------------------------------------- one county

interface Slot {
  period: string;
  stage: Stage;
  /** Tenths of 万元 invested in the period (construction only). */
  amount: number;
  /** Physical progress at the period's end, 0–100 (construction only). */
  pct: number;
  /** Months since the project entered 前期 (for the preliminary texts). */
  monthsIn: number;
  completedHere: boolean;
}

interface Ctx extends CountyInput {
  rng: Rng;
  asOfDay: number;
  year: number;
  current: string;
  periods: string[];
  closed: Set<string>;
  specs: Map<string, ReturnType<typeof periodSpec>>;
  closeDay: Map<string, number>;
  drcUsers: DemoUser[];
  usersByUnit: Map<string, DemoUser[]>;
  departmentUsers: DemoUser[];
  waterId: string | null;
}

/** The monthly cycle of one county from its projects, users and units. */
export function buildCountyMonthly(input: CountyInput): DemoCountyMonthly {
  const rng = rngFor(input.seed, 'monthly', input.county.code);
  const asOfDay = dayOf(input.asOf);
  const year = Number(input.asOf.slice(0, 4));
  const current = periodOf(year, Number(input.asOf.slice(5, 7)));
  const periods = [...periodsOfYear(year - 1), ...periodsOfYear(year)].filter((p) => p <= current);
  const specs = new Map(periods.map((p) => [p, periodSpec(p)]));
  const usersByUnit = new Map<string, DemoUser[]>();
  for (const u of input.users) if (u.unitId) usersByUnit.set(u.unitId, [...(usersByUnit.get(u.unitId) ?? []), u]);
  const ctx: Ctx = {
    ...input,
    rng,
    asOfDay,
    year,
    current,
    periods,
    closed: new Set(periods.filter((p) => p < current)),
    specs,
    closeDay: new Map(),
    drcUsers: input.users.filter((u) => u.role === 'drc'),
    usersByUnit,
    departmentUsers: input.users.filter((u) => u.role === 'department'),
    waterId: input.units.find((u) => u.key === 'dept.water')?.id ?? null,
  };
  const out: DemoCountyMonthly = { divisionCode: input.county.code, periods: [], reports: [], lateness: [], figures: [], milestones: [], targets: [] };
  if (!ctx.drcUsers.length || !ctx.departmentUsers.length) return out;

  addPeriods(ctx, out);
  const slots = new Map<DemoProject, Slot[]>();
  for (const p of input.projects) {
    const s = slotsOf(ctx, p);
    if (s.length) slots.set(p, s);
  }
  calibrate(ctx, slots);
  for (const [p, s] of slots) addReports(ctx, out, p, s);
  addFigures(ctx, out);
  addMilestones(ctx, out);
  addTargets(ctx, out);
  return out;
}

function addPeriods(ctx: Ctx, out: DemoCountyMonthly): void {
  const { rng } = ctx;
  const closer = ctx.drcUsers[0];
  for (const period of ctx.periods) {
    const spec = ctx.specs.get(period)!;
    const closed = ctx.closed.has(period);
    // Closed after the summary was done, on or a little before its due day, never after asOf.
    const closeDay = closed ? Math.max(dayOf(spec.deadline) + 3, Math.min(dayOf(spec.summaryDue) - rng.int(0, 2), ctx.asOfDay - 1)) : ctx.asOfDay;
    ctx.closeDay.set(period, closeDay);
    out.periods.push({
      divisionCode: ctx.county.code,
      period,
      label: spec.label,
      firstMonth: spec.firstMonth,
      lastMonth: spec.lastMonth,
      deadline: spec.deadline,
      summaryDue: spec.summaryDue,
      status: closed ? 'closed' : 'open',
      closedAt: closed ? new Date(closeDay * DAY_MS + rng.int(60, 9 * 60 - 1) * 60_000).toISOString() : null,
      closedByName: closed ? closer.displayName : null,
    });
  }
}

/** The stage of a project on a day, from its stage history (`days`: the day of each transition). */
function stageAt(p: DemoProject, days: number[], day: number): Stage | null {
  let stage: Stage | null = null;
  for (let i = 0; i < days.length && days[i] <= day; i++) stage = p.transitions[i].toStage;
  return stage;
}

/** The periods a project reports in, with its natural (uncalibrated) investment and progress. */
function slotsOf(ctx: Ctx, p: DemoProject): Slot[] {
  const { asOfDay } = ctx;
  const total = tenthsOf(p.totalInvestment);
  const first = ctx.periods[0];
  const firstDay = monthStartDay(Number(first.slice(0, 4)) * 12 + Number(first.slice(5, 7)) - 1);
  const out: Slot[] = [];

  // Construction: from the start to the completion (or suspension), months weighted by the season.
  const monthly = new Map<string, { amount: number; pct: number; completed: boolean }>();
  let constructionFrom: number | null = null;
  let constructionTo: number | null = null;
  if (p.actualStart) {
    const s = dayOf(p.actualStart);
    const suspendedAt = p.stage === 'suspended' && p.stageBeforeSuspension === 'construction' ? dayOf(p.transitions[p.transitions.length - 1].at) : null;
    const completion = p.actualCompletion ? dayOf(p.actualCompletion) : null;
    const planned = p.plannedCompletion ? dayOf(p.plannedCompletion) : s + 540;
    const end = completion ?? Math.max(planned, asOfDay + 60 + (total % 300), s + 180);
    const stop = Math.min(completion ?? Infinity, suspendedAt ?? Infinity, asOfDay);
    constructionFrom = s;
    constructionTo = completion ?? suspendedAt ?? null;
    const m0 = monthIndex(s);
    const m1 = monthIndex(end);
    const weights: number[] = [];
    for (let mi = m0; mi <= m1; mi++) {
      const a = Math.max(s, monthStartDay(mi));
      const b = Math.min(end, monthStartDay(mi + 1) - 1);
      const days = monthStartDay(mi + 1) - monthStartDay(mi);
      weights.push((SEASON[mi % 12] * Math.max(0, b - a + 1)) / days);
    }
    const W = weights.reduce((x, y) => x + y, 0) || 1;
    const share = 0.86 + ((total * 7) % 12) / 100; // 86–97% of the total gets spent by completion
    let cum = 0;
    let before = 0;
    const stopMonth = monthIndex(Math.max(s, stop));
    for (let k = 0, mi = m0; mi <= Math.min(m1, stopMonth); k++, mi++) {
      cum += weights[k];
      const f = sCurve(cum / W);
      const upTo = Math.floor(total * share * f);
      const amount = upTo - before;
      before = upTo;
      if (monthStartDay(mi + 1) <= firstDay) continue; // before the platform
      const period = periodOfMonth(mi);
      const isLast = completion !== null && mi === monthIndex(completion);
      const pct = isLast ? 100 : Math.min(99, Math.max(1, Math.round(100 * sCurve(Math.min(1, (cum / W) * 1.04)))));
      const prev = monthly.get(period);
      monthly.set(period, { amount: (prev?.amount ?? 0) + amount, pct, completed: isLast || !!prev?.completed });
    }
  }

  const prelimDay = p.transitions.find((t) => t.toStage === 'preliminary');
  const prelimStart = prelimDay ? dayOf(prelimDay.at) : null;
  const transitionDays = p.transitions.map((t) => dayOf(t.at));
  for (const period of ctx.periods) {
    const spec = ctx.specs.get(period)!;
    const pStart = dayOf(`${spec.year}-${pad2(spec.firstMonth)}-01`);
    const pEnd = Math.min(monthStartDay(spec.year * 12 + spec.lastMonth) - 1, asOfDay);
    const isCurrent = period === ctx.current;
    if (isCurrent && !['construction', 'preliminary', 'ready'].includes(p.stage)) continue;
    const building = constructionFrom !== null && constructionFrom <= pEnd && (constructionTo === null || constructionTo >= pStart);
    if (building) {
      const m = monthly.get(period);
      out.push({ period, stage: 'construction', amount: m?.amount ?? 0, pct: m?.pct ?? 1, monthsIn: 0, completedHere: !!m?.completed });
      continue;
    }
    const stage = stageAt(p, transitionDays, pEnd);
    if (stage === 'preliminary' || stage === 'ready') {
      const monthsIn = prelimStart !== null ? Math.max(0, Math.floor((pEnd - prelimStart) / 30)) : 0;
      out.push({ period, stage, amount: 0, pct: 0, monthsIn, completedHere: false });
    }
  }
  return out;
}

/**
 * Calibrates the year-over-year comparison, per sector and period, so that this year's
 * year-to-date growth follows GROWTH_PATH (plus the sector's spread and a county offset).
 * The natural curves give this year far more than last (half of this year's works started
 * this year), so last year's amounts are raised first — the extra comes out of the work done
 * before the platform, which no report shows — as far as each project's total allows, and
 * this year's are then trimmed to the path.
 */
function calibrate(ctx: Ctx, slots: Map<DemoProject, Slot[]>): void {
  const { rng, year } = ctx;
  const offset = ctx.isDemo ? 0 : rng.int(-50, 60) / 10;
  const lastClosed = [...ctx.closed].filter((p) => p.startsWith(`${year}-`)).pop();
  const lastYearPeriods = periodsOfYear(year - 1);
  const months = lastYearPeriods.map((p) => p.slice(5)).filter((m) => !!lastClosed && m <= lastClosed.slice(5));
  const growth = (m: string, sector?: Sector) => (GROWTH_PATH[periodSpec(`${year}-${m}`).lastMonth] + offset + (sector ? SECTOR_SPREAD[sector] : 0)) / 100;
  const counted = [...slots].filter(([p]) => Number(p.totalInvestment) >= 500);
  const sums = () => {
    const out = new Map<Sector, { ly: Map<string, number>; ty: Map<string, number> }>();
    for (const [p, list] of counted) {
      const s = out.get(p.sector) ?? { ly: new Map(), ty: new Map() };
      out.set(p.sector, s);
      for (const slot of list) {
        if (!slot.amount) continue;
        const y = Number(slot.period.slice(0, 4));
        const key = slot.period.slice(5);
        if (y === year - 1) s.ly.set(key, (s.ly.get(key) ?? 0) + slot.amount);
        else if (y === year) s.ty.set(key, (s.ty.get(key) ?? 0) + slot.amount);
      }
    }
    return out;
  };
  const cumulative = (m: Map<string, number>, upTo: string) => months.filter((x) => x <= upTo).reduce((a, x) => a + (m.get(x) ?? 0), 0);
  /** Desired cumulative figures of one side, per sector, from the other side and the growth (normalised to the overall path). */
  const desired = (from: 'ly' | 'ty', totals: ReturnType<typeof sums>) => {
    const out = new Map<Sector, Map<string, number>>();
    for (const m of months) {
      let sum = 0;
      let overall = 0;
      for (const [sector, s] of totals) {
        const base = cumulative(s[from], m);
        const v = from === 'ty' ? base / (1 + growth(m, sector)) : base * (1 + growth(m, sector));
        overall += from === 'ty' ? base / (1 + growth(m)) : base * (1 + growth(m));
        sum += v;
        const d = out.get(sector) ?? new Map<string, number>();
        out.set(sector, d);
        d.set(m, v);
      }
      if (sum) for (const d of out.values()) d.set(m, d.get(m)! * (overall / sum));
    }
    return out;
  };
  /** Factor per sector and period: desired period amount ÷ actual period amount; later periods keep the last factor. */
  const factors = (side: 'ly' | 'ty', want: Map<Sector, Map<string, number>>, totals: ReturnType<typeof sums>, lo: number, hi: number) => {
    const out = new Map<string, number>();
    for (const [sector, s] of totals) {
      let prev = 0;
      let last = 1;
      for (const p of periodsOfYear(side === 'ly' ? year - 1 : year)) {
        const m = p.slice(5);
        const d = want.get(sector)?.get(m);
        const actual = s[side].get(m) ?? 0;
        if (d !== undefined) {
          if (actual > 0) last = Math.max(lo, Math.min(hi, (d - prev) / actual));
          prev = d;
        }
        out.set(`${sector}|${m}`, last);
      }
    }
    return out;
  };
  const apply = (y: number, f: Map<string, number>) => {
    for (const [p, list] of slots) {
      for (const slot of list) {
        if (slot.amount && slot.period.startsWith(`${y}-`)) slot.amount = Math.round(slot.amount * (f.get(`${p.sector}|${slot.period.slice(5)}`) ?? 1));
      }
      // Reported figures stay below the total: any excess comes out of last year's months, then the latest.
      const cap = Math.floor(tenthsOf(p.totalInvestment) * 0.97);
      let visible = list.reduce((a, s) => a + s.amount, 0);
      if (visible <= cap) continue;
      const lastYear = list.filter((s) => s.period.startsWith(`${year - 1}-`) && s.amount);
      const lySum = lastYear.reduce((a, s) => a + s.amount, 0);
      const keep = lySum > visible - cap ? (lySum - (visible - cap)) / lySum : 0;
      if (y === year - 1) for (const s of lastYear) s.amount = Math.floor(s.amount * keep);
      visible = list.reduce((a, s) => a + s.amount, 0);
      for (let i = list.length - 1; visible > cap && i >= 0; i--) {
        const cut = Math.min(list[i].amount, visible - cap);
        list[i].amount -= cut;
        visible -= cut;
      }
    }
  };
  if (!months.length) return;
  let totals = sums();
  apply(year - 1, factors('ly', desired('ty', totals), totals, 0.5, 3));
  totals = sums();
  apply(year, factors('ty', desired('ly', totals), totals, 0.25, 1.1));
}

function submitterOf(ctx: Ctx, p: DemoProject): DemoUser {
  const own = p.departmentId ? ctx.usersByUnit.get(p.departmentId)?.filter((u) => u.role === 'department' || u.role === 'drc') : undefined;
  return own?.length ? ctx.rng.pick(own) : ctx.rng.pick(ctx.departmentUsers);
}

function reviewerOf(ctx: Ctx, submitter: DemoUser): DemoUser {
  const others = ctx.drcUsers.filter((u) => u.id !== submitter.id);
  return ctx.rng.pick(others.length ? others : ctx.drcUsers);
}

function fill(template: string, rng: Rng, pct: number): string {
  return template
    .replace('{p}', String(Math.max(10, Math.min(95, Math.round(pct / 5) * 5))))
    .replace('{n}', String(rng.int(2, 12)))
    .replace('{k}', String(rng.int(2, 30)));
}

function progressTextOf(ctx: Ctx, p: DemoProject, slot: Slot): string {
  if (slot.completedHere) return ctx.rng.pick(['项目已竣工，完成竣工验收', '工程全部完工，已通过竣工验收', '项目建成投用，正在办理竣工决算']);
  const sectorKey = p.departmentId && p.departmentId === ctx.waterId ? 'water' : p.sector;
  const bands = PROGRESS_TEXT[sectorKey];
  const bandIndex = Math.min(bands.length - 1, Math.floor((slot.pct / 100) * bands.length));
  const band = bands[bandIndex];
  // The same wording for a project while it stays in a phase, the figure moving on.
  const variant = (p.id.charCodeAt(0) + p.id.charCodeAt(1) + bandIndex) % band.length;
  return fill(band[variant], ctx.rng, (slot.pct % 20) * 5);
}

/** Every revision of a project's reports, period by period, with the figures the platform computes. */
function addReports(ctx: Ctx, out: DemoCountyMonthly, p: DemoProject, slots: Slot[]): void {
  const { rng } = ctx;
  const code = ctx.county.code;
  let carry = 0;
  let carryYear = 0;
  const key = Number(p.totalInvestment) >= 5000 || !!p.leaderUserId;
  let yearSum = 0;
  let allSum = 0;
  let sumYear = 0;
  let lastPct: number | null = null;
  let problemStreak = 0;
  const sources = p.funding.map((f) => f.source);
  for (const slot of slots) {
    const spec = ctx.specs.get(slot.period)!;
    if (spec.year !== sumYear) {
      sumYear = spec.year;
      yearSum = 0;
    }
    const deadline = dayOf(spec.deadline);
    const isCurrent = slot.period === ctx.current;
    const closeDay = ctx.closeDay.get(slot.period)!;
    const amount = slot.amount + (spec.year === carryYear ? carry : 0);
    // Missing: nothing filed (the work done shows up in the next report of the year). Key
    // projects are followed too closely to miss one.
    const missRoll = rng.next();
    if (!isCurrent && missRoll < 0.015 && !key) {
      carry = amount;
      carryYear = spec.year;
      out.lateness.push({ divisionCode: code, period: slot.period, projectId: p.id, departmentId: p.departmentId, kind: 'missing', flaggedAt: flagStamp(deadline) });
      continue;
    }
    let currentStatus: DemoReportStatus | 'none' = 'approved';
    if (isCurrent) {
      currentStatus = rng.weighted<DemoReportStatus | 'none'>([['approved', 34], ['submitted', 24], ['returned', 2], ['draft', 10], ['none', 30]]);
      if (currentStatus === 'none') {
        if (ctx.asOfDay > deadline) out.lateness.push({ divisionCode: code, period: slot.period, projectId: p.id, departmentId: p.departmentId, kind: 'missing', flaggedAt: flagStamp(deadline) });
        continue;
      }
    }
    carry = 0;
    const submitter = submitterOf(ctx, p);
    const reviewer = reviewerOf(ctx, submitter);

    // The content of the final revision.
    let pct: number | null = null;
    let progressText: string | null = null;
    let preliminaryProgress: string | null = null;
    let explanation: string | null = null;
    if (slot.stage === 'construction') {
      pct = slot.pct;
      if (lastPct !== null && pct < lastPct) pct = lastPct;
      if (lastPct !== null && lastPct >= 8 && pct < 100 && rng.chance(0.004)) {
        pct = lastPct - rng.int(2, 5);
        explanation = BACKWARD_EXPLANATION;
      }
      progressText = progressTextOf(ctx, p, { ...slot, pct });
    } else {
      const list = PRELIMINARY_TEXT[slot.stage as 'preliminary' | 'ready'];
      preliminaryProgress = list[Math.min(list.length - 1, Math.floor(slot.monthsIn / 3) + (rng.chance(0.3) ? 1 : 0))];
    }
    let problems: string | null = null;
    let measures: string | null = null;
    if (problemStreak > 0 ? rng.chance(0.45) : rng.chance(slot.stage === 'construction' ? 0.08 : 0.12)) {
      const [a, b] = rng.pick(PROBLEMS);
      problems = a;
      measures = b;
      problemStreak++;
    } else problemStreak = 0;
    const funding: DemoReportFunding[] = [];
    if (amount > 0 && sources.length && rng.chance(0.35)) {
      for (const source of rng.sample(sources, rng.int(1, Math.min(3, sources.length)))) {
        const tenths = Math.round(amount * (0.2 + rng.next() * 0.8));
        if (tenths > 0) funding.push({ source, amount: wanText(tenths) });
      }
    }

    // Timing: mostly before the deadline; a few late; reviews within days, all before the close.
    const windowStart = Math.max(dayOf(`${spec.year}-${pad2(spec.lastMonth)}-01`), deadline - 12);
    const lastDay = isCurrent ? ctx.asOfDay - 1 : closeDay - 1;
    const late = rng.chance(0.05);
    let submitDay = late ? Math.min(lastDay - 1, deadline + rng.int(1, 8)) : workdayIn(rng, Math.min(windowStart, lastDay), Math.min(deadline, lastDay));
    if (isCurrent && submitDay > ctx.asOfDay - 1) submitDay = ctx.asOfDay - 1;
    const kind = isCurrent ? 'single' : rng.weighted([['single', 97.6], ['revised', 1.4], ['returned', 1]] as const);
    const yearCumulative = yearSum + amount;
    const sinceStart = allSum + amount;
    const submitted = (revision: number, status: DemoReportStatus, invested: number, subDay: number, reviewDay: number | null, extra: { reviewComment?: string; revisionReason?: string }): DemoMonthlyReport => {
      const createdAt = stampOf(Math.max(windowStart - 3, subDay - rng.int(0, 3)), rng);
      let submittedAt = stampOf(subDay, rng);
      if (submittedAt <= createdAt) submittedAt = new Date(Date.parse(createdAt) + 1_800_000).toISOString();
      let reviewedAt = reviewDay === null ? null : stampOf(reviewDay, rng);
      if (reviewedAt && reviewedAt <= submittedAt) reviewedAt = new Date(Date.parse(submittedAt) + 3_600_000).toISOString();
      const reviewed = reviewedAt !== null;
      // Written out in full (no spreads): a fixed shape keeps 2M of these cheap.
      const r: DemoMonthlyReport = {
        id: rng.uuid(),
        divisionCode: code,
        projectId: p.id,
        period: slot.period,
        stage: slot.stage,
        preliminaryProgress,
        progressText,
        progressPct: pct,
        problems,
        measures,
        explanation,
        createdBy: submitter.id,
        revision,
        status,
        investedThisPeriod: wanText(invested),
        yearCumulative: wanText(yearSum + invested),
        sinceStartCumulative: wanText(allSum + invested),
        revisionReason: null,
        isLate: subDay > deadline,
        submittedBy: submitter.id,
        submittedByName: submitter.displayName,
        submittedAt,
        reviewedBy: reviewed ? reviewer.id : null,
        reviewedByName: reviewed ? reviewer.displayName : null,
        reviewedAt,
        reviewComment: reviewed && status !== 'returned' ? rng.pick(REVIEW_COMMENTS) : null,
        createdAt,
        updatedAt: reviewedAt ?? submittedAt,
        funding,
      };
      if (extra.reviewComment !== undefined) r.reviewComment = extra.reviewComment;
      if (extra.revisionReason !== undefined) r.revisionReason = extra.revisionReason;
      return r;
    };
    const reviewDayAfter = (d: number, limit: number) => Math.min(limit, d + rng.int(0, 4));

    let firstSubmitDay = submitDay;
    if (isCurrent && currentStatus === 'draft') {
      const createdAt = stampOf(Math.min(ctx.asOfDay - 1, Math.max(windowStart - 3, submitDay - rng.int(0, 5))), rng);
      out.reports.push({
        id: rng.uuid(),
        divisionCode: code,
        projectId: p.id,
        period: slot.period,
        stage: slot.stage,
        preliminaryProgress,
        progressText,
        progressPct: pct,
        problems,
        measures,
        explanation,
        createdBy: submitter.id,
        revision: 1,
        status: 'draft',
        investedThisPeriod: wanText(amount),
        yearCumulative: '0',
        sinceStartCumulative: '0',
        revisionReason: null,
        isLate: false,
        submittedBy: null,
        submittedByName: null,
        submittedAt: null,
        reviewedBy: null,
        reviewedByName: null,
        reviewedAt: null,
        reviewComment: null,
        createdAt,
        updatedAt: createdAt,
        funding,
      });
      if (ctx.asOfDay > deadline) out.lateness.push({ divisionCode: code, period: slot.period, projectId: p.id, departmentId: p.departmentId, kind: 'missing', flaggedAt: flagStamp(deadline) });
      continue;
    }
    if (isCurrent) {
      let status = currentStatus as DemoReportStatus;
      let reviewDay: number | null = status === 'submitted' ? null : reviewDayAfter(submitDay, ctx.asOfDay - 1);
      if (reviewDay !== null && reviewDay <= submitDay && submitDay >= ctx.asOfDay - 1) {
        status = 'submitted';
        reviewDay = null;
      }
      out.reports.push(
        submitted(1, status, amount, submitDay, reviewDay, status === 'returned' ? { reviewComment: rng.pick(RETURN_COMMENTS) } : {}),
      );
      if (status === 'approved') {
        yearSum = yearCumulative;
        allSum = sinceStart;
        if (pct !== null) lastPct = pct;
      }
    } else if (kind === 'single') {
      out.reports.push(submitted(1, 'approved', amount, submitDay, reviewDayAfter(submitDay, closeDay - 1), {}));
    } else {
      // Revision 1 with a wrong figure: approved then corrected (superseded), or returned.
      submitDay = Math.min(submitDay, closeDay - 6);
      firstSubmitDay = submitDay;
      const wrong = Math.max(0, Math.round(amount * (rng.chance(0.5) ? 0.6 + rng.next() * 0.3 : 1.15 + rng.next() * 0.4)));
      const firstReview = Math.min(closeDay - 4, submitDay + rng.int(0, 2));
      const r1 = submitted(1, kind === 'revised' ? 'superseded' : 'returned', wrong, submitDay, firstReview, kind === 'returned' ? { reviewComment: rng.pick(RETURN_COMMENTS) } : {});
      out.reports.push(r1);
      const secondSubmit = Math.min(closeDay - 2, firstReview + rng.int(1, 3));
      const r2 = submitted(2, 'approved', amount, secondSubmit, Math.min(closeDay - 1, secondSubmit + rng.int(0, 2)), {
        revisionReason: kind === 'revised' ? rng.pick(REVISION_REASONS) : '根据审核意见修改后重新报送',
      });
      if (Date.parse(r2.createdAt) <= Date.parse(r1.reviewedAt!)) r2.createdAt = new Date(Date.parse(r1.reviewedAt!) + 1_800_000).toISOString();
      if (Date.parse(r2.submittedAt!) <= Date.parse(r2.createdAt)) r2.submittedAt = new Date(Date.parse(r2.createdAt) + 1_800_000).toISOString();
      if (Date.parse(r2.reviewedAt!) <= Date.parse(r2.submittedAt!)) r2.reviewedAt = new Date(Date.parse(r2.submittedAt!) + 1_800_000).toISOString();
      r2.updatedAt = r2.reviewedAt!;
      if (kind === 'revised') r1.updatedAt = r2.reviewedAt!;
      out.reports.push(r2);
    }
    if (!isCurrent) {
      yearSum = yearCumulative;
      allSum = sinceStart;
      if (pct !== null) lastPct = pct;
      if (firstSubmitDay > deadline) {
        out.lateness.push({ divisionCode: code, period: slot.period, projectId: p.id, departmentId: p.departmentId, kind: 'late', flaggedAt: flagStamp(deadline) });
      }
    } else if (firstSubmitDay > deadline && ctx.asOfDay > deadline) {
      out.lateness.push({ divisionCode: code, period: slot.period, projectId: p.id, departmentId: p.departmentId, kind: 'late', flaggedAt: flagStamp(deadline) });
    }
  }
}

/** The lateness job runs the night after the deadline (01:00 Beijing). */
const flagStamp = (deadline: number) => new Date((deadline + 1) * DAY_MS - 7 * 3600_000).toISOString();

// ---------------------------------------------------------------- figures

function addFigures(ctx: Ctx, out: DemoCountyMonthly): void {
  const { rng, year } = ctx;
  const code = ctx.county.code;
  const sectorOf = new Map(ctx.projects.map((p) => [p.id, p.sector]));
  const counted = new Set(ctx.projects.filter((p) => Number(p.totalInvestment) >= 500).map((p) => p.id));
  // Year-to-date per closed period, from the approved reports (what the summary computes).
  const perPeriod = new Map<string, Map<string, number>>();
  for (const r of out.reports) {
    if (r.status !== 'approved' || !counted.has(r.projectId) || !ctx.closed.has(r.period)) continue;
    const m = perPeriod.get(r.period) ?? new Map<string, number>();
    perPeriod.set(r.period, m);
    const t = tenthsOf(r.investedThisPeriod);
    m.set('total', (m.get('total') ?? 0) + t);
    const key = `sector:${sectorOf.get(r.projectId)}`;
    m.set(key, (m.get(key) ?? 0) + t);
  }
  const ytd = new Map<string, Map<string, number>>();
  for (const y of [year - 1, year]) {
    const running = new Map<string, number>();
    for (const period of periodsOfYear(y)) {
      if (!ctx.closed.has(period)) continue;
      for (const [k, v] of perPeriod.get(period) ?? []) running.set(k, (running.get(k) ?? 0) + v);
      ytd.set(period, new Map(running));
    }
  }
  const offset = ctx.isDemo ? 0 : rng.int(-30, 30) / 10;
  const official = (period: string, dispatch: number) => {
    // 统计数 ≠ 调度数: the statistics bureau's figure, a few per cent off the platform's.
    const f = 1 + (rng.chance(0.7) ? -1 : 1) * (1 + rng.next() * 4) / 100;
    out.figures.push({ divisionCode: code, period, kind: 'official', scope: 'total', yearCumulative: wanText(Math.round(dispatch * f)), note: '县统计局反馈数' });
  };
  for (const [period, m] of ytd) official(period, m.get('total') ?? 0);
  // The year before the platform: 调度数 total and by sector, and its 统计数.
  for (const period of periodsOfYear(year - 1)) {
    const m = ytd.get(period);
    if (!m) continue;
    const lastMonth = periodSpec(period).lastMonth;
    const before = `${year - 2}${period.slice(4)}`;
    let sectorSum = 0;
    for (const [k, v] of m) {
      if (!k.startsWith('sector:')) continue;
      const g = LAST_YEAR_PATH[lastMonth] + offset + LAST_YEAR_SPREAD[k.slice(7) as Sector];
      const value = Math.round(v / (1 + g / 100));
      sectorSum += value;
      out.figures.push({ divisionCode: code, period: before, kind: 'dispatch', scope: k, yearCumulative: wanText(value), note: '平台上线前调度数（导入）' });
    }
    out.figures.push({ divisionCode: code, period: before, kind: 'dispatch', scope: 'total', yearCumulative: wanText(sectorSum), note: '平台上线前调度数（导入）' });
    official(before, sectorSum);
  }
}

// ---------------------------------------------------------------- milestones

function addMilestones(ctx: Ctx, out: DemoCountyMonthly): void {
  const { rng, asOfDay } = ctx;
  for (const p of ctx.projects) {
    if (!(Number(p.totalInvestment) >= 10_000 || p.leaderUserId)) continue;
    if (!['construction', 'ready', 'completed', 'operating', 'suspended'].includes(p.stage)) continue;
    if (!p.plannedStart || !p.plannedCompletion) continue;
    const ps = dayOf(p.plannedStart);
    const pc = Math.max(dayOf(p.plannedCompletion), ps + 120);
    const start = p.actualStart ? dayOf(p.actualStart) : null;
    const completion = p.actualCompletion ? dayOf(p.actualCompletion) : null;
    const plan = MILESTONE_PLANS[p.sector];
    const inner = plan.filter((n) => n !== '开工建设' && n !== '竣工验收' && n !== '施工许可办理' && plan.indexOf(n) < plan.indexOf('竣工验收'));
    const after = plan.slice(plan.indexOf('竣工验收') + 1);
    const count = rng.int(Math.max(2, Math.min(2, inner.length)), inner.length);
    const chosen = new Set(rng.sample(inner, count));
    const names = plan.filter((n) => n === '开工建设' || n === '竣工验收' || chosen.has(n) || (n === '施工许可办理' && rng.chance(0.6)) || (after.includes(n) && rng.chance(0.7)));
    const middle = names.filter((n) => chosen.has(n));
    const dept = p.departmentId ? ctx.usersByUnit.get(p.departmentId)?.find((u) => u.role === 'department') : undefined;
    const ownerUnit = ctx.units.find((u) => u.id === p.ownerUnitId);
    const createdDay = Math.min(asOfDay - 1, (start ?? ps) - rng.int(15, 60));
    // Progress at asOf decides which intermediate milestones have been reached.
    const progress = completion !== null ? 1 : start !== null ? sCurve(Math.min(1, (asOfDay - start) / Math.max(60, pc - start))) : 0;
    let lastActual = 0;
    names.forEach((name, i) => {
      let planned: number;
      let fraction: number;
      if (name === '施工许可办理') [planned, fraction] = [ps - rng.int(15, 40), 0];
      else if (name === '开工建设') [planned, fraction] = [ps, 0];
      else if (name === '竣工验收') [planned, fraction] = [pc, 1];
      else if (after.includes(name)) [planned, fraction] = [pc + rng.int(20, 60), 1.01];
      else {
        const k = middle.indexOf(name) + 1;
        fraction = k / (middle.length + 1);
        planned = Math.round(ps + (pc - ps) * fraction) + rng.int(-10, 10);
      }
      let actual: number | null = null;
      if (name === '施工许可办理') actual = start !== null ? Math.min(start - rng.int(1, 20), planned + rng.int(-10, 25)) : planned < asOfDay && rng.chance(0.5) ? Math.min(asOfDay - 1, planned + rng.int(-5, 20)) : null;
      else if (name === '开工建设') actual = start;
      else if (name === '竣工验收') actual = completion;
      else if (after.includes(name)) actual = completion !== null && (p.stage === 'operating' || rng.chance(0.5)) ? Math.min(asOfDay - 1, completion + rng.int(10, 60)) : null;
      else if (completion !== null) actual = Math.round(start! + (completion - start!) * fraction) + rng.int(-10, 10);
      else if (start !== null && fraction <= progress && p.stage !== 'suspended' && rng.chance(0.88)) actual = Math.min(asOfDay - 1, planned + rng.int(-15, 40));
      if (actual !== null) {
        actual = Math.max(actual, lastActual + 1);
        if (completion !== null && name !== '竣工验收' && !after.includes(name)) actual = Math.min(actual, completion - (names.length - i));
        if (actual > asOfDay - 1) actual = null;
      }
      if (actual !== null) lastActual = actual;
      const useUser = dept && rng.chance(0.7);
      const overdue = actual === null && planned < asOfDay;
      out.milestones.push({
        id: rng.uuid(),
        divisionCode: ctx.county.code,
        projectId: p.id,
        name,
        plannedDate: isoOf(planned),
        actualDate: actual === null ? null : isoOf(actual),
        ownerName: useUser ? dept!.displayName : (ownerUnit?.contactPerson ?? dept?.displayName ?? '项目单位'),
        ownerUserId: useUser ? dept!.id : null,
        sortOrder: i + 1,
        note: overdue && rng.chance(0.5) ? rng.pick(PROBLEMS)[0] : null,
        createdAt: stampOf(createdDay, rng),
        updatedAt: stampOf(Math.min(asOfDay - 1, Math.max(createdDay, actual ?? createdDay)), rng),
      });
    });
  }
}

// ---------------------------------------------------------------- targets

function addTargets(ctx: Ctx, out: DemoCountyMonthly): void {
  const { rng, year } = ctx;
  const drc = ctx.drcUsers[0];
  const scale = ctx.isDemo ? 1 : ctx.projects.length / 2160;
  const departments = ctx.units.filter((u) => u.kind === 'department');
  const townships = ctx.units.filter((u) => u.kind === 'township');
  const countBy = (units: DemoUnit[], key: (p: DemoProject) => string | null, pred: (p: DemoProject) => boolean) =>
    units.map((u) => ctx.projects.filter((p) => pred(p) && key(p) === u.id).length + 1);
  const reserveLike = (p: DemoProject) => ['reserve', 'preliminary', 'ready', 'planning'].includes(p.stage);
  const building = (p: DemoProject) => p.stage === 'construction';
  const major = (p: DemoProject) => Number(p.totalInvestment) >= 10_000;
  const gov = (p: DemoProject) => p.approvalType === 'government';
  const allocationFor: Record<string, [DemoUnit[], number[]] | undefined> = {
    reserve_new: [departments, countBy(departments, (p) => p.departmentId, reserveLike)],
    funding_projects: [departments, countBy(departments, (p) => p.departmentId, gov)],
    promotion_projects: [townships, countBy(townships, (p) => p.townshipId, (p) => p.ownerUnitId !== p.departmentId)],
    construction_projects: [townships, countBy(townships, (p) => p.townshipId, building)],
    major_projects: [departments, countBy(departments, (p) => p.departmentId, major)],
    funds_in_place: [townships, countBy(townships, (p) => p.townshipId, building)],
  };
  const day = dayOf(`${year}-01-01`) + rng.int(10, 40);
  for (const d of TARGET_DEFINITIONS) {
    const raw = Number(d.defaultValue);
    const value = d.unit === 'pct' ? raw : d.unit === 'wan' ? Math.round((raw * scale) / 10_000) * 10_000 : Math.max(5, Math.round((raw * scale) / 5) * 5);
    const alloc = allocationFor[d.key];
    const allocations: DemoTarget['allocations'] = [];
    if (alloc) {
      const [units, weights] = alloc;
      const unitStep = d.unit === 'wan' ? 100 : 1;
      const parts = largestRemainder(value / unitStep, weights);
      units.forEach((u, i) => {
        if (parts[i] > 0) allocations.push({ unitId: u.id, value: String(parts[i] * unitStep) });
      });
    }
    out.targets.push({
      id: stableUuid(ctx.seed, 'target', ctx.county.code, String(year), d.key),
      divisionCode: ctx.county.code,
      year,
      key: d.key,
      label: d.label,
      unit: d.unit,
      value: String(value),
      updatedByName: drc.displayName,
      updatedAt: stampOf(day, rng),
      allocations,
    });
  }
}

/** Splits an integer total in proportion to weights, the parts adding up exactly. */
function largestRemainder(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = Math.round(total) - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0 && order.length; k = (k + 1) % order.length, left--) parts[order[k][1]]++;
  return parts;
}
