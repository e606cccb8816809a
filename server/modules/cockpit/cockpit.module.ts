import { defineModule } from '../../platform/modules/define-module';
import { cockpitCatalog } from './cockpit.catalog';
import { cockpitRoutes } from './cockpit.routes';
import * as tables from './cockpit.tables';
import { cockpitDemo } from './demo-map';

/** The leaders' cockpit and the county's township map. */
export const cockpitModule = defineModule({
  name: 'cockpit',
  label: '领导驾驶舱',
  catalog: cockpitCatalog,
  tables,
  routes: () => [cockpitRoutes()],
  demo: cockpitDemo,
});
