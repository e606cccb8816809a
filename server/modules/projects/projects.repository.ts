import { and, asc, desc, eq, gte, ilike, inArray, like, sql, type SQL } from 'drizzle-orm';
import { alias, type PgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../platform/db/client';
import { libraries, libraryMemberships } from '../libraries';
import { orgUnits, users } from '../org';
import { likePattern } from '../org';
import type { ProjectListFilters } from './projects.schemas';
import { projectFunding, projects, projectYearPlans, reserveCounters } from './projects.tables';
import { bigrams, normalizeSearch } from './search';
import type { InvestmentBand } from '../../../common/projects';
import { bandMinimums, investmentThresholds } from './projects.rules';

export type ProjectRow = typeof projects.$inferSelect;

const owner = alias(orgUnits, 'owner_unit');
const department = alias(orgUnits, 'department_unit');
const township = alias(orgUnits, 'township_unit');
const park = alias(orgUnits, 'park_unit');

// Every unit reference points into the project's own division.
const sameDivision = (unit: { divisionCode: PgColumn; id: PgColumn }, column: PgColumn) =>
  and(eq(unit.divisionCode, projects.divisionCode), eq(unit.id, column));

const libraryNames = sql<string[]>`coalesce((
  select array_agg(l.name order by l.sort_order, l.name)
  from ${libraryMemberships} m join ${libraries} l on l.division_code = m.division_code and l.id = m.library_id
  where m.division_code = ${projects.divisionCode} and m.project_id = ${projects.id}
), '{}')`;

// What the project policy reads: the units owning the project's libraries, and its creator's unit.
const libraryOwnerUnitIds = sql<string[]>`coalesce((
  select array_agg(distinct l.owner_unit_id)
  from ${libraryMemberships} m join ${libraries} l on l.division_code = m.division_code and l.id = m.library_id
  where m.division_code = ${projects.divisionCode} and m.project_id = ${projects.id} and l.owner_unit_id is not null
), '{}')`;
const creatorUnitId = sql<string | null>`(select u.unit_id from ${users} u where u.id = ${projects.createdBy})`;

/** The same columns for a caller whose policy never reads the promotion facts: constants instead of two subqueries a row. */
const withoutPromotionFacts = { libraryOwnerUnitIds: sql<string[]>`'{}'::uuid[]`, creatorUnitId: sql<string | null>`null::uuid` };

const listColumns = {
  project: projects,
  ownerUnitName: owner.name,
  departmentName: department.name,
  townshipName: township.name,
  parkName: park.name,
  libraryNames,
  libraryOwnerUnitIds,
  creatorUnitId,
};

export type ProjectListRow = {
  project: ProjectRow;
  ownerUnitName: string | null;
  departmentName: string | null;
  townshipName: string | null;
  parkName: string | null;
  libraryNames: string[];
  libraryOwnerUnitIds: string[];
  creatorUnitId: string | null;
};

function joined(tx: DbOrTx, extra: Record<string, SQL> = {}) {
  return tx
    .select({ ...listColumns, ...extra })
    .from(projects)
    .leftJoin(owner, sameDivision(owner, projects.ownerUnitId))
    .leftJoin(department, sameDivision(department, projects.departmentId))
    .leftJoin(township, sameDivision(township, projects.townshipId))
    .leftJoin(park, sameDivision(park, projects.parkId));
}

/** The WHERE condition of the list filters (the caller's scope comes on top). */
export function filterCondition(filters: Partial<ProjectListFilters>, bandMinimumsWan: Record<InvestmentBand, number> = bandMinimums(investmentThresholds.defaults)): SQL | undefined {
  const conditions: Array<SQL | undefined> = [];
  if (filters.q) {
    const q = normalizeSearch(filters.q);
    const grams = bigrams(q);
    if (grams.length) conditions.push(sql`${projects.searchGrams} @> ${sql.raw(`ARRAY[${grams.map(quote).join(',')}]::text[]`)}`);
    if (q) conditions.push(like(projects.searchText, likePattern(q)));
  }
  if (filters.code) conditions.push(ilike(projects.code, likePattern(filters.code)));
  if (filters.stage) conditions.push(eq(projects.stage, filters.stage));
  if (filters.sector) conditions.push(eq(projects.sector, filters.sector));
  if (filters.departmentId) conditions.push(eq(projects.departmentId, filters.departmentId));
  if (filters.townshipId) conditions.push(eq(projects.townshipId, filters.townshipId));
  if (filters.divisionCode) conditions.push(eq(projects.divisionCode, filters.divisionCode));
  if (filters.leader) conditions.push(ilike(projects.leaderName, likePattern(filters.leader)));
  if (filters.tag) conditions.push(sql`${projects.tags} @> ARRAY[${filters.tag}]::text[]`);
  if (filters.band) {
    conditions.push(gte(projects.totalInvestment, String(bandMinimumsWan[filters.band as InvestmentBand])));
  }
  if (filters.libraryId) {
    conditions.push(
      sql`exists (select 1 from ${libraryMemberships} m where m.division_code = ${projects.divisionCode} and m.project_id = ${projects.id} and m.library_id = ${filters.libraryId})`,
    );
  }
  return and(...conditions);
}

// Bigrams are inlined as literals: they come from our own normalisation, quoted here.
function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

const SORT_COLUMNS = {
  name: projects.name,
  totalInvestment: projects.totalInvestment,
  plannedStart: projects.plannedStart,
  updatedAt: projects.updatedAt,
  stage: projects.stage,
} as const;

/**
 * A page size or offset written into the statement: with them as parameters the server cannot
 * reuse one plan for the list (it plans for an unknown LIMIT each time); as literals it can.
 * Only integers the schema has checked reach here.
 */
function literal(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a page bound: ${n}`);
  return sql.raw(String(n)) as unknown as number;
}

/**
 * A page of projects with unit names and library names, and the total, in one round trip.
 * The page is found on the projects table alone (filter, sort, limit) and only its rows are
 * joined to their units and libraries — the joins never run over the whole filtered set; the
 * total is an uncorrelated subquery the server evaluates once.
 */
export async function listProjects(
  tx: DbOrTx,
  options: {
    where: SQL | undefined;
    sort: keyof typeof SORT_COLUMNS;
    order: 'ascend' | 'descend';
    limit: number;
    offset: number;
    /** Whether the caller's project policy reads the libraries' owner units and the creator's unit (see `readsPromotionFacts`). */
    withPromotionFacts: boolean;
  },
): Promise<{ rows: ProjectListRow[]; total: number }> {
  const column = SORT_COLUMNS[options.sort];
  const direction = options.order === 'ascend' ? asc : desc;
  const where = options.where ?? sql`true`;
  // The page subquery is named like the table, so the joins and columns below read its rows.
  const page = tx
    .select()
    .from(projects)
    .where(where)
    .orderBy(direction(column), asc(projects.id))
    .limit(literal(options.limit))
    .offset(literal(options.offset))
    .as('projects');
  const rows = (await tx
    .select({ ...listColumns, ...(options.withPromotionFacts ? {} : withoutPromotionFacts), total: sql<number>`(select count(*)::int from ${projects} where ${where})` })
    .from(page)
    .leftJoin(owner, sameDivision(owner, projects.ownerUnitId))
    .leftJoin(department, sameDivision(department, projects.departmentId))
    .leftJoin(township, sameDivision(township, projects.townshipId))
    .leftJoin(park, sameDivision(park, projects.parkId))
    .orderBy(direction(column), asc(projects.id))) as Array<ProjectListRow & { total: number }>;
  if (rows.length) return { rows: rows.map(({ total: _total, ...row }) => row as ProjectListRow), total: rows[0].total };
  // A page past the end still reports how many there are.
  const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(projects).where(where);
  return { rows: [], total: count.n };
}

/** Every project matching a condition, in list order (export). */
export async function selectProjects(tx: DbOrTx, where: SQL | undefined, limit = 100_000): Promise<ProjectListRow[]> {
  return (await joined(tx).where(where).orderBy(asc(projects.sector), asc(projects.reserveNo)).limit(limit)) as ProjectListRow[];
}

/** One project with its unit names, within a condition. */
export async function findProject(tx: DbOrTx, id: string, scope: SQL | undefined): Promise<ProjectListRow | null> {
  const [row] = await joined(tx).where(and(eq(projects.id, id), scope));
  return (row as ProjectListRow) ?? null;
}

/** Funding split and year plans of a project. */
export async function loadFundingAndPlans(tx: DbOrTx, divisionCode: string, projectId: string) {
  const [funding, plans] = await Promise.all([
    tx
      .select()
      .from(projectFunding)
      .where(and(eq(projectFunding.divisionCode, divisionCode), eq(projectFunding.projectId, projectId))),
    tx
      .select()
      .from(projectYearPlans)
      .where(and(eq(projectYearPlans.divisionCode, divisionCode), eq(projectYearPlans.projectId, projectId)))
      .orderBy(asc(projectYearPlans.year)),
  ]);
  return { funding, plans };
}

/** Replaces a project's funding split. */
export async function replaceFunding(
  tx: DbOrTx,
  divisionCode: string,
  projectId: string,
  items: Array<{ source: string; amount: string; currency: string; originalAmount?: string | null }>,
) {
  await tx.delete(projectFunding).where(and(eq(projectFunding.divisionCode, divisionCode), eq(projectFunding.projectId, projectId)));
  if (items.length) {
    await tx.insert(projectFunding).values(
      items.map((f) => ({ divisionCode, projectId, source: f.source, amount: f.amount, currency: f.currency, originalAmount: f.originalAmount ?? null })),
    );
  }
}

/** Replaces a project's year plans. */
export async function replaceYearPlans(tx: DbOrTx, divisionCode: string, projectId: string, plans: Array<{ year: number; planned: string }>) {
  await tx.delete(projectYearPlans).where(and(eq(projectYearPlans.divisionCode, divisionCode), eq(projectYearPlans.projectId, projectId)));
  if (plans.length) await tx.insert(projectYearPlans).values(plans.map((p) => ({ divisionCode, projectId, year: p.year, planned: p.planned })));
}

/** The next 储备编号 of a division and year: CB-2026-990121-0001. */
export async function nextReserveNo(tx: DbOrTx, divisionCode: string, year: number): Promise<string> {
  const [row] = await tx
    .insert(reserveCounters)
    .values({ divisionCode, year, last: 1 })
    .onConflictDoUpdate({ target: [reserveCounters.divisionCode, reserveCounters.year], set: { last: sql`${reserveCounters.last} + 1` } })
    .returning({ last: reserveCounters.last });
  return `CB-${year}-${divisionCode}-${String(row.last).padStart(4, '0')}`;
}

/** Units of a division by ids (to validate references). */
export async function findUnits(tx: DbOrTx, divisionCode: string, ids: string[]) {
  if (!ids.length) return [];
  return tx
    .select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind })
    .from(orgUnits)
    .where(and(eq(orgUnits.divisionCode, divisionCode), inArray(orgUnits.id, ids)));
}
