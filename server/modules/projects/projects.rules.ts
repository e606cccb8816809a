import { z } from '@hono/zod-openapi';
import { defineRuleSet } from '../../platform/rules/define-rule-set';

const wan = (label: string) => z.number().int(`${label}应为整数万元`).min(1, `${label}至少 1 万元`).max(100_000_000, `${label}过大`);

/**
 * The investment thresholds of SPEC §2 (in 万元): a project of at least `countedMinWan` counts
 * toward fixed-asset investment, the library and start targets and the reserve ratio; at least
 * `majorMinWan` is a 重大项目 (亿元以上); at least `largeMinWan` a 大项目 (10亿元以上).
 */
export const investmentThresholds = defineRuleSet({
  key: 'projects.thresholds',
  label: '项目投资额口径',
  description: '纳入统计（固定资产投资、目标任务、储备比）的项目起点，以及重大项目、大项目的投资额标准',
  schema: z
    .object({ countedMinWan: wan('统计起点'), majorMinWan: wan('重大项目标准'), largeMinWan: wan('大项目标准') })
    .strict()
    .refine((v) => v.majorMinWan > v.countedMinWan, { message: '重大项目标准应高于统计起点', path: ['majorMinWan'] })
    .refine((v) => v.largeMinWan > v.majorMinWan, { message: '大项目标准应高于重大项目标准', path: ['largeMinWan'] }),
  defaults: { countedMinWan: 500, majorMinWan: 10_000, largeMinWan: 100_000 },
  fields: {
    countedMinWan: { label: '纳入统计的项目起点', unit: '万元', help: '总投资达到该额度的项目计入固定资产投资、储备比和开工/储备目标' },
    majorMinWan: { label: '重大项目标准', unit: '万元', help: '总投资达到该额度为重大项目（默认 1 亿元）' },
    largeMinWan: { label: '大项目标准', unit: '万元', help: '总投资达到该额度为大项目（默认 10 亿元）' },
  },
});

export type InvestmentThresholds = typeof investmentThresholds.defaults;

/** The thresholds by the investment band keys the API and the web use (`gte500w` …). */
export function bandMinimums(t: InvestmentThresholds): Record<'gte500w' | 'gte1yi' | 'gte10yi', number> {
  return { gte500w: t.countedMinWan, gte1yi: t.majorMinWan, gte10yi: t.largeMinWan };
}

/** The rule sets of the projects module. */
export const projectRuleSets = [investmentThresholds];
