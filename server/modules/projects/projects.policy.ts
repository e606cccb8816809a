import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Permission } from '../../../common/permissions';
import { regionCondition } from '../../platform/auth/scope';
import type { Actor } from '../../platform/http/context';
import { projects } from './projects.tables';

/**
 * The projects a caller reaches, as a WHERE condition: the region for division-wide roles,
 * the unit's own projects (as responsible department or as owner) for departments, the
 * township's for townships, the owner's for project owners.
 */
export function projectScope(actor: Actor): SQL | undefined {
  const region = regionCondition(actor, projects.divisionCode);
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

/** Whether the caller's role holds a permission (records are already scoped). */
export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.includes(permission);
}
