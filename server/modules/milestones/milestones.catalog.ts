import { defineCatalog } from '../../platform/modules/define-module';

/** Milestone plans of key projects (挂图作战). */
export const milestonesCatalog = defineCatalog({
  permissions: {
    'milestone.manage': { label: '管理里程碑', roles: ['drc', 'department', 'owner'] },
  },
  auditActions: {
    'milestone.created': '新建里程碑',
    'milestone.updated': '修改里程碑',
    'milestone.deleted': '删除里程碑',
  },
  entityLabels: { milestone: '里程碑' },
  reminderKinds: { milestone_due: '里程碑到期提醒', milestone_overdue: '里程碑逾期督办' },
});
