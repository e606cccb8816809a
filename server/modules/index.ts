import type { AppDeps } from '../platform/http/context';
import type { Job } from '../platform/jobs';
import type { ModuleDefinition } from '../platform/modules/define-module';
import { registerModules } from '../platform/modules/registry';
import { platformModule } from '../platform/platform.module';
import { auditModule } from './audit/audit.module';
import { authModule } from './auth/auth.module';
import { cockpitModule } from './cockpit/cockpit.module';
import { healthModule } from './health/health.module';
import { inboxModule } from './inbox/inbox.module';
import { librariesModule } from './libraries/libraries.module';
import { milestonesModule } from './milestones/milestones.module';
import { monthlyReportsModule } from './monthly-reports/monthly-reports.module';
import { orgModule } from './org/org.module';
import { projectsModule } from './projects/projects.module';
import { targetsModule } from './targets/targets.module';

/**
 * Every module of the platform, in mounting order. The app's routes, the jobs, the table
 * checks and the authorization matrix are built from this list; the permissions and audit
 * actions from `./catalog.ts`. Adding a module: docs/ADDING-A-MODULE.md.
 */
export const MODULES: readonly ModuleDefinition[] = [
  platformModule,
  healthModule,
  authModule,
  orgModule,
  auditModule,
  projectsModule,
  librariesModule,
  monthlyReportsModule,
  cockpitModule,
  milestonesModule,
  inboxModule,
  targetsModule,
];
registerModules(MODULES);

/** The periodic jobs of every module, for the running server. */
export function moduleJobs(deps: AppDeps): Job[] {
  return MODULES.flatMap((m) => m.jobs?.(deps) ?? []);
}
