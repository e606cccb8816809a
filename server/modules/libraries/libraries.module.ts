import { libraryMetrics } from './libraries.metrics';
import { libraryRuleSets } from './libraries.rules';
import { defineModule } from '../../platform/modules/define-module';
import { librariesCatalog } from './libraries.catalog';
import { libraryRoutes } from './libraries.routes';
import * as tables from './libraries.tables';

/** The "4+X" libraries, memberships and 入库/调整/出库 requests. */
export const librariesModule = defineModule({
  name: 'libraries',
  label: '项目库管理',
  catalog: librariesCatalog,
  tables,
  ruleSets: libraryRuleSets,
  metrics: libraryMetrics,
  routes: () => [libraryRoutes()],
  recordKinds: [
    { kind: 'library', scope: 'region', segment: 'libraries', bodyFields: ['libraryId'], filterFields: ['libraryId'] },
    { kind: 'libraryRequest', scope: 'project', segment: 'library-requests', bodyFields: ['requestIds'] },
  ],
});
