import { STAGE_LABELS, STAGES, type Stage } from '../../../common/projects';
import { insertChunks, type DbOrTx } from '../../platform/db/client';
import { defineMachine, type Guard, type HistoryRow } from '../../platform/workflow/machine';
import type { WorkflowContext } from '../../platform/workflow/transitions';
import { stageTransitions } from './projects.tables';

/** A procedure as the stage guards see it. */
export interface GuardProcedure {
  name: string;
  status: string;
  isRequiredForStart: boolean;
  waiverReason: string | null;
}

/** What the stage guards read on the project itself. */
export interface StageFacts {
  stageBeforeSuspension: Stage | null;
}

/** What a stage change brings or needs checked when it is made. */
export interface StageChange {
  actualStart: string | null;
  actualCompletion: string | null;
  procedures: GuardProcedure[];
  reason: string | null;
}

/** Everything the checks look at, with the stage the project is in. */
export interface TransitionFacts extends StageFacts, StageChange {
  stage: Stage;
}

type Check = Guard<StageFacts & StageChange>;

const needsReason =
  (what: string): Check =>
  (f) =>
    f.reason && f.reason.trim().length >= 2 ? null : `${what}须填写原因`;

const needsActualStart: Check = (f) => (f.actualStart ? null : '转入在建须填写实际开工日期');

const needsProceduresDone: Check = (f) => {
  const open = f.procedures.filter(
    (p) => p.isRequiredForStart && p.status !== 'approved' && !(p.status === 'not_required' && p.waiverReason?.trim()),
  );
  return open.length === 0 ? null : `以下前期手续尚未批复（或未注明不需办理的理由）：${open.map((p) => p.name).join('、')}`;
};

const needsActualCompletion: Check = (f) => (f.actualCompletion ? null : '竣工须填写实际竣工日期');

const completionAfterStart: Check = (f) =>
  f.actualStart && f.actualCompletion && f.actualCompletion < f.actualStart ? '实际竣工日期不能早于实际开工日期' : null;

// 暂缓 resumes only to the stage it left.
const resumesTo =
  (stage: Stage): Guard<StageFacts> =>
  (f) =>
    f.stageBeforeSuspension === stage ? null : `不能从「${STAGE_LABELS.suspended}」直接转为「${STAGE_LABELS[stage]}」`;

const ACTIVE: Stage[] = ['planning', 'reserve', 'preliminary', 'ready', 'construction'];

async function writeStageHistory(tx: DbOrTx, rows: HistoryRow[]) {
  const values = rows.map((r) => ({
    divisionCode: r.divisionCode,
    projectId: r.recordId,
    fromStage: r.from,
    toStage: r.to,
    reason: r.reason?.trim() || null,
    actorId: r.actor.id,
    actorName: r.actor.displayName,
  }));
  await insertChunks(tx, stageTransitions, values, 2000);
}

const P = 'project.transition' as const;

/**
 * The project stage: the one table of allowed stage transitions and their checks. 暂缓 may be
 * entered from any active stage and resumes to the stage it left; 终止 is final. Its history
 * is `stage_transitions`. The order of rows is the order the UI offers them.
 */
export const stageMachine = defineMachine<Stage, StageFacts, StageChange, WorkflowContext>({
  kind: 'project_stage',
  states: STAGES,
  labels: STAGE_LABELS,
  history: writeStageHistory,
  describeRefusal: (problems, { to }) => `不能转为「${STAGE_LABELS[to]}」：${problems.join('；')}`,
  transitions: [
    { from: 'planning', to: 'reserve', action: 'advance', permission: P },
    { from: 'reserve', to: 'planning', action: 'return', permission: P, requires: [needsReason('退回谋划')] },
    { from: 'reserve', to: 'preliminary', action: 'advance', permission: P },
    { from: 'preliminary', to: 'reserve', action: 'return', permission: P, requires: [needsReason('退回储备')] },
    { from: 'preliminary', to: 'ready', action: 'advance', permission: P },
    { from: 'ready', to: 'preliminary', action: 'return', permission: P, requires: [needsReason('退回前期')] },
    { from: 'ready', to: 'construction', action: 'start', permission: P, requires: [needsActualStart, needsProceduresDone] },
    { from: 'construction', to: 'completed', action: 'complete', permission: P, requires: [needsActualCompletion, completionAfterStart] },
    { from: 'completed', to: 'operating', action: 'operate', permission: P, requires: [needsActualCompletion] },
    { from: ACTIVE, to: 'suspended', action: 'suspend', permission: P, requires: [needsReason('暂缓')] },
    ...ACTIVE.map((stage) => ({ from: 'suspended' as const, to: stage, action: 'resume', permission: P, guards: [resumesTo(stage)], requires: [needsReason('恢复')] })),
    { from: [...ACTIVE, 'suspended'], to: 'terminated', action: 'terminate', permission: P, requires: [needsReason('终止')] },
  ],
});

const anyTransitioner = { permissions: [P] };

/** The stages a project may move to next (with the checks on the change still to pass). */
export function nextStages(stage: Stage, stageBeforeSuspension: Stage | null): Stage[] {
  return stageMachine.allowedTransitions(stage, anyTransitioner, { stageBeforeSuspension }).map((t) => t.to);
}

/** Checks a transition; returns the Chinese reasons it is refused (empty when allowed). */
export function checkTransition(facts: TransitionFacts, to: Stage): string[] {
  return stageMachine.check(facts.stage, { to }, anyTransitioner, facts).problems;
}
