/**
 * `npm run restore -- FILE [--force]`: rebuilds the configured database (embedded DATA_DIR or
 * DATABASE_URL) from a backup file, and checks every table against the backup.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DataDirBusyError } from '../platform/backup/control-file';
import { BackupFileError } from '../platform/backup/format';
import { RestoreRefusedError, restoreBackup } from '../platform/backup/restore';
import { readConfigOrExit } from '../platform/config';
import { restrictNewFiles, tightenTree } from '../platform/security/file-modes';

// What the restore writes into the data directory is the platform account's alone (0600/0700).
restrictNewFiles();

const USAGE = `用法 usage: npm run restore -- FILE [--force]
  FILE     npm run backup 写出的备份文件 a file written by npm run backup
  --force  目标已有数据时仍然恢复 restore even if the target holds data
           （内置数据库：原目录移到 data/db.before-restore-…；PostgreSQL：先把现有内容备份到 BACKUP_DIR）
           (embedded: the old directory is moved to data/db.before-restore-…; PostgreSQL: its contents are backed up to BACKUP_DIR first)`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({ options: { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
} catch (error) {
  fail(`${(error as Error).message}\n\n${USAGE}`, 2);
}
if (parsed.values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (parsed.positionals.length !== 1) fail(`请给出一个备份文件 give one backup file.\n\n${USAGE}`, 2);

const config = readConfigOrExit();
const file = path.resolve(parsed.positionals[0]);
try {
  const result = await restoreBackup({
    file,
    config,
    force: parsed.values.force ?? false,
    backupDir: path.resolve(process.env.BACKUP_DIR ?? 'backups'),
    log: (message) => console.log(message),
  });
  // The restored cluster is unpacked with its archive's modes: owner-only again, as the start checks.
  if (!config.databaseUrl) tightenTree(config.dataDir);
  const { header } = result;
  console.log(`恢复完成 restored: ${file}`);
  console.log(`  目标 target ${config.databaseUrl ? 'PostgreSQL' : `内置数据库 embedded (${path.join(config.dataDir, 'db')})`}`);
  console.log(`  备份时间 taken at ${header.createdAt}，来源 source ${header.source.kind}`);
  console.log('  表 table                          行数 rows   校验和 checksum（与备份一致 matches the backup）');
  for (const t of result.tables) console.log(`  ${t.name.padEnd(32)} ${String(t.rows).padStart(9)}   ${t.checksum}`);
  console.log(`  附件 files ${result.files}${result.missingFiles.length ? `（备份时缺失 missing when backed up: ${result.missingFiles.length}）` : ''}`);
  if (result.laterMigrations) console.log(`  之后应用了 ${result.laterMigrations} 个较新的迁移 applied ${result.laterMigrations} newer migration(s) afterwards`);
  if (result.movedAside) console.log(`  原数据库目录 previous database directory: ${result.movedAside}`);
  if (result.safetyBackup) console.log(`  原有内容的备份 backup of the previous contents: ${result.safetyBackup}`);
  console.log(`  用时 took ${result.ms} ms。可运行 npm run audit:verify 校验审计链 / run npm run audit:verify to check the audit chain.`);
} catch (error) {
  if (error instanceof RestoreRefusedError || error instanceof BackupFileError || error instanceof DataDirBusyError) fail(`未恢复 not restored: ${error.message}`);
  throw error;
}
