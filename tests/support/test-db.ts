import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../server/platform/db/client';
import { withDatabase } from './global-setup';

/**
 * A fresh, migrated database for one test file: a copy of the run's template, embedded or
 * on the PostgreSQL server of DATABASE_URL. `close()` also drops the server-side copy.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `gw_test_${randomBytes(6).toString('hex')}`;
    const admin = await openDatabase({ url, poolSize: 1 });
    await admin.query(`create database ${name} template ${inject('templateDatabase')}`);
    await admin.close();
    const database = await openDatabase({ url: withDatabase(url, name), poolSize: 5 });
    return {
      ...database,
      close: async () => {
        await database.close();
        const cleanup = await openDatabase({ url, poolSize: 1 });
        await cleanup.query(`drop database if exists ${name} with (force)`);
        await cleanup.close();
      },
    };
  }
  const dump = fs.readFileSync(inject('templatePath'));
  return openDatabase({ loadDataDir: new Blob([dump]) });
}

/**
 * An empty, unmigrated database (for tests that apply part of the migration history): in
 * memory for the embedded engine, a new database on the server otherwise, dropped by `close`.
 */
export async function createEmptyDatabase(label: string): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) return openDatabase();
  const name = `gw_${label}_${randomBytes(5).toString('hex')}`;
  const admin = await openDatabase({ url, poolSize: 1 });
  await admin.query(`create database ${name}`);
  await admin.close();
  const database = await openDatabase({ url: withDatabase(url, name), poolSize: 2 });
  return {
    ...database,
    close: async () => {
      await database.close();
      const cleanup = await openDatabase({ url, poolSize: 1 });
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.close();
    },
  };
}
