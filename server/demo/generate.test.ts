import { describe, expect, it } from 'vitest';
import { DEFAULT_SCOPE, ROLES, UNIT_KINDS } from '../../common/roles';
import { DEMO_ACCOUNTS } from './accounts';
import { DEMO_COUNTY_CODE, generateDemoData, MAX_COUNTIES } from './generate';
import { rngFor, stableUuid } from './random';

describe('generateDemoData', () => {
  it('gives the same data for the same seed', () => {
    const a = generateDemoData({ seed: 42, counties: 20, projects: false });
    const b = generateDemoData({ seed: 42, counties: 20, projects: false });
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('gives different data for a different seed', () => {
    const a = generateDemoData({ seed: 1, counties: 10, projects: false });
    const b = generateDemoData({ seed: 2, counties: 10, projects: false });
    expect(JSON.stringify(b)).not.toBe(JSON.stringify(a));
    expect(b.units.map((u) => u.id)).not.toEqual(a.units.map((u) => u.id));
  });

  it('keeps the first counties unchanged when more are generated', () => {
    const small = generateDemoData({ seed: 5, counties: 3, projects: false });
    const large = generateDemoData({ seed: 5, counties: 100, projects: false });
    const codes = new Set(small.divisions.map((d) => d.code));
    expect(large.divisions.filter((d) => codes.has(d.code))).toEqual(small.divisions);
    expect(large.units.filter((u) => codes.has(u.divisionCode))).toEqual(small.units);
    expect(large.users.filter((u) => codes.has(u.divisionCode))).toEqual(small.users);
  });

  describe('with 100 counties', () => {
    const data = generateDemoData({ seed: 1, counties: 100, projects: false });
    const counties = data.divisions.filter((d) => d.level === 'county');
    const cities = data.divisions.filter((d) => d.level === 'city');
    const [province] = data.divisions.filter((d) => d.level === 'province');

    it('has one province, a city per eight counties and 100 counties with unique 6-digit codes', () => {
      expect(data.divisions.filter((d) => d.level === 'province')).toHaveLength(1);
      expect(province).toMatchObject({ code: '990000', parentCode: null });
      expect(counties).toHaveLength(100);
      expect(cities).toHaveLength(13);
      const codes = data.divisions.map((d) => d.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const code of codes) expect(code).toMatch(/^\d{6}$/);
      for (const city of cities) {
        expect(city.code).toMatch(/^99\d\d00$/);
        expect(city.parentCode).toBe(province.code);
      }
      for (const county of counties) {
        expect(county.code).not.toMatch(/00$/);
        expect(county.parentCode).toBe(`${county.code.slice(0, 4)}00`);
        expect(cities.some((c) => c.code === county.parentCode)).toBe(true);
      }
      expect(new Set(counties.map((c) => c.name)).size).toBe(100);
      expect(counties[0]).toMatchObject({ code: DEMO_COUNTY_CODE, name: '河西县', parentCode: '990100' });
    });

    it('has unique usernames, user ids and unit ids platform-wide', () => {
      const usernames = data.users.map((u) => u.username);
      expect(new Set(usernames).size).toBe(usernames.length);
      expect(new Set(data.users.map((u) => u.id)).size).toBe(data.users.length);
      expect(new Set(data.units.map((u) => u.id)).size).toBe(data.units.length);
    });

    it('gives every county every role and the unit kinds it needs, with unique unit names', () => {
      for (const county of counties) {
        const units = data.units.filter((u) => u.divisionCode === county.code);
        const users = data.users.filter((u) => u.divisionCode === county.code);
        expect(new Set(users.map((u) => u.role))).toEqual(new Set(ROLES));
        expect(new Set(units.map((u) => u.kind))).toEqual(new Set(UNIT_KINDS));
        expect(new Set(units.map((u) => u.name)).size).toBe(units.length);
        const townships = units.filter((u) => u.kind === 'township');
        expect(townships.length).toBeGreaterThanOrEqual(8);
        expect(townships.length).toBeLessThanOrEqual(14);
      }
    });

    it('links each user to a unit of its own division, with the default scope of its role', () => {
      const unitsById = new Map(data.units.map((u) => [u.id, u]));
      for (const user of data.users) {
        const unit = unitsById.get(user.unitId ?? '');
        expect(unit?.divisionCode).toBe(user.divisionCode);
        if (user.username !== 'province_admin') expect(user.dataScope).toBe(DEFAULT_SCOPE[user.role]);
      }
      expect(data.users.find((u) => u.username === 'province_admin')).toMatchObject({ role: 'admin', dataScope: 'all', divisionCode: '990000' });
    });

    it('fits the column limits', () => {
      for (const u of data.units) {
        expect(u.name.length).toBeLessThanOrEqual(100);
        expect((u.shortName ?? '').length).toBeLessThanOrEqual(32);
        expect(u.contactPhone).toMatch(/^[0-9-]+$/);
      }
      for (const u of data.users) {
        expect(u.username).toMatch(/^[a-z0-9_]{1,64}$/);
        expect(u.displayName.length).toBeLessThanOrEqual(64);
      }
    });

    it('reads like real Chinese names, not placeholders', () => {
      const text = JSON.stringify([data.divisions, data.units, data.users.map((u) => u.displayName)]);
      expect(text).not.toMatch(/测试|test|lorem/i);
    });

    it('has the fixed demo accounts in 河西县 with their roles', () => {
      for (const account of DEMO_ACCOUNTS) {
        const user = data.users.find((u) => u.username === account.username);
        expect(user, account.username).toBeDefined();
        expect(user?.role).toBe(account.role);
      }
      const unitOf = (username: string) => data.units.find((u) => u.id === data.users.find((x) => x.username === username)?.unitId);
      expect(data.users.find((u) => u.username === 'leader')?.displayName).toBe('王县长');
      expect(unitOf('drc')?.name).toBe('河西县发展和改革局');
      expect(unitOf('dept_water')?.name).toBe('河西县水务局');
      expect(unitOf('dept_culture')?.name).toBe('河西县文化和旅游局');
      expect(unitOf('dept_agri')?.name).toBe('河西县农业农村局');
      expect(unitOf('commerce')?.name).toBe('河西县商务局');
      expect(unitOf('township')?.name).toBe('城关镇');
      expect(unitOf('owner')?.name).toBe('河西锋源风电装备制造有限公司');
      expect(unitOf('inspector')?.name).toBe('河西县委县政府督查室');
      expect(data.users.find((u) => u.username === 'owner')?.dataScope).toBe('project');
      // Other counties' accounts carry their division code.
      expect(data.users.find((u) => u.username === '990122_drc')).toMatchObject({ role: 'drc', divisionCode: '990122' });
    });
  });

  it('includes the project library unless told not to', () => {
    const data = generateDemoData({ seed: 1, counties: 1, asOf: '2026-11-24' });
    expect(data.projects.length).toBeGreaterThan(1000);
    expect(data.libraries.length).toBeGreaterThan(3);
    expect(generateDemoData({ seed: 1, counties: 1, projects: false }).projects).toEqual([]);
  });

  it('rejects a bad county count', () => {
    expect(() => generateDemoData({ seed: 1, counties: 0 })).toThrow();
    expect(() => generateDemoData({ seed: 1, counties: MAX_COUNTIES + 1 })).toThrow();
    expect(() => generateDemoData({ seed: 1.5, counties: 1 })).toThrow();
  });
});

describe('random', () => {
  it('derives independent, repeatable streams per section', () => {
    const a = rngFor(1, 'org', '990121');
    const b = rngFor(1, 'org', '990121');
    const c = rngFor(1, 'projects', '990121');
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });

  it('keeps int, pick and weighted within range', () => {
    const rng = rngFor(9, 'helpers');
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(3, 7);
      expect(n >= 3 && n <= 7 && Number.isInteger(n)).toBe(true);
      expect(['a', 'b']).toContain(rng.pick(['a', 'b']));
      expect(rng.weighted([['x', 1], ['y', 0]] as const)).toBe('x');
    }
    expect(rng.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('makes valid, stable UUIDs', () => {
    const id = stableUuid(1, 'unit', '990121', 'drc');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableUuid(1, 'unit', '990121', 'drc')).toBe(id);
    expect(stableUuid(2, 'unit', '990121', 'drc')).not.toBe(id);
  });
});
