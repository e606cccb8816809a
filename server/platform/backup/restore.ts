/** Rebuilds a database from a backup file, into the configured embedded directory or PostgreSQL database. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../config';
import { MIGRATIONS_DIR, migrateDatabase, openDatabase, type Database } from '../db/client';
import { refreshStatistics } from '../db/statistics';
import { writeBackup } from './backup';
import { backupFileName } from './backup-file';
import {
  codeMigrations,
  listForeignKeys,
  listTables,
  queryOf,
  tableChecksum,
  tablesWithRows,
  useCanonicalSettings,
  type TableShape,
} from './catalog';
import { CONTROL_FILE, claimDataDir, DataDirBusyError, readControlFile, type DataDirClaim } from './control-file';
import { BackupFileError, openBackupStream, quoteIdent, type BackupEvent, type BackupHeader, type BackupMigration } from './format';
import { verifyBackupFile } from './verify';

/** Rows per INSERT, and the most row text per INSERT. */
const BATCH_ROWS = 1000;
const BATCH_CHARS = 1_000_000;

/** A restore refused before anything was changed, with a message for the operator (Chinese, then English). */
export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

export interface RestoreResult {
  header: BackupHeader;
  tables: Array<{ name: string; rows: number; checksum: string }>;
  files: number;
  missingFiles: string[];
  /** Migrations applied after loading, the backup being older than the code. */
  laterMigrations: number;
  /** Embedded with --force: where the previous database directory was moved. */
  movedAside?: string;
  /** PostgreSQL with --force: the backup of the previous contents written first. */
  safetyBackup?: string;
  ms: number;
}

/** How many of the code's migrations to apply before loading (the file's), and whether the file is too new. */
export function planMigrations(fileMigrations: BackupMigration[]): { before: number; later: number } {
  const code = codeMigrations();
  const latest = code[code.length - 1];
  fileMigrations.forEach((m, i) => {
    if (code[i]?.hash === m.hash) return;
    if (!code[i] || m.createdAt > latest.createdAt) {
      throw new RestoreRefusedError(
        `备份来自更新版本的程序（含本程序没有的数据库迁移），请先升级程序再恢复。\n` +
          `The backup comes from a newer version (it has database migrations this code lacks); upgrade before restoring.`,
      );
    }
    throw new RestoreRefusedError(
      `备份的数据库迁移与本程序不一致（第 ${i + 1} 个迁移不同）。\nThe backup's database migrations differ from this code's (migration ${i + 1}).`,
    );
  });
  return { before: fileMigrations.length, later: code.length - fileMigrations.length };
}

/**
 * Restores `file` into the configured database. Refuses a damaged file, a file from newer
 * code, and a target that already holds data unless `force` (then the embedded directory is
 * moved aside, and a PostgreSQL database is first backed up to `backupDir`). Creates the
 * schema with the migrations the backup had, loads every table in one transaction, checks
 * row counts and checksums against the backup before committing, writes the uploaded
 * files, then applies any newer migrations.
 */
export async function restoreBackup(options: {
  file: string;
  config: Config;
  force: boolean;
  backupDir: string;
  log?: (message: string) => void;
}): Promise<RestoreResult> {
  const { file, config, force, backupDir } = options;
  const log = options.log ?? (() => {});
  const started = Date.now();
  // Refuse at once, before reading a large file, while the embedded server runs.
  const holder = config.databaseUrl ? null : readControlFile(config.dataDir);
  if (holder) throw new DataDirBusyError(holder, path.join(config.dataDir, CONTROL_FILE));
  log('正在校验备份文件 / verifying the backup file…');
  const verified = await verifyBackupFile(file);
  const plan = planMigrations(verified.header.migrations);

  const target = config.databaseUrl
    ? await preparePostgres(config.databaseUrl, { force, backupDir, filesDir: config.filesDir }, log)
    : await prepareEmbedded(config.dataDir, force, log);
  try {
    await migrateTo(target.database, plan.before);
    log('正在载入数据 / loading rows…');
    const { events } = await openBackupStream(fs.createReadStream(file));
    const { tables, next } = await loadTables(target.database, verified.header, events);
    const files = await writeFiles(next, events, config.filesDir);
    if (plan.later > 0) await migrateDatabase(target.database);
    await refreshStatistics(target.database);
    await target.database.close();
    target.claim?.release();
    return {
      header: verified.header,
      tables,
      files,
      missingFiles: verified.trailer.missingFiles,
      laterMigrations: plan.later,
      movedAside: target.movedAside,
      safetyBackup: target.safetyBackup,
      ms: Date.now() - started,
    };
  } catch (error) {
    await target.database.close().catch(() => {});
    target.undo();
    if (target.safetyBackup) log(`目标数据库原有内容在 / the target's previous contents are in ${target.safetyBackup}`);
    target.claim?.release();
    throw error;
  }
}

