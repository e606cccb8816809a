import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLE_PERMISSIONS } from '../../common/permissions';
import { ROLES } from '../../common/roles';
import { mayOpen } from '../../web/src/layout/define-pages';
import { PAGES, SECTION_GROUPS, visibleSections } from '../../web/src/layout/sections';

const needed = (permission: (typeof PAGES)[number]['permission']): string[] =>
  permission === null ? [] : typeof permission === 'string' ? [permission] : [...permission];

describe('the web app’s page declarations', () => {
  it('name only permissions the server declares, each held by some role', () => {
    const known = new Set<string>(PERMISSIONS);
    for (const page of PAGES) {
      for (const p of needed(page.permission)) {
        expect(known.has(p), `${page.path} needs unknown permission ${p}`).toBe(true);
        expect(ROLES.some((r) => (ROLE_PERMISSIONS[r] as readonly string[]).includes(p)), `${page.path}: no role holds ${p}`).toBe(true);
      }
    }
  });

  it('declare each path once and each menu key once', () => {
    const paths = PAGES.map((p) => p.path);
    expect(paths.filter((p, i) => paths.indexOf(p) !== i)).toEqual([]);
    const keys = SECTION_GROUPS.flatMap((g) => g.sections.map((s) => s.key));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('give every role with a page at least one menu entry it may open, and hide the rest', () => {
    for (const role of ROLES) {
      const permissions = ROLE_PERMISSIONS[role];
      const visible = visibleSections(permissions);
      for (const section of visible) expect(mayOpen(section, permissions)).toBe(true);
      const openable = PAGES.filter((p) => p.menu && mayOpen(p, permissions));
      expect(visible.map((s) => s.path).sort()).toEqual(openable.map((p) => p.path).sort());
    }
    // The 督查室 reads the cockpit but fills no reports.
    expect(visibleSections(ROLE_PERMISSIONS.inspector).map((s) => s.key)).toContain('cockpit');
    expect(visibleSections(ROLE_PERMISSIONS.inspector).map((s) => s.key)).not.toContain('monthly-reports');
  });
});
