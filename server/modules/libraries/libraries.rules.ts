import { z } from '@hono/zod-openapi';
import { defineRuleSet } from '../../platform/rules/define-rule-set';

/** The health rule of SPEC §2: reserve projects ≥ this many times the projects implemented this year. */
export const reserveRules = defineRuleSet({
  key: 'libraries.reserve',
  label: '项目储备',
  description: '储备项目数与本年实施项目数之比的目标（储备比）',
  schema: z
    .object({
      reserveRatioTarget: z.number().min(0.5, '储备比目标不能低于 0.5').max(20, '储备比目标不能超过 20').multipleOf(0.1, '储备比目标最多一位小数'),
    })
    .strict(),
  defaults: { reserveRatioTarget: 3 },
  fields: { reserveRatioTarget: { label: '储备比目标', unit: '倍', help: '储备项目数 ÷ 本年实施项目数不低于该倍数' } },
});

/** The rule sets of the libraries module. */
export const libraryRuleSets = [reserveRules];
