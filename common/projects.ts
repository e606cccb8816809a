/** Code lists of the project library (SPEC §2), shared by browser and server. */
import { formatThresholdWan } from './amounts';

/** Lifecycle stages, in order, plus the side states 暂缓 and 终止. */
export const STAGES = ['planning', 'reserve', 'preliminary', 'ready', 'construction', 'completed', 'operating', 'suspended', 'terminated'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = {
  planning: '谋划',
  reserve: '储备',
  preliminary: '前期',
  ready: '具备开工条件',
  construction: '在建',
  completed: '竣工',
  operating: '投产',
  suspended: '暂缓',
  terminated: '终止',
};

/** 建设性质. */
export const CONSTRUCTION_NATURES = ['new', 'continued', 'expansion', 'renovation', 'relocation', 'restoration', 'upgrade'] as const;
export type ConstructionNature = (typeof CONSTRUCTION_NATURES)[number];
export const CONSTRUCTION_NATURE_LABELS: Record<ConstructionNature, string> = {
  new: '新建',
  continued: '续建',
  expansion: '扩建',
  renovation: '改建',
  relocation: '迁建',
  restoration: '恢复',
  upgrade: '技改',
};

/** 产业（领域）分类 of the county's ledgers. */
export const SECTORS = ['agriculture', 'industry', 'services', 'social', 'infrastructure'] as const;
export type Sector = (typeof SECTORS)[number];
export const SECTOR_LABELS: Record<Sector, string> = {
  agriculture: '农业',
  industry: '工业',
  services: '三产服务业',
  social: '社会民生',
  infrastructure: '基础设施',
};

/** 成熟度. */
export const MATURITIES = ['concept', 'preliminary', 'ready'] as const;
export type Maturity = (typeof MATURITIES)[number];
export const MATURITY_LABELS: Record<Maturity, string> = {
  concept: '概念策划',
  preliminary: '前期',
  ready: '具备开工条件',
};

/** 资金来源. */
export const FUNDING_SOURCES = ['central', 'provincial', 'city', 'county', 'special_bond', 'bank_loan', 'self_raised', 'attracted', 'foreign', 'other'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export const FUNDING_SOURCE_LABELS: Record<FundingSource, string> = {
  central: '中央资金',
  provincial: '省级资金',
  city: '市级资金',
  county: '县级财政',
  special_bond: '专项债券',
  bank_loan: '银行贷款',
  self_raised: '企业自筹',
  attracted: '招商引资',
  foreign: '外资',
  other: '其他',
};

/**
 * Investment bands (SPEC §2 thresholds), computed from total investment in 万元, never typed.
 * A division may set its own thresholds (rule set `projects.thresholds`; `minWan` here are the
 * defaults), so `label` names no amount: where the thresholds are known, `bandLabel` does.
 */
export const INVESTMENT_BANDS = [
  { key: 'gte500w', label: '达到统计起点', minWan: 500 },
  { key: 'gte1yi', label: '重大项目', minWan: 10_000 },
  { key: 'gte10yi', label: '大项目', minWan: 100_000 },
] as const;
export type InvestmentBand = (typeof INVESTMENT_BANDS)[number]['key'];

/** The investment thresholds a set of figures was computed with, in whole 万元. */
export interface InvestmentThresholdsWan {
  /** 统计起点: projects of at least this count. */
  countedMinWan: number;
  /** 重大项目 standard. */
  majorMinWan: number;
  /** 大项目 standard. */
  largeMinWan: number;
}

/** 「500万元以上」: the projects counted under these thresholds. */
export function countedScopeLabel(t: InvestmentThresholdsWan): string {
  return `${formatThresholdWan(t.countedMinWan)}以上`;
}

/** A band as a list or table names it: 「500万元以上」, 「1亿元以上（重大项目）」, 「10亿元以上（大项目）」. */
export function bandLabel(key: string, t: InvestmentThresholdsWan): string {
  if (key === 'gte500w') return countedScopeLabel(t);
  if (key === 'gte1yi') return `${formatThresholdWan(t.majorMinWan)}以上（重大项目）`;
  if (key === 'gte10yi') return `${formatThresholdWan(t.largeMinWan)}以上（大项目）`;
  return key;
}

// 「500万」 before 「—1亿元」: the unit's 元 is written once, after the upper bound.
const lowerBound = (wan: number) => formatThresholdWan(wan).replace(/元$/, '');

/**
 * A band as a kind of project in prose, where each project sits in the highest band it
 * reaches: 「500万—1亿元项目」, 「1亿—10亿元项目」, 「10亿元以上项目」.
 */
export function bandNoun(key: string, t: InvestmentThresholdsWan): string {
  if (key === 'gte500w') return `${lowerBound(t.countedMinWan)}—${formatThresholdWan(t.majorMinWan)}项目`;
  if (key === 'gte1yi') return `${lowerBound(t.majorMinWan)}—${formatThresholdWan(t.largeMinWan)}项目`;
  if (key === 'gte10yi') return `${formatThresholdWan(t.largeMinWan)}以上项目`;
  return key;
}

/** 项目审批类型: 政府投资审批制, 企业投资核准制, 企业投资备案制. */
export const APPROVAL_TYPES = ['government', 'approval', 'filing'] as const;
export type ApprovalType = (typeof APPROVAL_TYPES)[number];
export const APPROVAL_TYPE_LABELS: Record<ApprovalType, string> = {
  government: '政府投资（审批制）',
  approval: '企业投资（核准制）',
  filing: '企业投资（备案制）',
};

/** 前期手续 status. */
export const PROCEDURE_STATUSES = ['not_started', 'in_progress', 'approved', 'not_required'] as const;
export type ProcedureStatus = (typeof PROCEDURE_STATUSES)[number];
export const PROCEDURE_STATUS_LABELS: Record<ProcedureStatus, string> = {
  not_started: '未启动',
  in_progress: '办理中',
  approved: '已批复',
  not_required: '不需办理',
};

/** Library kinds: the three comprehensive libraries and the sector libraries (the "X"). */
export const LIBRARY_KINDS = ['comprehensive', 'sector'] as const;
export type LibraryKind = (typeof LIBRARY_KINDS)[number];
export const LIBRARY_KIND_LABELS: Record<LibraryKind, string> = { comprehensive: '综合库', sector: '行业库' };

/** 入库 / 调整 / 出库 requests and their states. */
export const LIBRARY_REQUEST_KINDS = ['enter', 'adjust', 'exit'] as const;
export type LibraryRequestKind = (typeof LIBRARY_REQUEST_KINDS)[number];
export const LIBRARY_REQUEST_KIND_LABELS: Record<LibraryRequestKind, string> = { enter: '入库', adjust: '调整', exit: '出库' };
export const LIBRARY_REQUEST_STATUSES = ['pending', 'approved', 'returned', 'withdrawn'] as const;
export type LibraryRequestStatus = (typeof LIBRARY_REQUEST_STATUSES)[number];
export const LIBRARY_REQUEST_STATUS_LABELS: Record<LibraryRequestStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  returned: '已退回',
  withdrawn: '已撤回',
};
