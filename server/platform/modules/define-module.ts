import type { OpenAPIHono } from '@hono/zod-openapi';
import type { PgTable } from 'drizzle-orm/pg-core';
import { ROLES, type Role } from '../../../common/roles';
import type { DemoDivision, DemoUnit, DemoUser } from '../../demo/generate';
import type { DemoProject } from '../../demo/projects';
import type { AttachmentKind } from '../attachments/attachment-kinds';
import type { ReminderSource } from '../../modules/inbox';
import type { Tx } from '../db/client';
import type { MetricDefinition } from '../metrics/define-metric';
import type { RuleSet } from '../rules/define-rule-set';
import type { AppDeps, AppEnv } from '../http/context';
import type { Job } from '../jobs';

/** Every role: for permissions every logged-in user of any role holds. */
export const ALL_ROLES: readonly Role[] = ROLES;

/** A permission a module introduces: its Chinese label and the roles granted it. */
export interface PermissionDeclaration {
  label: string;
  roles: readonly Role[];
}

/**
 * What a module adds to the platform's closed lists, as plain data (no server imports), so
 * the browser may read it too: permissions with the roles granted each, audited actions and
 * the kinds of entity the audit log names, reminder kinds of the inbox.
 */
export interface ModuleCatalog<P extends string = string, A extends string = string, R extends string = string> {
  permissions: { readonly [K in P]: PermissionDeclaration };
  auditActions: { readonly [K in A]: string };
  entityLabels: Readonly<Record<string, string>>;
  reminderKinds?: { readonly [K in R]: string };
}

/** Declares a module's catalog, keeping its permission, action and reminder names as literal types. */
export function defineCatalog<const P extends string, const A extends string, const R extends string = never>(
  catalog: ModuleCatalog<P, A, R>,
): ModuleCatalog<P, A, R> {
  return catalog;
}

/**
 * A kind of record whose id the module's routes take, for the authorization matrix
 * (tests/http/authorization-matrix.test.ts): how its ids appear in requests and how far a
 * caller reaches it. The matrix calls every route with a record inside and outside the
 * caller's scope; the records are made by the module's test world (`<m>.world.ts`).
 */
export interface RecordKind {
  /** Name in the matrix (`project`, `libraryRequest` …). */
  kind: string;
  /** How far a caller reaches it: `region` the caller's division and those below; `project` as the caller's projects; `personal` the caller's own; `own-division` exactly the caller's division. */
  scope: 'region' | 'project' | 'personal' | 'own-division';
  /** The path segment before `{id}` (`deals` in `/api/deals/{id}`). */
  segment?: string;
  /** Other uuid path parameters naming it (`projectId`). */
  pathParams?: readonly string[];
  /** Request body fields holding its id. */
  bodyFields?: readonly string[];
  /** List query filters holding its id (or code). */
  filterFields?: readonly string[];
  /**
   * Whether users of a city or province may write a county's records of this kind (units and
   * users, which their administrators provision). By default they read and roll up, and a write
   * answers 403 (policy `writesIn`).
   */
  higherLevelsWrite?: boolean;
}

/** What a module's demo section sees of one division while the demo data set is loaded. */
export interface DemoDivisionContext {
  /** The division's loading transaction: the module's rows commit with the division's. */
  tx: Tx;
  seed: number;
  /** The day the data describe, 'YYYY-MM-DD'. */
  asOf: string;
  division: DemoDivision;
  units: readonly DemoUnit[];
  users: readonly DemoUser[];
  projects: readonly DemoProject[];
}

/** A module's part of the demo data: generated from its own random stream (`rngFor(seed, '<module>', code)`) and inserted per division. */
export interface ModuleDemo {
  /** Inserts the module's demo records of one division; returns how many rows it wrote. */
  loadDivision(context: DemoDivisionContext): Promise<number>;
}

/** Everything the platform needs to know about one domain module. */
export interface ModuleDefinition {
  /** Folder name under `server/modules/` (or `platform` for the platform's own tables). */
  name: string;
  /** Chinese name, for documents and errors. */
  label: string;
  catalog: ModuleCatalog;
  /** The module's Drizzle tables (`import * as tables from './x.tables'`). */
  tables: Record<string, unknown>;
  /**
   * Tables shared by every division of a deployment (SQL names): no `division_code` in their keys.
   * Anything else is a business table and must carry `division_code` in every key.
   */
  referenceTables?: readonly string[];
  /** The module's routers, mounted in the order given. */
  routes?: () => ReadonlyArray<OpenAPIHono<AppEnv>>;
  /** Periodic background work of the running server. */
  jobs?: (deps: AppDeps) => Job[];
  /** Rule sets the module reads (thresholds, days, caps): data the 发改局 may change per division. */
  ruleSets?: readonly RuleSet[];
  /** Figures the module computes for targets, the cockpit, documents and assessment. */
  metrics?: readonly MetricDefinition[];
  /** Sources of inbox reminders (deadlines, countdowns, escalation), collected by the inbox's job; their kinds are declared in the catalog. */
  reminders?: readonly ReminderSource[];
  /** Kinds of record of the module that carry files (`defineAttachmentKind`), with their limits and checks. */
  attachmentKinds?: readonly AttachmentKind[];
  /** The module's demo data, loaded after the organisation and the project library of each division. */
  demo?: ModuleDemo;
  /** Record kinds whose ids the module's routes take (checked by the authorization matrix). */
  recordKinds?: readonly RecordKind[];
}

/** Declares a module (see docs/ADDING-A-MODULE.md). */
export function defineModule<const M extends ModuleDefinition>(definition: M): M {
  return definition;
}

/** The Drizzle tables among a module's exports. */
export function tablesOf(module: ModuleDefinition): PgTable[] {
  return Object.values(module.tables).filter(isTable);
}

function isTable(value: unknown): value is PgTable {
  return typeof value === 'object' && value !== null && Symbol.for('drizzle:IsDrizzleTable') in value;
}
