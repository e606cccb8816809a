import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { projects } from '../../modules/projects/projects.tables';
import type { Actor } from '../http/context';
import { actorRegion, canReachDivision, divisionChain, divisionRange, regionCondition } from './scope';

const dialect = new PgDialect();
function render(condition: ReturnType<typeof regionCondition> | undefined) {
  if (!condition) return undefined;
  const { sql: text, params } = dialect.sqlToQuery(condition);
  return { sql: text, params };
}

describe('the one region filter', () => {
  it('keeps a county to its own code, as an equality', () => {
    expect(render(regionCondition(projects.divisionCode, '620921'))).toEqual({ sql: '"projects"."division_code" = $1', params: ['620921'] });
  });

  it('reaches every county of a city and of a province through a code range, never LIKE', () => {
    expect(render(regionCondition(projects.divisionCode, '620900'))).toEqual({
      sql: '("projects"."division_code" >= $1 and "projects"."division_code" <= $2)',
      params: ['620900', '620999'],
    });
    expect(render(regionCondition(projects.divisionCode, '620000'))).toEqual({
      sql: '("projects"."division_code" >= $1 and "projects"."division_code" <= $2)',
      params: ['620000', '629999'],
    });
    expect(render(regionCondition(sql`r.division_code`, '620900'))).toEqual({ sql: '(r.division_code >= $1 and r.division_code <= $2)', params: ['620900', '620999'] });
  });

  it('agrees with the in-memory check a service makes on one record', () => {
    const codes = ['620921', '620922', '620900', '620102', '620000', '629999', '610921', '630000'];
    for (const region of ['620921', '620900', '620000']) {
      const [from, to] = divisionRange(region);
      const inRange = codes.filter((c) => (region.endsWith('00') ? c >= from && c <= to : c === region));
      const actor = { dataScope: 'division', divisionCode: region } as Actor;
      expect(codes.filter((c) => canReachDivision(actor, c)), region).toEqual(inRange);
    }
  });

  it('applies the caller’s region unless the caller’s scope is all', () => {
    const cityClerk = { dataScope: 'division', divisionCode: '620900' } as Actor;
    expect(render(actorRegion(cityClerk, projects.divisionCode))).toEqual(render(regionCondition(projects.divisionCode, '620900')));
    expect(actorRegion({ dataScope: 'all', divisionCode: '620000' } as Actor, projects.divisionCode)).toBeUndefined();
  });
});

describe('the divisions above a division', () => {
  it('runs county → city → province, nearest first, without repeats', () => {
    expect(divisionChain('620921')).toEqual(['620921', '620900', '620000']);
    expect(divisionChain('620900')).toEqual(['620900', '620000']);
    expect(divisionChain('620000')).toEqual(['620000']);
  });
});
