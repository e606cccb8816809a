import type { Permission } from '../../../common/permissions';
import type { DbOrTx } from '../db/client';
import { AppError } from '../http/errors';

/** A check on the record (and the actor, when the facts carry it): a Chinese refusal, or null when it passes. */
export type Guard<F> = (facts: F) => string | null;

/** Side work of a transition, run in the same transaction after the record is updated. */
export type Effect<S extends string, F, I, C> = (ctx: EffectContext<S, F, I, C>) => Promise<void>;

export interface EffectContext<S extends string, F, I, C> {
  /** What the caller hands through (usually the open transaction and the actor). */
  context: C;
  divisionCode: string;
  recordId: string;
  from: S | null;
  to: S;
  action: string;
  facts: F & I;
}

/** One allowed move of a machine. `from: null` creates the record in `to`. */
export interface TransitionDef<S extends string, F, I, C> {
  from: S | null | ReadonlyArray<S | null>;
  to: S;
  /** A short English verb (`submit`, `approve`); stored in the history. */
  action: string;
  /** The action in Chinese, for messages and buttons (`提交`, `审核通过`). */
  label?: string;
  permission: Permission;
  /** Checks on the record: evaluated by `allowedTransitions` and again when the action is taken. */
  guards?: ReadonlyArray<Guard<F>>;
  /** Checks on what the action brings (a reason, a date, facts loaded then): evaluated only when it is taken. */
  requires?: ReadonlyArray<Guard<F & I>>;
  effects?: ReadonlyArray<Effect<S, F, I, C>>;
  /** The message when the action is tried from a state it does not leave from (default: 不能从「…」…). */
  refused?: string | ((from: S | null, facts: F) => string);
}

export interface MachineDefinition<S extends string, F, I, C> {
  /** The `record_kind` of its history rows: `monthly_report`, `library_request`, … */
  kind: string;
  states: readonly S[];
  labels: Record<S, string>;
  transitions: ReadonlyArray<TransitionDef<S, F, I, C>>;
  /** Joins the problems of a refused transition into one message (default: joined by 「；」). */
  describeRefusal?: (problems: string[], move: { from: S | null; to: S; action: string }) => string;
  /** Where the history goes (default: `record_transitions` under `kind`). */
  history?: HistoryWriter;
}

/** One row of transition history. */
export interface HistoryRow {
  divisionCode: string;
  recordId: string;
  from: string | null;
  to: string;
  action: string;
  reason?: string | null;
  actor: { id: string | null; displayName: string };
}

/** Writes history rows in bulk inside the caller's transaction. */
export type HistoryWriter = (tx: DbOrTx, rows: HistoryRow[]) => Promise<void>;

/** Who asks: an actor, or anything carrying the permissions of one. */
export interface Asker {
  permissions: readonly Permission[];
}

/** A move the caller names: by action (`approve`) or by the target state (`construction`). */
export type Move<S extends string> = { action: string; to?: undefined } | { to: S; action?: undefined };

export interface CheckResult<S extends string, F, I, C> {
  transition: TransitionDef<S, F, I, C> | null;
  /** Chinese reasons it is refused; empty when allowed. */
  problems: string[];
  /** Which kind of refusal: no such move, missing permission, or a guard. */
  refusal: 'state' | 'permission' | 'guard' | null;
}

/** One move a caller may take now. */
export interface AllowedTransition<S extends string> {
  action: string;
  to: S;
  label: string;
}

export interface Machine<S extends string, F, I, C> extends MachineDefinition<S, F, I, C> {
  /** Whether a string is a state of this machine. */
  isState(value: string): value is S;
  /** The transitions leaving a state (table only, no permission or guard). */
  from(state: S | null): Array<TransitionDef<S, F, I, C>>;
  /** Checks a move without throwing: table, then permission, then guards, then `requires`. */
  check(from: S | null, move: Move<S>, who: Asker, facts: F & I): CheckResult<S, F, I, C>;
  /** Like `check`, but throws: CONFLICT for a state or guard refusal, FORBIDDEN for a missing permission. */
  assert(from: S | null, move: Move<S>, who: Asker, facts: F & I): TransitionDef<S, F, I, C>;
  /** The moves the asker may take from a state given the record's facts (what the UI should offer). */
  allowedTransitions(state: S | null, who: Asker, facts: F): Array<AllowedTransition<S>>;
  /** Runs the effects of a transition in order. */
  runEffects(transition: TransitionDef<S, F, I, C>, ctx: EffectContext<S, F, I, C>): Promise<void>;
}

