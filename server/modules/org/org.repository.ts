import { and, asc, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { loginFailures } from '../../platform/auth/auth.tables';
import type { DbOrTx } from '../../platform/db/client';
import { divisions, orgUnits, users } from './org.tables';

export type UnitRow = typeof orgUnits.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type UserListRow = { user: UserRow; unitName: string | null; lockedUntil: Date | null };

/** Escapes LIKE wildcards in user input. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/** Divisions matching a condition, by code. */
export function selectDivisions(tx: DbOrTx, where: SQL | undefined) {
  return tx.select().from(divisions).where(where).orderBy(asc(divisions.code));
}

/** One division by code. */
export async function findDivision(tx: DbOrTx, code: string) {
  const [row] = await tx.select().from(divisions).where(eq(divisions.code, code));
  return row ?? null;
}

/** One unit by id, within a condition (the caller's region). */
export async function findUnit(tx: DbOrTx, id: string, scope: SQL | undefined): Promise<UnitRow | null> {
  const [row] = await tx.select().from(orgUnits).where(and(eq(orgUnits.id, id), scope));
  return row ?? null;
}

/** A page of units and the total count. */
export async function listUnits(
  tx: DbOrTx,
  options: { scope: SQL | undefined; q?: string; kind?: string; divisionCode?: string; limit: number; offset: number },
): Promise<{ rows: UnitRow[]; total: number }> {
  const where = and(
    options.scope,
    options.q ? ilike(orgUnits.name, likePattern(options.q)) : undefined,
    options.kind ? eq(orgUnits.kind, options.kind) : undefined,
    options.divisionCode ? eq(orgUnits.divisionCode, options.divisionCode) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    tx
      .select()
      .from(orgUnits)
      .where(where)
      .orderBy(asc(orgUnits.divisionCode), asc(orgUnits.sortOrder), asc(orgUnits.name))
      .limit(options.limit)
      .offset(options.offset),
    tx.select({ n: sql<number>`count(*)::int` }).from(orgUnits).where(where),
  ]);
  return { rows, total: count.n };
}

/** The id and name of every unit of a division (for the name checks). */
export function unitNamesIn(tx: DbOrTx, divisionCode: string): Promise<Array<{ id: string; name: string }>> {
  return tx.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.divisionCode, divisionCode));
}

const userColumns = { user: users, unitName: orgUnits.name, lockedUntil: loginFailures.lockedUntil };

function userQuery(tx: DbOrTx) {
  return tx
    .select(userColumns)
    .from(users)
    .leftJoin(orgUnits, and(eq(orgUnits.divisionCode, users.divisionCode), eq(orgUnits.id, users.unitId)))
    .leftJoin(loginFailures, eq(loginFailures.username, users.username));
}

/** One user by id within a condition, with unit name and lock. */
export async function findUser(tx: DbOrTx, id: string, scope: SQL | undefined): Promise<UserListRow | null> {
  const [row] = await userQuery(tx).where(and(eq(users.id, id), scope));
  return row ?? null;
}

/** A page of users and the total count. */
export async function listUsers(
  tx: DbOrTx,
  options: { scope: SQL | undefined; q?: string; role?: string; unitId?: string; limit: number; offset: number },
): Promise<{ rows: UserListRow[]; total: number }> {
  const where = and(
    options.scope,
    options.q ? or(ilike(users.username, likePattern(options.q)), ilike(users.displayName, likePattern(options.q))) : undefined,
    options.role ? eq(users.role, options.role) : undefined,
    options.unitId ? eq(users.unitId, options.unitId) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    userQuery(tx).where(where).orderBy(asc(users.divisionCode), desc(users.createdAt), asc(users.username)).limit(options.limit).offset(options.offset),
    tx.select({ n: sql<number>`count(*)::int` }).from(users).where(where),
  ]);
  return { rows, total: count.n };
}

/** Whether a username exists anywhere on the platform. */
export async function usernameTaken(tx: DbOrTx, username: string): Promise<boolean> {
  const rows = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return rows.length > 0;
}

/** Whether another division has this name within a region (a province's county names are unique). */
export async function divisionNameTaken(tx: DbOrTx, name: string, region: SQL): Promise<{ code: string; name: string } | null> {
  const [row] = await tx.select({ code: divisions.code, name: divisions.name }).from(divisions).where(and(eq(divisions.name, name), region));
  return row ?? null;
}

/** A page of counties within a condition, with their city's name, units, users and administrators. */
export async function listCounties(tx: DbOrTx, options: { scope: SQL | undefined; q?: string; limit: number; offset: number }) {
  const parents = alias(divisions, 'parent');
  const where = and(
    eq(divisions.level, 'county'),
    options.scope,
    options.q ? or(ilike(divisions.name, likePattern(options.q)), ilike(divisions.code, likePattern(options.q))) : undefined,
  );
  const unitCount = sql<number>`(select count(*)::int from ${orgUnits} where ${orgUnits.divisionCode} = ${divisions.code})`;
  const userCount = sql<number>`(select count(*)::int from ${users} where ${users.divisionCode} = ${divisions.code})`;
  // Usernames hold no comma (CreateUserBody), so a joined text parses on every driver.
  const admins = sql<string | null>`(select string_agg(${users.username}, ',' order by ${users.createdAt}, ${users.username}) from ${users} where ${users.divisionCode} = ${divisions.code} and ${users.role} = 'admin')`;
  const [rows, [count]] = await Promise.all([
    tx
      .select({ division: divisions, parentName: parents.name, unitCount, userCount, admins })
      .from(divisions)
      .leftJoin(parents, eq(parents.code, sql`coalesce(${divisions.parentCode}, substr(${divisions.code}, 1, 4) || '00')`))
      .where(where)
      .orderBy(asc(divisions.code))
      .limit(options.limit)
      .offset(options.offset),
    tx.select({ n: sql<number>`count(*)::int` }).from(divisions).where(where),
  ]);
  return { rows, total: count.n };
}
export type CountyRow = Awaited<ReturnType<typeof listCounties>>['rows'][number];
