import { defineCatalog } from '../../platform/modules/define-module';

/** Annual targets ("1116") and their decomposition. */
export const targetsCatalog = defineCatalog({
  permissions: {
    'target.read': { label: '查看目标任务', roles: ['leader', 'drc', 'department', 'commerce', 'township', 'inspector'] },
    'target.manage': { label: '设定目标任务', roles: ['drc'] },
  },
  auditActions: {
    'target.saved': '设定年度目标',
    'target.allocated': '分解目标任务',
  },
  entityLabels: { target: '目标任务' },
});
