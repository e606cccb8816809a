import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Permission } from '../../../common/permissions';
import type { Stage } from '../../../common/projects';
import { PROJECT_ACTIONS, type ProjectAction } from './projects.actions';
import type { Role } from '../../../common/roles';
import { definePolicy, holds, writesIn } from '../../platform/auth/policy';
import { actorRegion } from '../../platform/auth/scope';
import type { Actor } from '../../platform/http/context';
import { nextStages } from './lifecycle';
import type { ProjectListRow } from './projects.repository';
import { projects } from './projects.tables';

/**
 * The projects a caller reaches, as a WHERE condition: the region for division-wide roles,
 * the unit's own projects (as responsible department or as owner) for departments, the
 * township's for townships, the owner's for project owners.
 */
export function projectScope(actor: Actor): SQL | undefined {
  const region = actorRegion(actor, projects.divisionCode);
  if (actor.dataScope === 'all') return undefined;
  if (actor.dataScope === 'division') return region;
  if (!actor.unitId) return sql`false`;
  switch (actor.dataScope) {
    case 'unit':
      return and(region, or(eq(projects.departmentId, actor.unitId), eq(projects.ownerUnitId, actor.unitId)));
    case 'township':
      return and(region, eq(projects.townshipId, actor.unitId));
    case 'project':
      return and(region, eq(projects.ownerUnitId, actor.unitId));
  }
}

/** What the project policy reads of a project (loaded inside the caller's scope). */
export interface ProjectFacts {
  divisionCode: string;
  ownerUnitId: string;
  departmentId: string | null;
  townshipId: string | null;
  stage: string;
  stageBeforeSuspension: string | null;
  createdBy: string | null;
  /** The unit of the user who created the project. */
  creatorUnitId: string | null;
  /** The owner units of the libraries the project sits in (the 商务局 owns the 招商引资项目库). */
  libraryOwnerUnitIds: readonly string[];
}

/** What the project policy reads of a project loaded with `projects.repository`. */
export function projectFacts(row: ProjectListRow): ProjectFacts {
  return { ...row.project, creatorUnitId: row.creatorUnitId, libraryOwnerUnitIds: row.libraryOwnerUnitIds ?? [] };
}

/**
 * Which of the projects in its data scope a role changes: every one (`scope`), or — the
 * 商务局, which reads the whole county — only those it promotes (`promoted`): projects in a
 * library its unit owns (the 招商引资项目库) or created by its unit.
 */
const CHANGE_REACH: Record<Role, 'scope' | 'promoted'> = {
  admin: 'scope',
  auditor: 'scope',
  leader: 'scope',
  drc: 'scope',
  department: 'scope',
  commerce: 'promoted',
  township: 'scope',
  owner: 'scope',
  inspector: 'scope',
};

/** Whether the caller's rights on a project depend on who promotes it (its libraries' owner units, its creator's unit): lists load those facts only then. */
export function readsPromotionFacts(actor: Actor): boolean {
  return CHANGE_REACH[actor.role] === 'promoted';
}

/** Whether the caller may change a project it can see (any write on it or its records). */
export function changesProject(actor: Actor, p: ProjectFacts): boolean {
  if (!writesIn(actor, p.divisionCode)) return false;
  if (CHANGE_REACH[actor.role] === 'scope') return true;
  return actor.unitId !== null && (p.libraryOwnerUnitIds.includes(actor.unitId) || p.creatorUnitId === actor.unitId || p.createdBy === actor.id);
}

const refusal = (what: string) => (actor: Actor, p: ProjectFacts) =>
  !writesIn(actor, p.divisionCode) ? `上级部门只能查看和汇总县级项目，不能${what}` : `该项目不在本单位的项目库中，也不是本单位新建的，您不能${what}`;

export type { ProjectAction };

const changeWith = (permission: Permission) => (actor: Actor, p: ProjectFacts) => holds(actor, permission) && changesProject(actor, p);

/**
 * The stage moves the stage machine offers from the project's stage. The hook for the
 * workflow kit: when the project stage is a `defineMachine`, this asks its `allowedTransitions`.
 */
export function stageMovesOf(p: Pick<ProjectFacts, 'stage' | 'stageBeforeSuspension'>): Stage[] {
  return nextStages(p.stage as Stage, p.stageBeforeSuspension as Stage | null);
}

/** May this actor do X to this project. */
export const projectPolicy = definePolicy<ProjectFacts, ProjectAction>({
  actions: PROJECT_ACTIONS,
  who: {
    update: changeWith('project.update'),
    transition: changeWith('project.transition'),
    requestLibrary: (actor, p) => holds(actor, 'library.request') && writesIn(actor, p.divisionCode),
    uploadDocument: changeWith('document.upload'),
    updateProcedures: changeWith('procedure.update'),
    manageMilestones: changeWith('milestone.manage'),
    fillReport: (actor, p) => holds(actor, 'report.fill') && writesIn(actor, p.divisionCode),
  },
  when: {
    update: (p) => p.stage !== 'terminated',
    transition: (p) => stageMovesOf(p).length > 0,
  },
  refusals: {
    update: refusal('修改'),
    transition: refusal('变更阶段'),
    requestLibrary: refusal('申请入库'),
    uploadDocument: refusal('上传附件'),
    updateProcedures: refusal('更新前期手续'),
    manageMilestones: refusal('维护里程碑'),
    fillReport: refusal('填报月报'),
  },
});

type UnitFields = { ownerUnitId?: string | null; departmentId?: string | null; townshipId?: string | null };

/**
 * The unit fields a narrow scope forces on a project it creates or changes, so that no one
 * files a project outside their own scope or moves one out of it: a department stays its
 * 主管部门 (unless it is the owner), a township its 所在乡镇, a project owner its 建设单位.
 * `fields` are the project's unit fields after the change.
 */
export function forcedUnitFields(actor: Actor, fields: UnitFields): { ownerUnitId?: string; departmentId?: string; townshipId?: string } {
  if (!actor.unitId) return {};
  if (actor.dataScope === 'unit' && fields.ownerUnitId !== actor.unitId) return { departmentId: actor.unitId };
  if (actor.dataScope === 'township') return { townshipId: actor.unitId };
  if (actor.dataScope === 'project') return { ownerUnitId: actor.unitId };
  return {};
}
