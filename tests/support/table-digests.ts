import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../../server/platform/db/client';

/**
 * Every table of schema `public` (but those in `except`) with its row count and an md5 over all
 * its rows in one canonical order: equal digests, same data. Computed here independently of the
 * backup code; the fuzz tests leave out `sessions`, which reading requests touch.
 */
export async function tableDigests(database: Database, except: string[] = []): Promise<Record<string, { rows: number; digest: string }>> {
  return database.db.transaction(async (tx) => {
    const run = async <T,>(text: string) => rowsOf<T>(await tx.execute(sql.raw(text)));
    await run(`set local timezone = 'UTC'`);
    await run(`set local datestyle = 'ISO, YMD'`);
    await run(`set local extra_float_digits = 1`);
    const tables = await run<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition order by 1`,
    );
    const result: Record<string, { rows: number; digest: string }> = {};
    for (const { name } of tables.filter((t) => !except.includes(t.name))) {
      const [row] = await run<{ rows: number; digest: string }>(
        `select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by t::text collate "C"), '')) as digest from public."${name}" t`,
      );
      result[name] = row;
    }
    return result;
  });
}
