import { defineCatalog } from '../../platform/modules/define-module';

/** The monthly cycle: reports, periods, figures and the 发改局 summary. */
export const monthlyReportsCatalog = defineCatalog({
  permissions: {
    'report.fill': { label: '填报月报', roles: ['drc', 'department', 'township', 'owner'] },
    'report.review': { label: '审核月报', roles: ['drc', 'department'] },
    'period.manage': { label: '管理报送期', roles: ['drc'] },
    // Who of these decides a given request is the division's 重开审批人 rule (the reopen-request policy).
    'period.reopen.decide': { label: '审批报送期重开申请', roles: ['drc', 'leader'] },
    'summary.read': { label: '查看月度汇总', roles: ['leader', 'drc', 'department', 'township', 'inspector'] },
  },
  auditActions: {
    'monthly_report.submitted': '提交月报',
    'monthly_report.approved': '审核通过月报',
    'monthly_report.returned': '退回月报',
    'monthly_report.revised': '更正月报',
    'monthly_report.imported': '导入月报草稿',
    'period.closed': '关闭报送期',
    'period.reopen_requested': '申请重开报送期',
    'period.reopened': '重开报送期',
    'period.reopen_rejected': '驳回重开申请',
    'period.history_entry_started': '开启补录历史数据',
    'period.history_entry_ended': '结束补录历史数据',
    'figures.saved': '录入统计数据',
    'settings.saved': '修改月报设置',
  },
  entityLabels: { monthly_report: '月报', period: '报送期', figures: '统计数据', settings: '设置' },
  reminderKinds: { report_due: '月报报送提醒' },
});
