import * as tables from '../../platform/auth/auth.tables';
import { defineModule } from '../../platform/modules/define-module';
import { authCatalog } from './auth.catalog';
import { authRoutes } from './auth.routes';

/** Login, logout, the caller's profile and password. */
export const authModule = defineModule({
  name: 'auth',
  label: '登录与会话',
  catalog: authCatalog,
  tables,
  referenceTables: ['sessions', 'login_failures'],
  routes: () => [authRoutes()],
});
