/**
 * `npm run backup`: writes one verified backup file of the configured database.
 *
 *   npm run backup -- [--out FILE|DIR] [--keep N]
 *
 * Default directory: BACKUP_DIR, or ./backups. Works while the server runs.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BackupFailedError, createBackupFile } from '../platform/backup/backup-file';
import { DataDirBusyError } from '../platform/backup/control-file';
import { BackupFileError } from '../platform/backup/format';
import { readConfigOrExit } from '../platform/config';
import { restrictNewFiles } from '../platform/security/file-modes';

// A backup file holds every record and password hash: owner-only, like the data directory.
restrictNewFiles();

const USAGE = `用法 usage: npm run backup -- [--out FILE|DIR] [--keep N]
  --out FILE|DIR  备份文件或目录 backup file or directory (默认 default: BACKUP_DIR 或 or ./backups)
  --keep N        目录中只保留最新 N 份 keep only the newest N backups in the directory`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

let args;
try {
  args = parseArgs({ options: { out: { type: 'string' }, keep: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }).values;
} catch (error) {
  fail(`${(error as Error).message}\n\n${USAGE}`, 2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (args.keep !== undefined && !/^[1-9]\d*$/.test(args.keep)) fail(`--keep 应为正整数 must be a positive integer: ${args.keep}\n\n${USAGE}`, 2);

const config = readConfigOrExit();
const out = args.out ?? `${path.resolve(process.env.BACKUP_DIR ?? 'backups')}${path.sep}`;
try {
  const result = await createBackupFile(config, { out, keep: args.keep ? Number(args.keep) : undefined });
  const { header, trailer, bytes } = result.verified;
  const source = header.source.kind === 'embedded' ? `内置数据库 embedded${result.via === 'server' ? '（经运行中的服务器 via the running server）' : ''}` : 'PostgreSQL';
  console.log(`备份完成 backup written: ${result.file}`);
  console.log(`  来源 source ${source}；表 tables ${header.tables.length}，行 rows ${trailer.rows}，附件 files ${trailer.files}`);
  console.log(`  大小 size ${(bytes / 1024 / 1024).toFixed(1)} MB，用时 took ${result.ms} ms，已校验 verified`);
  if (trailer.missingFiles.length) console.warn(`  警告 warning: ${trailer.missingFiles.length} 个附件文件缺失 uploaded files missing on disk: ${trailer.missingFiles.slice(0, 5).join(', ')}`);
  for (const file of result.pruned) console.log(`  已删除旧备份 removed old backup: ${file}`);
} catch (error) {
  if (error instanceof BackupFailedError || error instanceof BackupFileError || error instanceof DataDirBusyError) fail(`备份失败 backup failed: ${error.message}`);
  throw error;
}
