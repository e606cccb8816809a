import Decimal from 'decimal.js';
import { and, eq } from 'drizzle-orm';
import { defineMetric } from '../../platform/metrics/define-metric';
import { targetRules } from './targets.rules';
import { targets } from './targets.tables';

/** The figures the targets module provides: the year's growth target the 发改局 set (else the rule's default). */
export const targetMetrics = [
  defineMetric({
    key: 'fai_growth_target',
    label: '固定资产投资增长目标',
    unit: 'pct',
    basis: '发改局设定的当年「固定资产投资增长」目标；未设定时为规则设置中的默认增长目标',
    compute: async (ctx) => {
      const [row] = await ctx.db
        .select({ value: targets.value })
        .from(targets)
        .where(and(eq(targets.divisionCode, ctx.divisionCode), eq(targets.year, ctx.year), eq(targets.key, 'fai_growth')));
      if (row) return new Decimal(row.value).toFixed();
      return String((await ctx.rules(targetRules, ctx.divisionCode)).growthTargetPct);
    },
  }),
];
