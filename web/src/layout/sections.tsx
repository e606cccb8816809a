import { HomeOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { WEB_MODULES } from '../pages';
import { mayOpen, type MenuGroup, type PageDefinition } from './define-pages';

/** A page of the app shell with a menu entry, shown only to users who may open it. */
export interface Section {
  key: string;
  path: string;
  name: string;
  icon: ReactNode;
  testId: string;
  permission: PageDefinition['permission'];
  description: string;
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
    if (!groups.some((g) => g.key === page.menu!.group)) throw new Error(`页面 ${page.path} 的菜单分组 ${page.menu!.group} 未声明`);
  }
  return groups.map((g) => ({
    key: g.key,
    path: g.path,
    name: g.name,
    icon: g.icon,
    sections: sections
      .filter((p) => p.menu!.group === g.key)
      .map(({ path, permission, menu }) => ({ key: menu!.key, path, name: menu!.name, icon: menu!.icon, testId: menu!.testId, permission, description: menu!.description })),
  }));
}

/** The menu: groups in order, each with the pages that declared an entry in it. */
export const SECTION_GROUPS: SectionGroup[] = buildGroups();

/** The sections a user may open, by their permission list. */
export function visibleSections(permissions: readonly string[]): Section[] {
  return SECTION_GROUPS.flatMap((group) => group.sections).filter((section) => mayOpen(section, permissions));
}
