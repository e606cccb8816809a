import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { tightenTree } from '../security/file-modes';
import { migrateDatabase, openDatabase, type Database } from './client';

/** Opens the database the configuration names (server URL, or embedded under DATA_DIR) and migrates it. */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  if (!config.databaseUrl) fs.mkdirSync(config.dataDir, { recursive: true });
  const database = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDir: path.join(config.dataDir, 'db') },
  );
  await migrateDatabase(database);
  // The embedded engine's files are the platform account's alone (see security/file-modes.ts).
  if (!config.databaseUrl) tightenTree(config.dataDir);
  return database;
}
