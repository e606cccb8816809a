import { defineCatalog, defineModule } from '../../platform/modules/define-module';
import { healthRoutes } from './health.routes';

/** Liveness of the server: no tables, no permissions. */
export const healthModule = defineModule({
  name: 'health',
  label: '健康检查',
  catalog: defineCatalog({ permissions: {}, auditActions: {}, entityLabels: {} }),
  tables: {},
  routes: () => [healthRoutes()],
});
