import { z } from '@hono/zod-openapi';
import { defineRuleSet } from '../../platform/rules/define-rule-set';

const days = (label: string) => z.number().int(`${label}应为整数天`).min(0, `${label}不能为负`).max(90, `${label}不能超过 90 天`);

/** When the reminder job reminds and escalates (SPEC §7). */
export const reminderRules = defineRuleSet({
  key: 'inbox.reminders',
  label: '提醒与督办',
  description: '月报截止提醒、里程碑到期提醒和逾期逐级督办的天数',
  schema: z
    .object({
      reportLeadDays: days('月报提前提醒天数'),
      milestoneLeadDays: z.array(days('里程碑提前提醒天数')).min(1, '至少设置一个提前提醒天数').max(5, '最多设置 5 个提前提醒天数'),
      escalateDepartmentDays: days('升级至主管部门的逾期天数').min(1, '升级至主管部门的逾期天数至少 1 天'),
      escalateLeaderDays: days('升级至包抓领导的逾期天数').min(1, '升级至包抓领导的逾期天数至少 1 天'),
    })
    .strict()
    .refine((v) => v.escalateLeaderDays > v.escalateDepartmentDays, { message: '升级至包抓领导的天数应大于升级至主管部门的天数', path: ['escalateLeaderDays'] }),
  defaults: { reportLeadDays: 3, milestoneLeadDays: [7, 1], escalateDepartmentDays: 3, escalateLeaderDays: 7 },
  fields: {
    reportLeadDays: { label: '月报截止前提醒', unit: '天', help: '截止日前该天数内（含截止日）提醒尚未报送的单位' },
    milestoneLeadDays: { label: '里程碑到期前提醒', unit: '天', help: '到期前这些天各提醒责任人一次，如 7、1' },
    escalateDepartmentDays: { label: '逾期升级至主管部门', unit: '天', help: '里程碑逾期该天数后提醒主管部门' },
    escalateLeaderDays: { label: '逾期升级至包抓领导', unit: '天', help: '里程碑逾期该天数后提醒包抓领导' },
  },
});

/** The rule sets of the inbox module. */
export const inboxRuleSets = [reminderRules];
