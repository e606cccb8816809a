import type { ComponentType, ReactNode } from 'react';
import type { Permission } from '../../../common/permissions';
import type { DataScope } from '../../../common/roles';

/** A group of the side menu (领导驾驶舱, 项目管理 …); `order` places it among the others. */
export interface MenuGroup {
  key: string;
  path: string;
  name: string;
  icon: ReactNode;
  order: number;
}

/** A page's entry in the menu and on the 工作台. */
export interface MenuEntry {
  /** The key of the menu group it sits in (declared by any web module). */
  group: string;
  key: string;
  name: string;
  icon: ReactNode;
  testId: string;
  description: string;
  /**
   * The entry sits in `group` only for holders of one of these permissions (the 领导驾驶舱
   * group for `summary.read`); any other user who may open the page finds it in `otherGroup`.
   */
  groupPermission?: Permission | readonly Permission[];
  otherGroup?: string;
  /** Name and description for a data scope whose list is not the county's (「我的项目」 for 本项目). */
  byScope?: Partial<Record<DataScope, { name: string; description: string }>>;
}

/** One page of the app: where it is, who may open it, what it shows, and its menu entry if it has one. */
export interface PageDefinition {
  /** Absolute path of the router (`/projects/:id`). */
  path: string;
  /** Null: every logged-in user; a list: any one of them. */
  permission: Permission | readonly Permission[] | null;
  component: ComponentType;
  menu?: MenuEntry;
}

/** A module's pages (and the menu groups it introduces), declared once: the router and the menu are built from them. */
export interface WebModule {
  name: string;
  groups?: readonly MenuGroup[];
  pages: readonly PageDefinition[];
}

/** Declares a module's pages (see docs/ADDING-A-MODULE.md). */
export function definePages(module: WebModule): WebModule {
  return module;
}

/** Whether a user holds a permission, any one of a list, or (null) needs none. */
export function holdsAny(permission: Permission | readonly Permission[] | null, permissions: readonly string[]): boolean {
  if (permission === null) return true;
  const needed: readonly string[] = typeof permission === 'string' ? [permission] : permission;
  return needed.some((p) => permissions.includes(p));
}

/** Whether a user with these permissions may open a page. */
export function mayOpen(page: Pick<PageDefinition, 'permission'>, permissions: readonly string[]): boolean {
  return holdsAny(page.permission, permissions);
}
