import { z } from '@hono/zod-openapi';
import { defineRuleSet } from '../../platform/rules/define-rule-set';

/**
 * Rules of the monthly report itself. The lagging rules (plan margin, idle months) stay in
 * `reporting_settings` with the cycle's days: they are read with the cycle in one query when a
 * summary is computed and are edited on the 月报设置 page, where they already were.
 */
export const reportRules = defineRuleSet({
  key: 'monthly-reports.report',
  label: '月报填报',
  description: '每份月报可附的现场照片数量',
  schema: z.object({ maxPhotos: z.number().int('照片张数应为整数').min(1, '至少允许 1 张照片').max(30, '最多允许 30 张照片') }).strict(),
  defaults: { maxPhotos: 9 },
  fields: { maxPhotos: { label: '每份月报现场照片上限', unit: '张' } },
});

/** The rule sets of the monthly-reports module. */
export const monthlyReportRuleSets = [reportRules];
