/**
 * `<DATA_DIR>/server.json`: which process has the embedded database open. The embedded engine
 * is single-process, so the server, and a backup or restore run without it, claim the data
 * directory here first; a second claimant is refused instead of corrupting the database.
 * The server also records its loopback maintenance port and token (mode 0600), through
 * which `npm run backup` asks it for a backup.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ControlEntry {
  pid: number;
  role: 'server' | 'backup' | 'restore';
  startedAt: string;
  /** Loopback port of the server's maintenance listener, once it listens. */
  port?: number;
  /** Token the maintenance listener requires (header `x-groundwork-token`). */
  token?: string;
}

export const CONTROL_FILE = 'server.json';

/** Claims the data directory for this process, or explains who holds it. */
export class DataDirBusyError extends Error {
  constructor(readonly holder: ControlEntry, file: string) {
    super(
      `${holder.role === 'server' ? '服务器' : holder.role === 'backup' ? '备份' : '恢复'}进程（pid ${holder.pid}）正在使用内置数据库；请先停止它。若该进程已不存在，可删除 ${file}。\n` +
        `The embedded database is in use by a ${holder.role} process (pid ${holder.pid}); stop it first. If that process is gone, delete ${file}.`,
    );
    this.name = 'DataDirBusyError';
  }
}

/** Whether a process with this id exists. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live holder of the data directory, or null (no file, or one left by a process that is gone). */
export function readControlFile(dataDir: string): ControlEntry | null {
  let entry: ControlEntry;
  try {
    entry = JSON.parse(fs.readFileSync(path.join(dataDir, CONTROL_FILE), 'utf8')) as ControlEntry;
  } catch {
    return null;
  }
  if (!Number.isInteger(entry.pid) || entry.pid === process.pid || !isProcessAlive(entry.pid)) return null;
  return entry;
}

export interface DataDirClaim {
  /** Rewrites this process's entry (the server adds its port and token once listening). */
  update(fields: Partial<ControlEntry>): void;
  /** Removes the entry if it is still this process's. */
  release(): void;
}

/** Claims `<dataDir>/server.json` for this process; throws `DataDirBusyError` when a live process holds it. */
export function claimDataDir(dataDir: string, role: ControlEntry['role']): DataDirClaim {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, CONTROL_FILE);
  let entry: ControlEntry = { pid: process.pid, role, startedAt: new Date().toISOString() };
  const writeTemp = () => {
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(entry), { mode: 0o600 });
    return temp;
  };
  for (let attempt = 0; ; attempt++) {
    const temp = writeTemp();
    try {
      // link() fails if the file exists: the claim is atomic, and never seen half-written.
      fs.linkSync(temp, file);
      fs.rmSync(temp);
      break;
    } catch (error) {
      fs.rmSync(temp, { force: true });
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw error;
      const holder = readControlFile(dataDir);
      if (holder) throw new DataDirBusyError(holder, file);
      fs.rmSync(file, { force: true });
    }
  }
  const isOurs = () => {
    try {
      return (JSON.parse(fs.readFileSync(file, 'utf8')) as ControlEntry).pid === process.pid;
    } catch {
      return false;
    }
  };
  return {
    update(fields) {
      entry = { ...entry, ...fields };
      if (isOurs()) fs.renameSync(writeTemp(), file);
    },
    release() {
      if (isOurs()) fs.rmSync(file, { force: true });
    },
  };
}
