import { defineCatalog } from '../../platform/modules/define-module';

/** The audit log's own page. */
export const auditCatalog = defineCatalog({
  permissions: {
    'audit.read': { label: '查看审计日志', roles: ['admin', 'auditor'] },
  },
  auditActions: {},
  entityLabels: {},
});