interface Target {
  database: Database;
  claim?: DataDirClaim;
  movedAside?: string;
  safetyBackup?: string;
  /** Puts the target back as it was found, when that is possible. */
  undo(): void;
}

function stamp(): string {
  return backupFileName(new Date(), 'x').slice(2, 17);
}

async function prepareEmbedded(dataDir: string, force: boolean, log: (message: string) => void): Promise<Target> {
  const claim = claimDataDir(dataDir, 'restore');
  const dbDir = path.join(dataDir, 'db');
  let movedAside: string | undefined;
  try {
    if (fs.existsSync(dbDir) && fs.readdirSync(dbDir).length > 0) {
      if (!force) {
        const existing = await openDatabase({ dataDir: dbDir }).catch((error: Error) => {
          throw new RestoreRefusedError(
            `现有数据库目录无法打开（${error.message}），未做任何改动；加 --force 可将其移开后恢复。\n` +
              `The existing database directory cannot be opened; nothing was changed. Add --force to move it aside and restore.\n  ${dbDir}`,
          );
        });
        const withRows = await tablesWithRows(existing.query).finally(() => existing.close());
        if (withRows.length > 0) throw holdsData(dbDir, withRows);
      }
      movedAside = `${dbDir}.before-restore-${stamp()}`;
      fs.renameSync(dbDir, movedAside);
      log(`原数据库目录已移至 / the previous database directory was moved to ${movedAside}`);
    }
    const database = await openDatabase({ dataDir: dbDir });
    return {
      database,
      claim,
      movedAside,
      undo: () => {
        fs.rmSync(dbDir, { recursive: true, force: true });
        if (movedAside) fs.renameSync(movedAside, dbDir);
      },
    };
  } catch (error) {
    if (movedAside && !fs.existsSync(dbDir)) fs.renameSync(movedAside, dbDir);
    claim.release();
    throw error;
  }
}

async function preparePostgres(
  url: string,
  { force, backupDir, filesDir }: { force: boolean; backupDir: string; filesDir: string },
  log: (message: string) => void,
): Promise<Target> {
  const database = await openDatabase({ url, poolSize: 1 });
  let safetyBackup: string | undefined;
  try {
    const [{ others }] = await database.query<{ others: number }>(
      `select count(*)::int as others from pg_stat_activity
       where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
    );
    if (others > 0) {
      throw new RestoreRefusedError(
        `目标数据库还有 ${others} 个其他连接（服务器是否仍在运行？）；请先停止服务器。\n` +
          `The target database has ${others} other connection(s) (is the server still running?); stop it first.`,
      );
    }
    const withRows = await tablesWithRows(database.query);
    if (withRows.length > 0) {
      if (!force) throw holdsData(new URL(url).pathname.slice(1), withRows);
      fs.mkdirSync(backupDir, { recursive: true });
      safetyBackup = path.resolve(backupDir, `groundwork-before-restore-${stamp()}.backup.gz`);
      log(`正在把目标数据库现有内容备份到 / backing up the target's current contents to ${safetyBackup}…`);
      await writeBackup({ database, filesDir, output: fs.createWriteStream(safetyBackup, { mode: 0o600 }) });
    }
    // The schema is built again by the migrations the backup had.
    await database.query('drop schema if exists drizzle cascade');
    await database.query('drop schema if exists public cascade');
    await database.query('create schema public');
    await database.query('grant usage on schema public to public');
  } catch (error) {
    await database.close();
    throw error;
  }
  // A fresh connection: nothing cached about the tables just dropped.
  await database.close();
  return { database: await openDatabase({ url, poolSize: 1 }), safetyBackup, undo: () => {} };
}

function holdsData(where: string, tables: string[]): RestoreRefusedError {
  const list = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ' …' : '');
  return new RestoreRefusedError(
    `目标数据库已有数据（${list}），未做任何改动。确需覆盖请加 --force。\n` +
      `The target database already holds data (${list}); nothing was changed. Add --force to replace it.\n  ${where}`,
  );
}

/** Applies the code's first `count` migrations (all of them when the backup is current). */
export async function migrateTo(database: Database, count: number): Promise<void> {
  const all = codeMigrations();
  if (count === all.length) return migrateDatabase(database);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-migrations-'));
  try {
    fs.mkdirSync(path.join(folder, 'meta'));
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
    fs.writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }));
    for (const m of all.slice(0, count)) fs.copyFileSync(path.join(MIGRATIONS_DIR, `${m.tag}.sql`), path.join(folder, `${m.tag}.sql`));
    await migrateDatabase(database, { migrationsFolder: folder });
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Loads the table sections in one transaction: foreign keys dropped for the load and added back
 * (validated) after it, sequences set, then every table's count and checksum compared with the
 * header before committing.
 */
