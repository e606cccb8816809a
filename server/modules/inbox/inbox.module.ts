import { inboxRuleSets } from './inbox.rules';
import { defineModule } from '../../platform/modules/define-module';
import { inboxCatalog } from './inbox.catalog';
import { inboxRoutes } from './inbox.routes';
import * as tables from './inbox.tables';
import { runReminders } from './reminders.job';

/** The in-app inbox and the escalating reminder job. */
export const inboxModule = defineModule({
  name: 'inbox',
  label: '消息提醒',
  catalog: inboxCatalog,
  tables,
  ruleSets: inboxRuleSets,
  routes: () => [inboxRoutes()],
  jobs: ({ database }) => [{ name: 'reminders', intervalMs: 15 * 60_000, run: () => runReminders(database, { now: new Date() }) }],
  recordKinds: [{ kind: 'message', scope: 'personal', segment: 'inbox' }],
});
