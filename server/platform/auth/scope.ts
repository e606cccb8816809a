import { and, eq, gte, lte, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from '../http/context';

/** The code prefix shared by every division under `code`: 620000 → '62', 620600 → '6206', 620621 → '620621'. */
export function divisionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** Whether a division lies within the region of another (itself included). */
export function isWithinDivision(code: string, regionCode: string): boolean {
  return code.startsWith(divisionPrefix(regionCode));
}

/** The codes a region spans, as an inclusive range: '9901' → ['990100', '990199']. */
export function divisionRange(code: string): [string, string] {
  const prefix = divisionPrefix(code);
  return [prefix.padEnd(6, '0'), prefix.padEnd(6, '9')];
}

/**
 * The WHERE condition that keeps a list inside the caller's region: nothing for scope
 * `all`, otherwise the caller's division and the divisions under it — a range on the code,
 * which every (division_code, …) index can use, unlike LIKE under a non-C collation.
 */
export function regionCondition(actor: Actor, divisionColumn: PgColumn): SQL | undefined {
  if (actor.dataScope === 'all') return undefined;
  const prefix = divisionPrefix(actor.divisionCode);
  if (prefix.length === 6) return eq(divisionColumn, prefix);
  const [from, to] = divisionRange(prefix);
  return and(gte(divisionColumn, from), lte(divisionColumn, to));
}

/** Whether a record of a division is inside the caller's region. */
export function canReachDivision(actor: Actor, divisionCode: string): boolean {
  return actor.dataScope === 'all' || isWithinDivision(divisionCode, actor.divisionCode);
}
