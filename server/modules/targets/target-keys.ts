/**
 * The annual targets of SPEC §8 ("1116" …): what each key means, its unit, the county
 * report's default, and how its progress is counted. Progress is computed from data, never
 * typed, by the metric provider of the same key (server/platform/metrics); a key whose module
 * provides no figure yet answers progress null ('pending') with its note.
 */
export const TARGET_UNITS = ['count', 'wan', 'pct'] as const;
export type TargetUnit = (typeof TARGET_UNITS)[number];
export const TARGET_UNIT_LABELS: Record<TargetUnit, string> = { count: '个', wan: '万元', pct: '%' };

/** Whether a target's progress is computed (a metric provider of the same key exists) or waits for its module. */
export type TargetSource = 'computed' | 'pending';

export interface TargetDefinition {
  key: string;
  label: string;
  unit: TargetUnit;
  /** The county report's figure, offered when the 发改局 first sets a year. */
  defaultValue: string;
  /** How progress is counted, or which module will supply it (progress: the metric of the same key). */
  basis: string;
  /** Progress is a figure of a reporting period (the summary's), stated with its period and status; otherwise counted today. */
  ofPeriod?: boolean;
}

export const TARGET_DEFINITIONS = [
  { key: 'reserve_new', label: '谋划储备项目', unit: 'count', defaultValue: '1000', basis: '本年新建、处于谋划/储备/前期/具备开工条件阶段、总投资 500 万元以上的项目数' },
  { key: 'funding_projects', label: '向上争取项目', unit: 'count', defaultValue: '100', basis: '待向上争取（资金申报）模块上线后自动统计' },
  { key: 'promotion_projects', label: '招商引进项目', unit: 'count', defaultValue: '100', basis: '待招商引资模块上线后自动统计' },
  { key: 'construction_projects', label: '开工建设项目', unit: 'count', defaultValue: '600', basis: '本年实际开工、总投资 500 万元以上的项目数' },
  { key: 'major_projects', label: '亿元以上重大项目', unit: 'count', defaultValue: '100', basis: '总投资 1 亿元以上、在建或本年开工的项目数' },
  { key: 'funds_in_place', label: '到位资金', unit: 'wan', defaultValue: '3000000', basis: '待招商引资模块上线后按实际到位资金统计' },
  { key: 'contract_rate', label: '履约率', unit: 'pct', defaultValue: '95', basis: '待招商引资模块上线后计算（履约项目数 ÷ 签约项目数）' },
  { key: 'start_rate', label: '开工率', unit: 'pct', defaultValue: '50', basis: '待招商引资模块上线后计算（在建与投产项目数 ÷ 签约项目数）' },
  { key: 'funds_rate', label: '资金到位率', unit: 'pct', defaultValue: '45', basis: '待招商引资模块上线后计算（实际到位资金 ÷ 合同引资额）' },
  {
    key: 'fai_growth',
    label: '固定资产投资增长',
    unit: 'pct',
    defaultValue: '10',
    basis: '月度汇总默认期（最近一个已到汇总日的报送期）的本年累计同比增速（达到统计起点的项目，调度数），与月度汇总同一数字',
    ofPeriod: true,
  },
] as const satisfies readonly TargetDefinition[];

export type TargetKey = (typeof TARGET_DEFINITIONS)[number]['key'];
export const TARGET_KEYS = TARGET_DEFINITIONS.map((d) => d.key) as [TargetKey, ...TargetKey[]];

/** The definition of a key. */
export function targetDefinition(key: string): TargetDefinition | undefined {
  return TARGET_DEFINITIONS.find((d) => d.key === key);
}
