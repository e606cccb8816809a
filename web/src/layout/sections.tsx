import { HomeOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { DataScope } from '../../../common/roles';
import { WEB_MODULES } from '../pages';
import { holdsAny, mayOpen, type MenuEntry, type MenuGroup, type PageDefinition } from './define-pages';

/** A page of the app shell with a menu entry, shown only to users who may open it. */
export interface Section {
  key: string;
  path: string;
  name: string;
  icon: ReactNode;
  testId: string;
  permission: PageDefinition['permission'];
  description: string;
  /** The menu entry as declared (its group rules and names by scope). */
  entry?: MenuEntry;
}

export interface SectionGroup {
  key: string;
  path: string;
  name: string;
  icon: ReactNode;
  sections: Section[];
}

export const HOME_SECTION: Section = {
  key: 'home',
  path: '/',
  name: '工作台',
  icon: <HomeOutlined />,
  testId: 'nav-home',
  permission: null,
  description: '个人信息与可用功能入口',
};

/** Every page of every web module (pages/index.ts). */
export const PAGES: readonly PageDefinition[] = WEB_MODULES.flatMap((m) => m.pages);

function buildGroups(): SectionGroup[] {
  const groups: MenuGroup[] = WEB_MODULES.flatMap((m) => m.groups ?? []).sort((a, b) => a.order - b.order);
  const sections = PAGES.filter((p) => p.menu);
  for (const page of sections) {
    for (const group of [page.menu!.group, page.menu!.otherGroup].filter((g): g is string => !!g)) {
      if (!groups.some((g) => g.key === group)) throw new Error(`页面 ${page.path} 的菜单分组 ${group} 未声明`);
    }
  }
  return groups.map((g) => ({
    key: g.key,
    path: g.path,
    name: g.name,
    icon: g.icon,
    sections: sections
      .filter((p) => p.menu!.group === g.key)
      .map(({ path, permission, menu }) => ({ key: menu!.key, path, name: menu!.name, icon: menu!.icon, testId: menu!.testId, permission, description: menu!.description, entry: menu })),
  }));
}

/** The menu: groups in order, each with the pages that declared an entry in it. */
export const SECTION_GROUPS: SectionGroup[] = buildGroups();

/** Who a menu is built for: what they may do and how far their data reach. */
export interface MenuUser {
  permissions: readonly string[];
  dataScope?: DataScope;
}

/**
 * The menu of one user: only the pages they may open, each in the group it sits in for them
 * (an entry with `groupPermission` moves to its `otherGroup` for the rest), named for their
 * data scope; groups left empty are dropped.
 */
export function menuFor({ permissions, dataScope }: MenuUser): SectionGroup[] {
  const placed = SECTION_GROUPS.flatMap((group) =>
    group.sections
      .filter((section) => mayOpen(section, permissions))
      .map((section) => {
        const entry = section.entry;
        const isInGroup = !entry?.groupPermission || holdsAny(entry.groupPermission, permissions);
        const groupKey = isInGroup ? group.key : entry?.otherGroup;
        const named = dataScope ? entry?.byScope?.[dataScope] : undefined;
        return { groupKey, isMoved: !isInGroup, section: named ? { ...section, ...named } : section };
      }),
  );
  // A group's own entries first, then those that moved in.
  const inGroup = (key: string) => [...placed.filter((p) => p.groupKey === key && !p.isMoved), ...placed.filter((p) => p.groupKey === key && p.isMoved)];
  return SECTION_GROUPS.map((group) => ({ ...group, sections: inGroup(group.key).map((p) => p.section) })).filter((group) => group.sections.length > 0);
}

/** The sections a user may open, by their permission list (and names for their data scope). */
export function visibleSections(permissions: readonly string[], dataScope?: DataScope): Section[] {
  return menuFor({ permissions, dataScope }).flatMap((group) => group.sections);
}
