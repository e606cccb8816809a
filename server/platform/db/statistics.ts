import type { Database } from './client';

/**
 * Refreshes the planner's statistics. The embedded database runs no autovacuum, so after
 * bulk loads (demo data, ledger imports) and now and then, the server asks for it; without
 * it the planner guesses one row per table and picks nested loops over thousands.
 */
export async function refreshStatistics(database: Database, tables: string[] = []): Promise<void> {
  for (const table of tables) if (!/^[a-z_]+$/.test(table)) throw new Error(`bad table name ${table}`);
  await database.query(tables.length ? `analyze ${tables.join(', ')}` : 'analyze');
}
