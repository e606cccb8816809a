import { defineModule } from '../../platform/modules/define-module';
import { orgCatalog } from './org.catalog';
import { orgRoutes } from './org.routes';
import * as tables from './org.tables';

/** Administrative divisions, organisation units and user accounts. */
export const orgModule = defineModule({
  name: 'org',
  label: '组织与用户',
  catalog: orgCatalog,
  tables,
  referenceTables: ['divisions', 'users'],
  routes: () => [orgRoutes()],
  recordKinds: [
    { kind: 'unit', scope: 'region', segment: 'units', bodyFields: ['unitId'], filterFields: ['unitId'], higherLevelsWrite: true },
    { kind: 'user', scope: 'region', segment: 'users', filterFields: ['actorId'], higherLevelsWrite: true },
    { kind: 'ownerUnit', scope: 'region', bodyFields: ['ownerUnitId'], higherLevelsWrite: true },
    { kind: 'department', scope: 'region', filterFields: ['departmentId'] },
    { kind: 'township', scope: 'region', filterFields: ['townshipId'] },
    { kind: 'division', scope: 'region', filterFields: ['divisionCode'] },
  ],
});
