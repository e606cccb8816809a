import { WEB_MODULES } from '../../web/src/pages';

/** Every page with a menu entry, from the web modules' declarations (the paths a user can click to). */
export const PAGES_WITH_MENU: readonly string[] = WEB_MODULES.flatMap((m) => m.pages.filter((p) => p.menu).map((p) => p.path));
