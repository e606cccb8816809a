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
  if (url) return serverDatabase(url, `gw_test_${randomBytes(6).toString('hex')}`, `template ${inject('templateDatabase')}`, 5);
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
  return serverDatabase(url, `gw_${label}_${randomBytes(5).toString('hex')}`, '', 2);
}

/** Creates a database on the server (`options`: e.g. its template) and opens it; `close()` drops it. */
async function serverDatabase(url: string, name: string, options: string, poolSize: number): Promise<Database> {
  const admin = await openDatabase({ url, poolSize: 1 });
  await admin.query(`create database ${name} ${options}`.trim());
  await admin.close();
  const database = await openDatabase({ url: withDatabase(url, name), poolSize });
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
