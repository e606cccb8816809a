import * as tables from '../../platform/audit/audit.tables';
import { defineModule } from '../../platform/modules/define-module';
import { auditCatalog } from './audit.catalog';
import { auditRoutes } from './audit.routes';

/** The tamper-evident audit log (written by every module) and its page. */
export const auditModule = defineModule({
  name: 'audit',
  label: '审计日志',
  catalog: auditCatalog,
  tables,
  routes: () => [auditRoutes()],
});