const leaves = <S extends string>(t: { from: S | null | ReadonlyArray<S | null> }, state: S | null) =>
  Array.isArray(t.from) ? (t.from as ReadonlyArray<S | null>).includes(state) : t.from === state;

/**
 * Declares a state machine: its states with Chinese labels and the one table of allowed
 * transitions, each with the permission it needs, its guards and its effects. Type
 * parameters: S the states, F the record facts guards read, I what the action brings,
 * C what effects receive (the transaction, the actor).
 */
export function defineMachine<S extends string, F = object, I = object, C = unknown>(definition: MachineDefinition<S, F, I, C>): Machine<S, F, I, C> {
  const { labels, transitions } = definition;
  for (const t of transitions) {
    const froms = Array.isArray(t.from) ? t.from : [t.from];
    for (const s of [...froms, t.to]) {
      if (s !== null && !definition.states.includes(s as S)) throw new Error(`${definition.kind}: unknown state ${String(s)} in transition ${t.action}`);
    }
  }
  const stateLabel = (s: S | null) => (s === null ? '新建' : labels[s]);
  const actionLabel = (t: { action: string; label?: string; to: S }) => t.label ?? labels[t.to];
  const describe = definition.describeRefusal ?? ((problems: string[]) => problems.join('；'));

  const check = (from: S | null, move: Move<S>, who: Asker, facts: F & I): CheckResult<S, F, I, C> => {
    const candidates = transitions.filter((t) => (move.action !== undefined ? t.action === move.action : t.to === move.to));
    const leaving = candidates.filter((t) => leaves(t, from));
    if (!leaving.length) {
      const named = candidates.find((t) => t.refused);
      const message = named?.refused
        ? typeof named.refused === 'string'
          ? named.refused
          : named.refused(from, facts)
        : move.action !== undefined
          ? `「${stateLabel(from)}」状态下不能${candidates[0] ? actionLabel(candidates[0]) : move.action}`
          : `不能从「${stateLabel(from)}」直接转为「${labels[move.to]}」`;
      return { transition: null, problems: [message], refusal: 'state' };
    }
    // Several rows may leave the same state by the same action (e.g. 恢复 to each stage left): the first whose guards pass wins.
    let firstRefused: CheckResult<S, F, I, C> | null = null;
    for (const t of leaving) {
      if (!who.permissions.includes(t.permission)) {
        firstRefused ??= { transition: t, problems: [`您没有「${actionLabel(t)}」的权限`], refusal: 'permission' };
        continue;
      }
      const guardProblems = (t.guards ?? []).map((g) => g(facts)).filter((m): m is string => m !== null);
      if (guardProblems.length) {
        firstRefused ??= { transition: t, problems: guardProblems, refusal: 'guard' };
        continue;
      }
      const required = (t.requires ?? []).map((g) => g(facts)).filter((m): m is string => m !== null);
      if (required.length) {
        firstRefused ??= { transition: t, problems: required, refusal: 'guard' };
        continue;
      }
      return { transition: t, problems: [], refusal: null };
    }
    return firstRefused!;
  };

  return {
    ...definition,
    isState: (value: string): value is S => definition.states.includes(value as S),
    from: (state) => transitions.filter((t) => leaves(t, state)),
    check,
    assert(from, move, who, facts) {
      const result = check(from, move, who, facts);
      if (result.refusal === null) return result.transition!;
      if (result.refusal === 'permission') throw new AppError('FORBIDDEN', result.problems[0]);
      const to = result.transition?.to ?? move.to ?? transitions.find((t) => t.action === move.action)?.to;
      const action = result.transition?.action ?? move.action ?? '';
      throw new AppError('CONFLICT', to === undefined ? result.problems.join('；') : describe(result.problems, { from, to, action }));
    },
    allowedTransitions(state, who, facts) {
      const allowed: Array<AllowedTransition<S>> = [];
      for (const t of transitions) {
        if (!leaves(t, state) || !who.permissions.includes(t.permission)) continue;
        if ((t.guards ?? []).some((g) => g(facts) !== null)) continue;
        if (allowed.some((a) => a.action === t.action && a.to === t.to)) continue;
        allowed.push({ action: t.action, to: t.to, label: actionLabel(t) });
      }
      return allowed;
    },
    async runEffects(transition, ctx) {
      for (const effect of transition.effects ?? []) await effect(ctx);
    },
  };
}
