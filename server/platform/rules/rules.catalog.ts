import { defineCatalog } from '../modules/define-module';

/** Rules as data: the rule sets each division may set (inherited from the city and province). */
export const rulesCatalog = defineCatalog({
  permissions: {
    'rules.read': { label: '查看规则设置', roles: ['drc', 'leader', 'department', 'inspector', 'township', 'commerce'] },
    'rules.manage': { label: '修改规则设置', roles: ['drc'] },
  },
  auditActions: { 'rules.saved': '修改规则设置' },
  entityLabels: { rules: '规则设置' },
});
