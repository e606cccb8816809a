/**
 * The closed list of audited actions and entity labels, declared by each module's catalog
 * (`server/modules/<m>/<m>.catalog.ts`) and gathered in `server/modules/catalog.ts`.
 */
export { AUDIT_ACTIONS, AUDIT_ENTITY_LABELS, type AuditAction } from '../server/modules/catalog';
