/** Every table, for Drizzle and drizzle-kit. Each module declares its own in `*.tables.ts`. */
export * from '../../modules/org/org.tables';
export * from '../auth/auth.tables';
export * from '../audit/audit.tables';
export * from '../../modules/projects/projects.tables';
export * from '../../modules/projects/procedures.tables';
export * from '../../modules/libraries/libraries.tables';
export * from '../../modules/monthly-reports/monthly-reports.tables';
export * from '../../modules/cockpit/cockpit.tables';
export * from '../../modules/milestones/milestones.tables';
export * from '../../modules/inbox/inbox.tables';
export * from '../../modules/targets/targets.tables';
export * from '../rules/rules.tables';
export * from '../workflow/workflow.tables';
export * from '../attachments/attachments.tables';
