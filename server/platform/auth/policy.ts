import type { Permission } from '../../../common/permissions';
import type { Role } from '../../../common/roles';
import type { Actor } from '../http/context';
import { AppError } from '../http/errors';
import { divisionPrefix } from './scope';

/*
 * Record policies, Outline-style: one file per resource (`projects.policy.ts`, …) answers
 * "may this actor take this action on this record". A service loads the record inside the
 * caller's data scope (404 outside it), then calls `authorize` (403 for an action the
 * caller may not take on a record they can see); the presenter sends `allowedActions`, so
 * the UI shows exactly the buttons the server accepts.
 *
 * A rule has two halves. `who` is about the caller (role, unit, division): failing it
 * answers 403. `when` is about the record's state (a draft, an open period, a pending
 * request): it only narrows `allowedActions` — refusing a state is the service's, or the
 * workflow machine's, with 409 and its own message.
 */

/** Whether the caller may take an action on a record, by who they are. */
export type WhoRule<R> = (actor: Actor, record: R) => boolean;
/** Whether the record's state lets the action be taken now. */
export type WhenRule<R> = (record: R) => boolean;

/** The declaration of a record policy. */
export interface PolicySpec<R, A extends string> {
  /** Every action, in the order the UI lists them. */
  actions: readonly A[];
  who: Record<A, WhoRule<R>>;
  when?: Partial<Record<A, WhenRule<R>>>;
  /** The 403 message of an action (the generic one when absent). */
  refusals?: Partial<Record<A, string | ((actor: Actor, record: R) => string)>>;
}

/** What a record policy answers. */
export interface RecordPolicy<R, A extends string> {
  readonly actions: readonly A[];
  /** Whether the caller may take the action on the record now (who and when). */
  can(actor: Actor, action: A, record: R): boolean;
  /** Whether the caller may take the action on the record, its state aside (who only). */
  permits(actor: Actor, action: A, record: R): boolean;
  /** The actions the caller may take on the record now: sent with the record to the UI. */
  allowedActions(actor: Actor, record: R): A[];
  /** Throws FORBIDDEN unless the caller may take the action on the record (its state is left to the service). */
  authorize(actor: Actor, action: A, record: R): void;
}

/** Declares a record policy. */
export function definePolicy<R, A extends string>(spec: PolicySpec<R, A>): RecordPolicy<R, A> {
  const isAllowedNow = (actor: Actor, action: A, record: R) => spec.who[action](actor, record) && (spec.when?.[action]?.(record) ?? true);
  return {
    actions: spec.actions,
    can: isAllowedNow,
    permits: (actor, action, record) => spec.who[action](actor, record),
    allowedActions: (actor, record) => spec.actions.filter((action) => isAllowedNow(actor, action, record)),
    authorize(actor, action, record) {
      if (spec.who[action](actor, record)) return;
      const refusal = spec.refusals?.[action];
      throw new AppError('FORBIDDEN', typeof refusal === 'function' ? refusal(actor, record) : refusal);
    },
  };
}

/** Whether the caller's role holds a permission. */
export function holds(actor: Actor, permission: Permission): boolean {
  return actor.permissions.includes(permission);
}

/**
 * Writes stay in the writer's own division: a city or province user reads and rolls up the
 * counties under it but changes none of their records (a 市发改委 does not edit a county's
 * project, report or period).
 */
export function writesIn(actor: Actor, divisionCode: string): boolean {
  return actor.divisionCode === divisionCode;
}

/** Whether a division is a county (the level where projects, reports and periods live). */
export function isCountyDivision(divisionCode: string): boolean {
  return divisionPrefix(divisionCode).length === 6;
}

/**
 * How far a role reviews (monthly reports, library requests) within its division: `division`
 * reviews every record, `unit` only those its own unit is responsible for (the project's
 * 主管部门, the library's owner unit). Roles without the review permission review nothing.
 */
export const REVIEW_REACH: Record<Role, 'division' | 'unit'> = {
  admin: 'unit',
  auditor: 'unit',
  leader: 'unit',
  drc: 'division',
  department: 'unit',
  commerce: 'unit',
  township: 'unit',
  owner: 'unit',
  inspector: 'unit',
};

/** Whether the caller reviews a record whose responsible unit is `unitId`. */
export function reviewsFor(actor: Actor, unitId: string | null): boolean {
  return REVIEW_REACH[actor.role] === 'division' || (actor.unitId !== null && unitId === actor.unitId);
}