async function loadTables(database: Database, header: BackupHeader, events: AsyncGenerator<BackupEvent>): Promise<{ tables: RestoreResult['tables']; next: BackupEvent }> {
  return database.db.transaction(async (tx) => {
    const query = queryOf(tx);
    await useCanonicalSettings(query);
    const shapes = new Map((await listTables(query)).map((t) => [t.name, t]));
    const expected = header.tables.map((t) => t.name).sort();
    if (JSON.stringify([...shapes.keys()].sort()) !== JSON.stringify(expected)) {
      throw new RestoreRefusedError('迁移后的表与备份中的表不一致 / the migrated tables differ from the backup’s');
    }
    for (const table of header.tables) {
      if (JSON.stringify(shapes.get(table.name)!.columns) !== JSON.stringify(table.columns)) {
        throw new RestoreRefusedError(`表 ${table.name} 的列与备份不一致 / table ${table.name}: columns differ from the backup`);
      }
    }
    const foreignKeys = await listForeignKeys(query);
    for (const fk of foreignKeys) await query(`alter table public.${quoteIdent(fk.table)} drop constraint ${quoteIdent(fk.name)}`);

    let shape: TableShape | null = null;
    let next: BackupEvent;
    let batch: string[] = [];
    let chars = 0;
    const flush = async () => {
      if (!shape || batch.length === 0) return;
      await query(insertSql(shape), [JSON.stringify(batch)]);
      batch = [];
      chars = 0;
    };
    for (;;) {
      const { value: event } = await events.next();
      if (!event) throw new BackupFileError('备份文件不完整 / backup file is incomplete');
      if (event.type === 'row') {
        batch.push(event.text);
        chars += event.text.length;
        if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush();
        continue;
      }
      await flush();
      if (event.type === 'table') {
        shape = shapes.get(event.name)!;
        continue;
      }
      // Files or the end: every table is in.
      next = event;
      break;
    }

    for (const seq of header.sequences) {
      await query(`select setval($1, $2::bigint, $3)`, [`public.${quoteIdent(seq.name)}`, seq.lastValue, seq.isCalled]);
    }
    for (const fk of foreignKeys) await query(`alter table public.${quoteIdent(fk.table)} add constraint ${quoteIdent(fk.name)} ${fk.definition}`);

    const result = [];
    for (const table of header.tables) {
      const actual = await tableChecksum(query, table.name);
      if (actual.rows !== table.rows || actual.checksum !== table.checksum) {
        throw new Error(
          `恢复后表 ${table.name} 与备份不符（行数 ${actual.rows}/${table.rows}）/ table ${table.name} differs from the backup after loading (${actual.rows}/${table.rows} rows)`,
        );
      }
      result.push({ name: table.name, ...actual });
    }
    return { tables: result, next };
  });
}

function insertSql(shape: TableShape): string {
  const table = `public.${quoteIdent(shape.name)}`;
  const columns = shape.writable.map(quoteIdent);
  // OFFSET 0 keeps the cast to the row type evaluated once per row, not once per column.
  return `insert into ${table} (${columns.join(', ')}) overriding system value
    select ${columns.map((c) => `(x).${c}`).join(', ')}
    from (select r::${table} as x from json_array_elements_text($1::json) r offset 0) s`;
}

/** Writes the uploaded files that follow the tables into the files directory. */
async function writeFiles(first: BackupEvent, events: AsyncGenerator<BackupEvent>, filesDir: string): Promise<number> {
  const root = path.resolve(filesDir);
  let files = 0;
  let out: fs.WriteStream | null = null;
  let hash: ReturnType<typeof createHash> | null = null;
  let expected = '';
  const finish = async () => {
    if (!out) return;
    await new Promise<void>((resolve, reject) => out!.end((error?: Error | null) => (error ? reject(error) : resolve())));
    if (hash!.digest('hex') !== expected) throw new BackupFileError('附件内容不符 / a file’s content does not match');
    files += 1;
    out = null;
  };
  let event: BackupEvent | null = first;
  while (event) {
    if (event.type === 'file') {
      await finish();
      const target = path.resolve(root, event.file.storageKey);
      if (!target.startsWith(root + path.sep)) throw new BackupFileError(`附件路径不合法 / bad file path: ${event.file.storageKey}`);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      out = fs.createWriteStream(target);
      hash = createHash('sha256');
      expected = event.file.sha256;
    } else if (event.type === 'chunk') {
      hash!.update(event.bytes);
      if (!out!.write(event.bytes)) await new Promise<void>((resolve) => out!.once('drain', () => resolve()));
    } else if (event.type === 'end') {
      await finish();
      return files;
    }
    event = (await events.next()).value ?? null;
  }
  throw new BackupFileError('备份文件不完整 / backup file is incomplete');
}
