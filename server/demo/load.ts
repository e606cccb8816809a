import type { Database } from '../platform/db/client';
import { divisions, orgUnits, users } from '../modules/org/org.tables';
import { recordAudit, SYSTEM_ACTOR } from '../platform/audit/audit.service';
import { hashPassword } from '../platform/auth/passwords';
import { DEMO_PASSWORD } from './accounts';
import type { DemoDataSet } from './generate';

/** Rows per INSERT statement: well under PostgreSQL's 65,535 bind parameters for every table. */
const CHUNK_SIZE = 1000;

export interface DemoLoadCounts {
  divisions: number;
  units: number;
  users: number;
}

/** Whether the database already has accounts, in which case start-up leaves it alone. */
export async function isDemoLoaded(database: Database): Promise<boolean> {
  const rows = await database.db.select({ id: users.id }).from(users).limit(1);
  return rows.length > 0;
}

/**
 * Inserts a generated data set in one transaction, with one audit entry per division
 * that received units or users. Every demo account gets the password `Demo@2026`, hashed
 * once and shared, and need not change it at first login.
 */
export async function loadDemoData(database: Database, data: DemoDataSet): Promise<DemoLoadCounts> {
  // One argon2 hash (~50 ms) for all accounts instead of one per account.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = new Date();

  await database.db.transaction(async (tx) => {
    await insertInChunks(data.divisions, (chunk) =>
      tx.insert(divisions).values(chunk.map((d) => ({ code: d.code, name: d.name, level: d.level, parentCode: d.parentCode }))),
    );
    await insertInChunks(data.units, (chunk) =>
      tx.insert(orgUnits).values(
        chunk.map((u) => ({
          divisionCode: u.divisionCode,
          id: u.id,
          name: u.name,
          shortName: u.shortName,
          kind: u.kind,
          parentId: u.parentId,
          contactPerson: u.contactPerson,
          contactPhone: u.contactPhone,
          sortOrder: u.sortOrder,
        })),
      ),
    );
    await insertInChunks(data.users, (chunk) =>
      tx.insert(users).values(
        chunk.map((u) => ({
          id: u.id,
          divisionCode: u.divisionCode,
          unitId: u.unitId,
          username: u.username,
          displayName: u.displayName,
          role: u.role,
          dataScope: u.dataScope,
          phone: u.phone,
          passwordHash,
          mustChangePassword: false,
          passwordChangedAt: now,
        })),
      ),
    );

    const perDivision = new Map<string, { units: number; users: number }>();
    const count = (code: string) => {
      let c = perDivision.get(code);
      if (!c) perDivision.set(code, (c = { units: 0, users: 0 }));
      return c;
    };
    for (const u of data.units) count(u.divisionCode).units++;
    for (const u of data.users) count(u.divisionCode).users++;
    for (const d of data.divisions) {
      const c = perDivision.get(d.code);
      if (!c) continue;
      await recordAudit(tx, {
        actor: SYSTEM_ACTOR,
        divisionCode: d.code,
        action: 'demo.loaded',
        entityType: 'system',
        summary: `载入演示数据：${c.units} 个单位，${c.users} 个用户`,
      });
    }
  });

  return { divisions: data.divisions.length, units: data.units.length, users: data.users.length };
}

async function insertInChunks<T>(rows: readonly T[], insert: (chunk: T[]) => PromiseLike<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK_SIZE) await insert(rows.slice(i, i + CHUNK_SIZE));
}
