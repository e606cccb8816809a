import type { DataScope } from '../../../common/roles';

/** Who is looking: enough to say whose records a list holds. */
export interface ScopeOwner {
  dataScope: DataScope;
  divisionName: string | null;
  unitName: string | null;
}

/** Whose projects a list of the caller shows, in words: 「河西县」, 「河西县水务局主管」, 「本单位建设」. */
export function projectsOwnerWords({ dataScope, divisionName, unitName }: ScopeOwner): string {
  switch (dataScope) {
    case 'project':
      return `${unitName ?? '本单位'}建设`;
    case 'unit':
      return `${unitName ?? '本单位'}主管`;
    case 'township':
      return `${unitName ?? '本乡镇'}辖区`;
    case 'division':
      return divisionName ?? '本行政区划';
    case 'all':
      return '全部';
  }
}

/** The title and subtitle of the project list for the caller's scope: 「我的项目」 for a 项目单位, the county's 台账 for the 发改局. */
export function projectListTitles(owner: ScopeOwner): { title: string; subTitle: string } {
  const whose = projectsOwnerWords(owner);
  if (owner.dataScope === 'project') return { title: '我的项目', subTitle: `${whose}的项目：维护项目信息、前期手续与附件` };
  if (owner.dataScope === 'division' || owner.dataScope === 'all') return { title: '项目库', subTitle: `${whose}项目统一台账，按阶段、领域、单位与投资规模检索` };
  return { title: '项目库', subTitle: `${whose}的项目，按阶段、领域与投资规模检索` };
}
