import { STAGE_LABELS, type Stage } from '../../../common/projects';

/** A procedure as the stage guards see it. */
export interface GuardProcedure {
  name: string;
  status: string;
  isRequiredForStart: boolean;
  waiverReason: string | null;
}

/** What the guards look at. */
export interface TransitionFacts {
  stage: Stage;
  stageBeforeSuspension: Stage | null;
  actualStart: string | null;
  actualCompletion: string | null;
  procedures: GuardProcedure[];
  reason: string | null;
}

type Guard = (facts: TransitionFacts) => string | null;

const needsReason =
  (what: string): Guard =>
  (f) =>
    f.reason && f.reason.trim().length >= 2 ? null : `${what}须填写原因`;

const needsActualStart: Guard = (f) => (f.actualStart ? null : '转入在建须填写实际开工日期');

const needsProceduresDone: Guard = (f) => {
  const open = f.procedures.filter(
    (p) => p.isRequiredForStart && p.status !== 'approved' && !(p.status === 'not_required' && p.waiverReason?.trim()),
  );
  return open.length === 0 ? null : `以下前期手续尚未批复（或未注明不需办理的理由）：${open.map((p) => p.name).join('、')}`;
};

const needsActualCompletion: Guard = (f) => (f.actualCompletion ? null : '竣工须填写实际竣工日期');

const completionAfterStart: Guard = (f) =>
  f.actualStart && f.actualCompletion && f.actualCompletion < f.actualStart ? '实际竣工日期不能早于实际开工日期' : null;

/**
 * The one table of allowed stage transitions and their guards. 暂缓 may be entered from
 * any active stage and resumes to the stage it left; 终止 is final.
 */
export const STAGE_TRANSITIONS: Record<Stage, Partial<Record<Stage, Guard[]>>> = {
  planning: { reserve: [], suspended: [needsReason('暂缓')], terminated: [needsReason('终止')] },
  reserve: { planning: [needsReason('退回谋划')], preliminary: [], suspended: [needsReason('暂缓')], terminated: [needsReason('终止')] },
  preliminary: { reserve: [needsReason('退回储备')], ready: [], suspended: [needsReason('暂缓')], terminated: [needsReason('终止')] },
  ready: {
    preliminary: [needsReason('退回前期')],
    construction: [needsActualStart, needsProceduresDone],
    suspended: [needsReason('暂缓')],
    terminated: [needsReason('终止')],
  },
  construction: {
    completed: [needsActualCompletion, completionAfterStart],
    suspended: [needsReason('暂缓')],
    terminated: [needsReason('终止')],
  },
  completed: { operating: [needsActualCompletion] },
  operating: {},
  suspended: { terminated: [needsReason('终止')] },
  terminated: {},
};

/** The stages a project may move to next (with guards still to pass). */
export function nextStages(stage: Stage, stageBeforeSuspension: Stage | null): Stage[] {
  const targets = Object.keys(STAGE_TRANSITIONS[stage]) as Stage[];
  if (stage === 'suspended' && stageBeforeSuspension) targets.unshift(stageBeforeSuspension);
  return targets;
}

/** Checks a transition; returns the Chinese reasons it is refused (empty when allowed). */
export function checkTransition(facts: TransitionFacts, to: Stage): string[] {
  if (facts.stage === 'suspended' && to === facts.stageBeforeSuspension) {
    return needsReason('恢复建设')(facts) ? ['恢复须填写原因'] : [];
  }
  const guards = STAGE_TRANSITIONS[facts.stage][to];
  if (!guards) return [`不能从「${STAGE_LABELS[facts.stage]}」直接转为「${STAGE_LABELS[to]}」`];
  return guards.map((g) => g(facts)).filter((m): m is string => m !== null);
}
