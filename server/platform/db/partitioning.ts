import { sql } from 'drizzle-orm';
import { rowsOf, type Database, type Tx } from './client';

/**
 * Tables that carry no county's business data and are shared by every division of a
 * deployment: the division tree, accounts and their sessions, and the platform-wide register of
 * project codes. Under Citus they would be reference tables; here they stay plain tables.
 * Every other table with a `division_code` column is a business table.
 */
export const PLATFORM_TABLES: readonly string[] = ['divisions', 'users', 'sessions', 'login_failures', 'login_address_failures', 'password_history', 'project_codes'];

/** The partition key: the column Citus distributes business tables by. */
export const PARTITION_KEY = 'division_code';

/** Hash partitions per business table, from `DATABASE_PARTITIONS` (0 or unset: plain tables). */
export function partitionsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.DATABASE_PARTITIONS;
  if (!raw) return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 256) throw new Error(`DATABASE_PARTITIONS must be an integer from 0 to 256, not "${raw}"`);
  return n;
}

interface TableShape {
  name: string;
  /** Primary key and unique constraints: name and definition. */
  keys: Array<{ name: string; definition: string }>;
  /** Indexes that do not back a constraint, as `CREATE INDEX` statements. */
  indexes: string[];
  /** User triggers, as `CREATE TRIGGER` statements. */
  triggers: string[];
  foreignKeys: string[];
}

/**
 * Turns every plain business table into a table hash-partitioned by `division_code` with
 * `partitions` partitions, keeping its name, columns, keys, indexes (by name) and triggers, and
 * its rows. Tables already partitioned are left alone, so this runs after every migration:
 * a table a later migration adds is partitioned the next time. Refuses — before changing
 * anything — a primary or unique key without `division_code`, or a foreign key, which a
 * distributed database could not enforce. Returns the tables it partitioned.
 */
export async function partitionBusinessTables(database: Database, partitions: number): Promise<string[]> {
  if (!Number.isInteger(partitions) || partitions < 1) throw new Error(`partitions must be a positive integer, not ${partitions}`);
  return database.db.transaction(async (tx) => {
    const tables = await plainBusinessTables(tx);
    const shapes = await Promise.all(tables.map((name) => shapeOf(tx, name)));
    const problems = shapes.flatMap(distributionProblems);
    if (problems.length) throw new Error(`Cannot partition by ${PARTITION_KEY}:\n${problems.join('\n')}`);
    for (const shape of shapes) await repartition(tx, shape, partitions);
    return tables;
  });
}

async function run(tx: Tx, text: string) {
  return rowsOf<Record<string, string>>(await tx.execute(sql.raw(text)));
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

async function plainBusinessTables(tx: Tx): Promise<string[]> {
  const rows = await run(
    tx,
    `select c.relname as name
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema()
        and c.relkind = 'r'
        and not c.relispartition
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = ${quoteLiteral(PARTITION_KEY)} and not a.attisdropped)
        and c.relname not in (${PLATFORM_TABLES.map(quoteLiteral).join(', ')})
      order by c.relname`,
  );
  return rows.map((r) => r.name);
}

async function shapeOf(tx: Tx, name: string): Promise<TableShape> {
  const oid = `${quoteLiteral(quoteIdent(name))}::regclass`;
  const keys = await run(
    tx,
    `select conname as name, pg_get_constraintdef(oid) as definition
       from pg_constraint where conrelid = ${oid} and contype in ('p', 'u', 'x') order by contype, conname`,
  );
  const indexes = await run(
    tx,
    `select pg_get_indexdef(i.indexrelid) as definition
       from pg_index i
      where i.indrelid = ${oid}
        and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = ${oid})
      order by i.indexrelid::regclass::text`,
  );
  const triggers = await run(tx, `select pg_get_triggerdef(oid) as definition from pg_trigger where tgrelid = ${oid} and not tgisinternal order by tgname`);
  const foreignKeys = await run(
    tx,
    `select conname as name from pg_constraint where contype = 'f' and (conrelid = ${oid} or confrelid = ${oid})`,
  );
  return {
    name,
    keys: keys.map((k) => ({ name: k.name, definition: k.definition })),
    indexes: indexes.map((i) => i.definition),
    triggers: triggers.map((t) => t.definition),
    foreignKeys: foreignKeys.map((f) => f.name),
  };
}

/** What a distributed database would refuse in this table. */
function distributionProblems(shape: TableShape): string[] {
  const problems: string[] = [];
  for (const key of shape.keys) {
    const columns = /\(([^)]*)\)/.exec(key.definition)?.[1].split(',').map((c) => c.trim().replace(/"/g, '')) ?? [];
    if (!columns.includes(PARTITION_KEY)) problems.push(`- ${shape.name}: key ${key.name} ${key.definition} does not include ${PARTITION_KEY}`);
  }
  for (const fk of shape.foreignKeys) problems.push(`- ${shape.name}: foreign key ${fk} (business tables keep their references by key and division, not by foreign key)`);
  return problems;
}

async function repartition(tx: Tx, shape: TableShape, partitions: number): Promise<void> {
  const table = quoteIdent(shape.name);
  const heap = quoteIdent(`${shape.name}__unpartitioned`);
  await run(tx, `alter table ${table} rename to ${heap}`);
  await run(
    tx,
    `create table ${table} (like ${heap} including defaults including constraints including generated including storage including comments)
       partition by hash (${quoteIdent(PARTITION_KEY)})`,
  );
  for (let i = 0; i < partitions; i++) {
    await run(tx, `create table ${quoteIdent(`${shape.name}_p${i}`)} partition of ${table} for values with (modulus ${partitions}, remainder ${i})`);
  }
  await run(tx, `insert into ${table} select * from ${heap}`);
  // Dropping the old table frees the names of its keys and indexes for the new one.
  await run(tx, `drop table ${heap}`);
  for (const key of shape.keys) await run(tx, `alter table ${table} add constraint ${quoteIdent(key.name)} ${key.definition}`);
  for (const index of shape.indexes) await run(tx, index);
  for (const trigger of shape.triggers) await run(tx, trigger);
}
