import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../../../common/permissions';
import { DEFAULT_SCOPE, type Role } from '../../../common/roles';
import type { Actor } from '../../platform/http/context';
import { forcedUnitFields, projectPolicy, type ProjectFacts } from './projects.policy';

const COUNTY = '620921';
const actorOf = (role: Role, unitId: string, divisionCode = COUNTY): Actor => ({
  id: `user-${role}`,
  username: role,
  displayName: role,
  role,
  dataScope: DEFAULT_SCOPE[role],
  divisionCode,
  unitId,
  unitName: null,
  permissions: ROLE_PERMISSIONS[role],
  mustChangePassword: false,
  passwordExpiresAt: null,
  ip: null,
});
const project = (overrides: Partial<ProjectFacts> = {}): ProjectFacts => ({
  divisionCode: COUNTY,
  ownerUnitId: 'owner',
  departmentId: 'water',
  townshipId: 'town',
  stage: 'reserve',
  stageBeforeSuspension: null,
  createdBy: 'user-drc',
  creatorUnitId: 'drc',
  libraryOwnerUnitIds: [],
  ...overrides,
});

describe('the project policy', () => {
  it('lets the 发改局 do everything its role holds on its county’s projects', () => {
    expect(projectPolicy.allowedActions(actorOf('drc', 'drc'), project())).toEqual(['update', 'transition', 'requestLibrary', 'uploadDocument', 'updateProcedures', 'manageMilestones', 'fillReport']);
  });

  it('lets the 商务局 change only projects in a library it owns or created by its unit', () => {
    const commerce = actorOf('commerce', 'commerce');
    expect(projectPolicy.can(commerce, 'update', project())).toBe(false);
    expect(projectPolicy.can(commerce, 'uploadDocument', project())).toBe(false);
    expect(projectPolicy.can(commerce, 'requestLibrary', project())).toBe(true);
    expect(projectPolicy.can(commerce, 'update', project({ libraryOwnerUnitIds: ['commerce'] }))).toBe(true);
    expect(projectPolicy.can(commerce, 'update', project({ creatorUnitId: 'commerce' }))).toBe(true);
    expect(() => projectPolicy.authorize(commerce, 'update', project())).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('gives a city user nothing to do on a county project', () => {
    const city = actorOf('drc', 'city-drc', '620900');
    expect(projectPolicy.allowedActions(city, project())).toEqual([]);
    expect(() => projectPolicy.authorize(city, 'update', project())).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('hides edit on a 终止 project and stage change where the machine offers no move, without refusing the caller', () => {
    const drc = actorOf('drc', 'drc');
    const terminated = project({ stage: 'terminated' });
    expect(projectPolicy.allowedActions(drc, terminated)).not.toContain('update');
    expect(projectPolicy.allowedActions(drc, terminated)).not.toContain('transition');
    expect(() => projectPolicy.authorize(drc, 'update', terminated)).not.toThrow();
  });
});

describe('the unit fields a narrow scope forces', () => {
  it('keeps the department, township and owner in place', () => {
    expect(forcedUnitFields(actorOf('department', 'water'), { ownerUnitId: 'owner', departmentId: 'transport' })).toEqual({ departmentId: 'water' });
    expect(forcedUnitFields(actorOf('department', 'water'), { ownerUnitId: 'water', departmentId: 'transport' })).toEqual({});
    expect(forcedUnitFields(actorOf('township', 'town'), { townshipId: 'east' })).toEqual({ townshipId: 'town' });
    expect(forcedUnitFields(actorOf('owner', 'owner'), { ownerUnitId: 'other' })).toEqual({ ownerUnitId: 'owner' });
    expect(forcedUnitFields(actorOf('drc', 'drc'), { ownerUnitId: 'other', townshipId: 'east' })).toEqual({});
  });
});
