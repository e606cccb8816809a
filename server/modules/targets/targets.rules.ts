import { z } from '@hono/zod-openapi';
import { defineRuleSet } from '../../platform/rules/define-rule-set';

/** The figures used while the 发改局 has not set the year's targets. */
export const targetRules = defineRuleSet({
  key: 'targets.defaults',
  label: '目标任务默认值',
  description: '未设定当年“固定资产投资增长”目标时，分析报告和目标设定采用的增长目标',
  schema: z.object({ growthTargetPct: z.number().min(0, '增长目标不能为负').max(100, '增长目标不能超过 100%').multipleOf(0.1, '增长目标最多一位小数') }).strict(),
  defaults: { growthTargetPct: 10 },
  fields: { growthTargetPct: { label: '固定资产投资增长目标（默认）', unit: '%', help: 'SPEC §5：全年增长不低于 10%' } },
});

/** The rule sets of the targets module. */
export const targetRuleSets = [targetRules];
