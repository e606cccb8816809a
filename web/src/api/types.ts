/**
 * The API's answers about users, units, divisions and the audit log, derived from the
 * server's zod schemas (type-only imports: no server code reaches the bundle).
 */
import type { z } from 'zod';
import type { AuditEntry as AuditEntrySchema, VerifyResult } from '../../../server/modules/audit/audit.schemas';
import type { LoginResponse, Me as MeSchema } from '../../../server/modules/auth/auth.schemas';
import type { Division as DivisionSchema, Unit as UnitSchema, User as UserSchema } from '../../../server/modules/org/org.schemas';

/** The logged-in user, as `/api/me` and the login answer describe them. */
export type Me = z.output<typeof MeSchema>;
export type LoginAnswer = z.output<typeof LoginResponse>;
export type Division = z.output<typeof DivisionSchema>;
export type Unit = z.output<typeof UnitSchema>;
export type User = z.output<typeof UserSchema>;
export type AuditEntry = z.output<typeof AuditEntrySchema>;
export type AuditVerifyResult = z.output<typeof VerifyResult>;
