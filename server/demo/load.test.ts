import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countAuditEntries, verifyAuditChain } from '../platform/audit/audit.service';
import { verifyPassword } from '../platform/auth/passwords';
import { migrateDatabase, openDatabase, type Database } from '../platform/db/client';
import { divisions, orgUnits, users } from '../platform/db/schema';
import { DEMO_PASSWORD } from './accounts';
import { generateDemoData } from './generate';
import { isDemoLoaded, loadDemoData } from './load';

describe('loadDemoData', () => {
  let database: Database;
  const data = generateDemoData({ seed: 3, counties: 3 });

  beforeAll(async () => {
    database = await openDatabase();
    await migrateDatabase(database);
  }, 60_000);

  afterAll(async () => {
    await database?.close();
  });

  it('loads every row once, into an empty database only', async () => {
    expect(await isDemoLoaded(database)).toBe(false);
    const counts = await loadDemoData(database, data);
    expect(counts).toEqual({ divisions: data.divisions.length, units: data.units.length, users: data.users.length });
    expect(await isDemoLoaded(database)).toBe(true);

    const count = async (table: typeof divisions | typeof orgUnits | typeof users) =>
      (await database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0].n;
    expect(await count(divisions)).toBe(data.divisions.length);
    expect(await count(orgUnits)).toBe(data.units.length);
    expect(await count(users)).toBe(data.users.length);
    expect(data.divisions.filter((d) => d.level === 'county')).toHaveLength(3);
  }, 60_000);

  it('stores a hash that verifies the demo password, and no forced change', async () => {
    const [drc] = await database.db.select().from(users).where(sql`${users.username} = 'drc'`);
    expect(drc.mustChangePassword).toBe(false);
    expect(await verifyPassword(drc.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(drc.passwordHash, 'wrong')).toBe(false);
    const [other] = await database.db.select().from(users).where(sql`${users.username} = '990123_owner'`);
    expect(other.passwordHash).toBe(drc.passwordHash);
  });

  it('records one intact audit entry per division with units or users', async () => {
    expect(await countAuditEntries(database.db)).toBe(data.divisions.length);
    const rows = await database.query<{ division_code: string; summary: string }>(
      `select division_code, summary from audit_log where division_code = '990121'`,
    );
    const units = data.units.filter((u) => u.divisionCode === '990121').length;
    const people = data.users.filter((u) => u.divisionCode === '990121').length;
    expect(rows).toEqual([{ division_code: '990121', summary: `载入演示数据：${units} 个单位，${people} 个用户` }]);
    expect((await verifyAuditChain(database)).problems).toEqual([]);
  });
});
