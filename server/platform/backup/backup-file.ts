/** `npm run backup` without the command line: where the file goes, who makes it, retention. */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Config } from '../config';
import { openDatabase } from '../db/client';
import { writeBackup } from './backup';
import { claimDataDir, readControlFile, type ControlEntry } from './control-file';
import { TOKEN_HEADER } from './maintenance';
import { verifyBackupFile, type VerifiedBackup } from './verify';

/** Names of the files `npm run backup` writes into a directory; retention only ever deletes these. */
const BACKUP_NAME = /^groundwork-\d{8}-\d{6}\.backup\.gz$/;

/** A backup that could not be made, with a message for the operator (Chinese, then English). */
export class BackupFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFailedError';
  }
}

/** `groundwork-20260131-020000.backup.gz`, in Beijing time. */
export function backupFileName(now: Date = new Date(), prefix = 'groundwork'): string {
  const stamp = new Date(now.getTime() + 8 * 3600_000).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${prefix}-${stamp}.backup.gz`;
}

export interface BackupFileResult {
  file: string;
  via: 'server' | 'direct';
  verified: VerifiedBackup;
  ms: number;
  /** Old backups removed by `keep`. */
  pruned: string[];
}

/**
 * Writes a verified backup file. On PostgreSQL the database is read directly (the server may
 * run). On the embedded database a running server is asked through its maintenance listener;
 * otherwise the database is opened here, claimed so that no server starts meanwhile.
 * The file appears under its name only once complete and verified.
 */
export async function createBackupFile(config: Config, options: { out: string; keep?: number }): Promise<BackupFileResult> {
  const started = Date.now();
  const intoDirectory = options.out.endsWith(path.sep) || options.out.endsWith('/') || (fs.existsSync(options.out) && fs.statSync(options.out).isDirectory());
  const file = path.resolve(intoDirectory ? path.join(options.out, backupFileName()) : options.out);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  let via: BackupFileResult['via'] = 'direct';
  try {
    if (config.databaseUrl) {
      const database = await openDatabase({ url: config.databaseUrl, poolSize: 1 });
      try {
        await writeBackup({ database, filesDir: config.filesDir, output: fs.createWriteStream(partial, { mode: 0o600 }) });
      } finally {
        await database.close();
      }
    } else {
      const holder = readControlFile(config.dataDir);
      if (holder) {
        via = 'server';
        await downloadFromServer(holder, partial);
      } else {
        await backupEmbeddedDirectly(config, partial);
      }
    }
    const verified = await verifyBackupFile(partial);
    fs.renameSync(partial, file);
    const pruned = intoDirectory && options.keep ? pruneBackups(path.dirname(file), options.keep) : [];
    return { file, via, verified, ms: Date.now() - started, pruned };
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

async function backupEmbeddedDirectly(config: Config, partial: string): Promise<void> {
  const dbDir = path.join(config.dataDir, 'db');
  if (!fs.existsSync(path.join(dbDir, 'PG_VERSION'))) {
    throw new BackupFailedError(`没有可备份的内置数据库 / no embedded database to back up: ${dbDir}`);
  }
  const claim = claimDataDir(config.dataDir, 'backup');
  try {
    const database = await openDatabase({ dataDir: dbDir });
    try {
      await writeBackup({ database, filesDir: config.filesDir, output: fs.createWriteStream(partial, { mode: 0o600 }) });
    } finally {
      await database.close();
    }
  } finally {
    claim.release();
  }
}

/** Asks the running embedded server for a backup over its loopback maintenance listener. */
async function downloadFromServer(holder: ControlEntry, partial: string): Promise<void> {
  if (holder.role !== 'server') {
    throw new BackupFailedError(`另一个${holder.role === 'backup' ? '备份' : '恢复'}进程（pid ${holder.pid}）正在进行 / another ${holder.role} (pid ${holder.pid}) is running`);
  }
  if (!holder.port || !holder.token) {
    throw new BackupFailedError(`服务器（pid ${holder.pid}）正在启动，请稍后再试 / the server (pid ${holder.pid}) is starting; try again shortly`);
  }
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port: holder.port, path: '/backup', headers: { [TOKEN_HEADER]: holder.token } }, resolve);
    request.on('error', (error) =>
      reject(
        new BackupFailedError(
          `服务器进程（pid ${holder.pid}）未在维护端口 ${holder.port} 应答：${error.message}\n` +
            `The server process (pid ${holder.pid}) does not answer on its maintenance port ${holder.port}.`,
        ),
      ),
    );
  });
  if (response.statusCode !== 200) {
    let body = '';
    for await (const chunk of response) body += chunk;
    let message = body;
    try {
      message = (JSON.parse(body) as { error: { message: string } }).error.message;
    } catch {
      // Not our JSON: show it as it came.
    }
    throw new BackupFailedError(`服务器拒绝备份请求 / the server refused the backup (${response.statusCode}): ${message}`);
  }
  await pipeline(response, fs.createWriteStream(partial, { mode: 0o600 }));
}

/** Keeps the newest `keep` backups written by `npm run backup` in `dir`; returns the removed ones. */
export function pruneBackups(dir: string, keep: number): string[] {
  const names = fs
    .readdirSync(dir)
    .filter((name) => BACKUP_NAME.test(name))
    .sort()
    .reverse();
  const removed = names.slice(Math.max(keep, 1)).map((name) => path.join(dir, name));
  for (const file of removed) fs.rmSync(file);
  return removed;
}
