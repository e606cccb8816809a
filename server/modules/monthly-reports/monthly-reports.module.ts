import { monthlyReportMetrics } from './monthly-reports.metrics';
import { monthlyReportRuleSets } from './monthly-reports.rules';
import { monthlyReportReminders } from './monthly-reports.reminders';
import { defineModule } from '../../platform/modules/define-module';
import { monthlyReportsCatalog } from './monthly-reports.catalog';
import { monthlyReportRoutes } from './monthly-reports.routes';
import * as tables from './monthly-reports.tables';
import { flagOverduePeriods } from './periods.service';

/** The monthly cycle: periods, reports and their review, lateness, the summary and its documents. */
export const monthlyReportsModule = defineModule({
  name: 'monthly-reports',
  label: '月报调度',
  catalog: monthlyReportsCatalog,
  tables,
  ruleSets: monthlyReportRuleSets,
  metrics: monthlyReportMetrics,
  routes: () => [monthlyReportRoutes()],
  reminders: [monthlyReportReminders],
  jobs: ({ database }) => [{ name: 'lateness', intervalMs: 60 * 60_000, run: () => flagOverduePeriods(database) }],
  recordKinds: [
    { kind: 'report', scope: 'project', segment: 'monthly-reports', bodyFields: ['reportIds'] },
    // A county's reopen requests are decided in the county (the city's 发改局 decides only those its 重开审批人 rule sent up).
    { kind: 'reopenRequest', scope: 'own-division', segment: 'period-reopen-requests' },
  ],
});
