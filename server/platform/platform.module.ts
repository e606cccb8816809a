import * as attachmentTables from './attachments/attachments.tables';
import { refreshStatistics } from './db/statistics';
import { defineModule } from './modules/define-module';
import { rulesCatalog } from './rules/rules.catalog';
import { ruleRoutes } from './rules/rules.routes';
import * as ruleTables from './rules/rules.tables';
import * as workflowTables from './workflow/workflow.tables';

/**
 * The platform's own tables and jobs, shared by every module: versioned rule sets, the
 * transition history of the workflow kit, the attachments of every record kind, and the
 * planner statistics of the embedded database.
 */
export const platformModule = defineModule({
  name: 'platform',
  label: '平台',
  catalog: rulesCatalog,
  routes: () => [ruleRoutes()],
  tables: { ...ruleTables, ...workflowTables, ...attachmentTables },
  // The embedded database has no autovacuum to keep the planner's statistics fresh.
  jobs: ({ database }) =>
    database.kind === 'embedded' ? [{ name: 'statistics', intervalMs: 6 * 3600_000, runAtStart: false, run: () => refreshStatistics(database) }] : [],
});
