import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmptyDatabase, createTestDatabase } from '../../../tests/support/test-db';
import { MIGRATIONS_DIR, migrateDatabase, type Database } from './client';
import { partitionBusinessTables, partitionsFromEnv, PLATFORM_TABLES } from './partitioning';

const opened: Database[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
});

/** An empty database, closed (and dropped) after the test. */
async function emptyDatabase(): Promise<Database> {
  const database = await createEmptyDatabase('partition');
  opened.push(database);
  return database;
}

/** A copy of the run's migrated template (plain tables, or partitioned when the run sets DATABASE_PARTITIONS). */
async function migratedDatabase(): Promise<Database> {
  const database = await createTestDatabase();
  opened.push(database);
  return database;
}

/** A copy of the migrations folder holding only the first `count` migrations. */
function firstMigrations(count: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-migrations-'));
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta/_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
  journal.entries = journal.entries.slice(0, count);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

/** Everything a query or a later migration can see of the schema, partitions aside. */
async function schemaOf(database: Database) {
  const columns = await database.query(
    `select table_name, column_name, data_type, is_nullable, column_default
       from information_schema.columns c
       join pg_class k on k.relname = c.table_name and k.relnamespace = current_schema()::regnamespace
      where c.table_schema = current_schema() and not k.relispartition
      order by 1, 2`,
  );
  const keys = await database.query(
    `select k.conrelid::regclass::text as table_name, k.conname, pg_get_constraintdef(k.oid) as definition
       from pg_constraint k join pg_class c on c.oid = k.conrelid
      where k.connamespace = current_schema()::regnamespace and not c.relispartition and k.contype <> 'n'
      order by 1, 2`,
  );
  const indexes = await database.query<{ definition: string }>(
    `select replace(pg_get_indexdef(i.indexrelid), ' ON ONLY ', ' ON ') as definition
       from pg_index i join pg_class c on c.oid = i.indrelid
      where c.relnamespace = current_schema()::regnamespace and not c.relispartition
      order by 1`,
  );
  const triggers = await database.query(
    `select pg_get_triggerdef(t.oid) as definition from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where not t.tgisinternal and c.relnamespace = current_schema()::regnamespace and not c.relispartition and t.tgparentid = 0 order by 1`,
  );
  return { columns, keys, indexes, triggers };
}

async function tableKinds(database: Database) {
  const rows = await database.query<{ name: string; kind: string; partitions: number }>(
    `select c.relname as name, c.relkind::text as kind, (select count(*)::int from pg_inherits i where i.inhparent = c.oid) as partitions
       from pg_class c
      where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
      order by 1`,
  );
  return new Map(rows.map((r) => [r.name, r]));
}

describe('business tables hash-partitioned by division_code', () => {
  it('lets the later migrations run on a partitioned schema and ends with the same schema as plain tables', async () => {
    const partitioned = await emptyDatabase();
    await migrateDatabase(partitioned, { migrationsFolder: firstMigrations(1), partitions: 4 });
    const early = await tableKinds(partitioned);
    expect(early.get('org_units')).toMatchObject({ kind: 'p', partitions: 4 });
    // The rest of the history, applied to partitioned tables; tables it adds are partitioned after it.
    await migrateDatabase(partitioned, { partitions: 4 });

    const plain = await migratedDatabase();

    expect(await schemaOf(partitioned)).toEqual(await schemaOf(plain));
    const kinds = await tableKinds(partitioned);
    const business = [...kinds.values()].filter((t) => !PLATFORM_TABLES.includes(t.name) && t.name !== 'login_failures');
    expect(business.length).toBeGreaterThan(20);
    for (const table of business) {
      const hasKey = (await partitioned.query(`select 1 from information_schema.columns where table_name = $1 and column_name = 'division_code'`, [table.name])).length > 0;
      if (hasKey) expect(table, table.name).toMatchObject({ kind: 'p', partitions: 4 });
    }
    for (const name of PLATFORM_TABLES) expect(kinds.get(name)?.kind, name).toBe('r');
  });

  it('keeps the rows, spreads them over partitions and still enforces keys and the audit trigger', async () => {
    const database = await migratedDatabase();
    const counties = Array.from({ length: 12 }, (_, i) => `99${String(i + 10).padStart(4, '0')}`);
    for (const code of counties) {
      await database.query(`insert into org_units (division_code, id, name, kind) values ($1, gen_random_uuid(), $2, 'department')`, [code, `发改局${code}`]);
    }
    await partitionBusinessTables(database, 4);

    expect((await database.query<{ n: number }>('select count(*)::int as n from org_units'))[0].n).toBe(12);
    const used = await database.query(`select distinct tableoid::regclass::text as p from org_units`);
    expect(used.length).toBeGreaterThan(1);
    await expect(
      database.query(`insert into org_units (division_code, id, name, kind) values ($1, gen_random_uuid(), $2, 'department')`, [counties[0], `发改局${counties[0]}`]),
    ).rejects.toThrow(/org_units_division_name_key|duplicate/);
    await database.query(
      `insert into audit_log (division_code, seq, at, actor_name, action, entity_type, prev_hash, hash)
       values ('991000', 1, now(), '系统', 'test', 'test', repeat('0', 64), repeat('1', 64))`,
    );
    await expect(database.query(`update audit_log set action = 'changed'`)).rejects.toThrow();
    await expect(database.query(`delete from audit_log`)).rejects.toThrow();
  });

  it('refuses, changing nothing, a table whose unique key leaves out division_code', async () => {
    const database = await migratedDatabase();
    await database.query(`create table scratch_things (division_code char(6) not null, name text not null unique)`);
    const before = await tableKinds(database);
    await expect(partitionBusinessTables(database, 4)).rejects.toThrow(/scratch_things: key scratch_things_name_key UNIQUE \(name\) does not include division_code/);
    expect(await tableKinds(database)).toEqual(before);
    expect(before.get('scratch_things')?.kind).toBe('r');
  });

  it('reads the partition count from DATABASE_PARTITIONS and refuses nonsense', () => {
    expect(partitionsFromEnv({})).toBe(0);
    expect(partitionsFromEnv({ DATABASE_PARTITIONS: '8' })).toBe(8);
    expect(() => partitionsFromEnv({ DATABASE_PARTITIONS: 'eight' })).toThrow(/DATABASE_PARTITIONS/);
  });
});
