import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { restrictNewFiles, tightenTree } from '../security/file-modes';
import { migrateDatabase, openDatabase, type Database } from './client';

/** Opens the database the configuration names (server URL, or embedded under DATA_DIR) and migrates it. */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  if (!config.databaseUrl) {
    // A command (create-admin, migrate, audit:verify) writes into the data directory as the server
    // does: owner-only, or the next start would refuse the files it left.
    restrictNewFiles();
    fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  }
  const database = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDir: path.join(config.dataDir, 'db') },
  );
  await migrateDatabase(database);
  // The embedded engine's files are the platform account's alone (see security/file-modes.ts).
  if (!config.databaseUrl) tightenTree(config.dataDir);
  return database;
}
