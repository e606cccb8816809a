import { ALL_ROLES, defineCatalog } from '../../platform/modules/define-module';

/** Divisions, units and users. */
export const orgCatalog = defineCatalog({
  permissions: {
    'org.read': { label: '查看单位', roles: ['admin', 'auditor', 'leader', 'drc', 'department', 'commerce', 'township', 'inspector'] },
    'org.manage': { label: '管理单位', roles: ['admin'] },
    'user.read': { label: '查看用户', roles: ['admin', 'auditor', 'drc'] },
    'user.manage': { label: '管理用户', roles: ['admin'] },
    'division.read': { label: '查看行政区划', roles: ALL_ROLES },
    // Held by every administrator; only one at a province or city may use it (a county's admin is refused, 403).
    'division.manage': { label: '新增县区', roles: ['admin'] },
  },
  auditActions: {
    'user.created': '新建用户',
    'user.updated': '修改用户',
    'user.password_reset': '重置密码',
    'user.unlocked': '解除锁定',
    'unit.created': '新建单位',
    'unit.updated': '修改单位',
    'division.created': '新建行政区划',
    'demo.loaded': '载入演示数据',
  },
  entityLabels: { user: '用户', unit: '单位', division: '行政区划', system: '系统' },
});
