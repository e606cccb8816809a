import { definePolicy, holds, writesIn } from '../../platform/auth/policy';

/** What the target policy reads of a division's targets. */
export interface TargetFacts {
  divisionCode: string;
}

/**
 * May this actor set and decompose the targets of a division: the division's own 发改局 —
 * a city or province reads and rolls up its counties' targets but does not set them.
 */
export const targetPolicy = definePolicy<TargetFacts, 'manage'>({
  actions: ['manage'],
  who: { manage: (actor, t) => holds(actor, 'target.manage') && writesIn(actor, t.divisionCode) },
  refusals: { manage: '上级部门只能查看和汇总下级的目标任务，不能修改' },
});
