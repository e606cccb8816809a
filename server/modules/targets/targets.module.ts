import { defineModule } from '../../platform/modules/define-module';
import { targetsCatalog } from './targets.catalog';
import { targetRoutes } from './targets.routes';
import * as tables from './targets.tables';

/** Annual targets ("1116"), their decomposition and computed progress. */
export const targetsModule = defineModule({
  name: 'targets',
  label: '目标任务',
  catalog: targetsCatalog,
  tables,
  routes: () => [targetRoutes()],
  recordKinds: [{ kind: 'target', pathPrefixes: ['/api/targets/{id}'] }],
});
