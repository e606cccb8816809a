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

/** Who may approve a request to reopen a closed period (four eyes: never the requester). */
export const REOPEN_APPROVERS = ['same_unit_other_user', 'unit_leader', 'city'] as const;
export type ReopenApprover = (typeof REOPEN_APPROVERS)[number];
export const REOPEN_APPROVER_LABELS: Record<ReopenApprover, string> = {
  same_unit_other_user: '本级发改局其他人员',
  unit_leader: '本级领导账号（县级领导）',
  city: '市级发改局',
};

/**
 * 重开审批人. Whatever the choice, a request never waits for nobody: when the division has no
 * eligible approver other than the requester (a county whose 发改局 has one clerk), it goes to
 * the city's 发改局, then the province's, and the requester is told who will decide.
 */
export const reopenRules = defineRuleSet({
  key: 'monthly-reports.reopen',
  label: '报送期重开审批',
  description: '已关闭报送期的重开申请由谁审批。申请人不能审批自己的申请；本级没有其他可审批人员时，申请自动转市级发改局审批。',
  schema: z.object({ reopenApprover: z.enum(REOPEN_APPROVERS, '请选择重开审批人') }).strict(),
  defaults: { reopenApprover: 'same_unit_other_user' },
  fields: {
    reopenApprover: {
      label: '重开审批人',
      help: '本级无其他可审批人员时自动转市级发改局',
      options: REOPEN_APPROVER_LABELS,
    },
  },
});

/** The rule sets of the monthly-reports module. */
export const monthlyReportRuleSets = [reportRules, reopenRules];
