import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../../common/permissions';
import { DEFAULT_SCOPE, ROLES, type Role } from '../../common/roles';
import { mayOpen } from '../../web/src/layout/define-pages';
import { menuFor, PAGES } from '../../web/src/layout/sections';

const menuOf = (role: Role) => menuFor({ permissions: ROLE_PERMISSIONS[role], dataScope: DEFAULT_SCOPE[role] });
const groupsOf = (role: Role) => Object.fromEntries(menuOf(role).map((g) => [g.name, g.sections.map((s) => s.name)]));

describe('the menu of each role', () => {
  it('lists every page the role may open exactly once, and nothing else', () => {
    for (const role of ROLES) {
      const permissions = ROLE_PERMISSIONS[role];
      const paths = menuOf(role).flatMap((g) => g.sections.map((s) => s.path));
      expect(paths.filter((p, i) => paths.indexOf(p) !== i), role).toEqual([]);
      expect([...paths].sort(), role).toEqual(
        PAGES.filter((p) => p.menu && mayOpen(p, permissions))
          .map((p) => p.path)
          .sort(),
      );
    }
  });

  it('shows the 领导驾驶舱 group only to roles that read the figures', () => {
    for (const role of ROLES) {
      const readsFigures = ROLE_PERMISSIONS[role].includes('summary.read');
      expect(Object.keys(groupsOf(role)).includes('领导驾驶舱'), role).toBe(readsFigures);
    }
    expect(groupsOf('leader')['领导驾驶舱']).toEqual(['驾驶舱', '挂图作战', '目标任务']);
    expect(groupsOf('owner')['领导驾驶舱']).toBeUndefined();
    expect(groupsOf('commerce')['领导驾驶舱']).toBeUndefined();
    expect(groupsOf('admin')['领导驾驶舱']).toBeUndefined();
  });

  it('names a 项目单位’s entries for its own projects', () => {
    const owner = groupsOf('owner');
    // Its own entries first, then the milestone plans that moved in from the leaders' group.
    expect(owner['项目管理']).toEqual(['我的项目', '前期手续', '里程碑计划']);
    expect(groupsOf('drc')['项目管理']).toContain('项目库');
    // The 商务局 keeps its targets, among the project pages.
    expect(groupsOf('commerce')['项目管理']).toContain('目标任务');
  });

  it('gives the administrator the system pages only (no business data, SPEC §1) and the auditor only the audit log', () => {
    expect(Object.keys(groupsOf('admin'))).toEqual(['系统管理']);
    expect(groupsOf('admin')['系统管理']).toEqual(expect.arrayContaining(['单位管理', '用户管理', '审计日志']));
    expect(Object.keys(groupsOf('auditor'))).toEqual(['系统管理']);
  });
});
