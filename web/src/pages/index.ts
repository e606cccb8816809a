import type { WebModule } from '../layout/define-pages';
import { cockpitPages } from './cockpit/cockpit.pages';
import { milestonesPages } from './milestones/milestones.pages';
import { monthlyPages } from './monthly/monthly.pages';
import { projectsPages } from './projects/projects.pages';
import { settingsPages } from './settings/settings.pages';
import { systemPages } from './system/system.pages';
import { targetsPages } from './targets/targets.pages';

/**
 * Every module's pages, in menu order within each group. The router (app.tsx), the side
 * menu and the 工作台 cards are built from this list; a new module adds its `<m>.pages.tsx` here.
 */
export const WEB_MODULES: readonly WebModule[] = [cockpitPages, milestonesPages, targetsPages, projectsPages, monthlyPages, systemPages, settingsPages];
