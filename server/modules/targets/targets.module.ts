import { targetMetrics } from './targets.metrics';
import { targetRuleSets } from './targets.rules';
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
  ruleSets: targetRuleSets,
  metrics: targetMetrics,
  routes: () => [targetRoutes()],
  recordKinds: [{ kind: 'target', scope: 'region', segment: 'targets' }],
});
