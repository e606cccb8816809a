import { milestoneReminders } from './milestones.reminders';
import { defineModule } from '../../platform/modules/define-module';
import { milestonesCatalog } from './milestones.catalog';
import { milestoneRoutes } from './milestones.routes';
import * as tables from './milestones.tables';

/** Milestone plans of key projects and the portfolio Gantt (挂图作战). */
export const milestonesModule = defineModule({
  name: 'milestones',
  label: '挂图作战',
  catalog: milestonesCatalog,
  tables,
  routes: () => [milestoneRoutes()],
  reminders: [milestoneReminders],
  recordKinds: [{ kind: 'milestone', scope: 'project', segment: 'milestones' }],
});
