import { sql, type Column, type SQL } from 'drizzle-orm';
import type { Actor } from '../http/context';

/** The code prefix shared by every division under `code`: 620000 → '62', 620600 → '6206', 620621 → '620621'. */
export function divisionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** A division and the divisions above it, nearest first: county → city → province (no repeats). */
export function divisionChain(code: string): string[] {
  return [...new Set([code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`])];
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
 * The one region filter of every query: the rows of a division and of the divisions under it.
 * A county code matches itself (`= '620921'`); a city or province code the range of codes it
 * spans (`>= '620600' and <= '620699'`), which every (division_code, …) index can use, unlike
 * LIKE under a non-C collation; a county's equality also prunes hash partitions. `column` may
 * be a table column or an SQL fragment such as `sql\`r.division_code\``.
 */
export function regionCondition(column: Column | SQL | SQL.Aliased, divisionCode: string): SQL {
  const prefix = divisionPrefix(divisionCode);
  if (prefix.length === 6) return sql`${column} = ${prefix}`;
  const [from, to] = divisionRange(prefix);
  return sql`(${column} >= ${from} and ${column} <= ${to})`;
}

/** The caller's region as a WHERE condition: nothing for scope `all`, otherwise `regionCondition` of the caller's division. */
export function actorRegion(actor: Actor, column: Column | SQL | SQL.Aliased): SQL | undefined {
  return actor.dataScope === 'all' ? undefined : regionCondition(column, actor.divisionCode);
}

/** Whether a record of a division is inside the caller's region. */
export function canReachDivision(actor: Actor, divisionCode: string): boolean {
  return actor.dataScope === 'all' || isWithinDivision(divisionCode, actor.divisionCode);
}
