/** Every table, for Drizzle and drizzle-kit. Each module declares its own in `*.tables.ts`. */
export * from '../../modules/org/org.tables';
export * from '../auth/auth.tables';
export * from '../audit/audit.tables';
