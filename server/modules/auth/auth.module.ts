import { lt } from 'drizzle-orm';
import * as tables from '../../platform/auth/auth.tables';
import { purgeExpiredSessions } from '../../platform/auth/sessions';
import { defineModule } from '../../platform/modules/define-module';
import { authCatalog } from './auth.catalog';
import { authRoutes } from './auth.routes';

/** Login, logout, the caller's profile and password. */
export const authModule = defineModule({
  name: 'auth',
  label: '登录与会话',
  catalog: authCatalog,
  tables,
  referenceTables: ['sessions', 'login_failures', 'login_address_failures', 'password_history'],
  routes: () => [authRoutes()],
  // Expired sessions and stale address counters are deleted (等保: 剩余信息保护), not left to pile up.
  jobs: ({ database, config }) => [
    {
      name: 'purge-sessions',
      intervalMs: 15 * 60_000,
      runAtStart: true,
      run: async () => {
        await purgeExpiredSessions(database.db, config);
        await database.db.delete(tables.loginAddressFailures).where(lt(tables.loginAddressFailures.windowStartedAt, new Date(Date.now() - 24 * 3600_000)));
      },
    },
  ],
});
