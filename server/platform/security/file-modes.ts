import fs from 'node:fs';
import path from 'node:path';

/**
 * Files of the platform (the embedded database, uploads, backups) are readable by the
 * platform's own account only: 0700 directories, 0600 files, whatever umask the process
 * was started with (等保 2.0 level 3: 访问控制, 剩余信息保护). Everything the process creates
 * afterwards inherits this umask.
 */
export function restrictNewFiles(): void {
  process.umask(0o077);
}

export interface LooseFile {
  path: string;
  mode: string;
}

/** Entries of a tree that others than the owner may read, write or enter (at most `limit`). */
export function looseFiles(root: string, limit = 10): LooseFile[] {
  const found: LooseFile[] = [];
  const visit = (file: string) => {
    if (found.length >= limit) return;
    const stat = fs.lstatSync(file, { throwIfNoEntry: false });
    if (!stat || stat.isSymbolicLink()) return;
    if (stat.mode & 0o077) found.push({ path: file, mode: (stat.mode & 0o777).toString(8).padStart(4, '0') });
    if (stat.isDirectory()) for (const entry of fs.readdirSync(file)) visit(path.join(file, entry));
  };
  visit(root);
  return found;
}

/**
 * Narrows a tree the platform itself wrote to 0700/0600. The embedded engine unpacks its
 * initial cluster with the modes of its template (0666) whatever the umask: this runs after
 * each open and close of the embedded database.
 */
export function tightenTree(root: string): void {
  const visit = (file: string) => {
    const stat = fs.lstatSync(file, { throwIfNoEntry: false });
    if (!stat || stat.isSymbolicLink()) return;
    if (stat.mode & 0o077) fs.chmodSync(file, stat.isDirectory() ? 0o700 : 0o600);
    if (stat.isDirectory()) for (const entry of fs.readdirSync(file)) visit(path.join(file, entry));
  };
  visit(root);
}

export class LooseFileModesError extends Error {}

/**
 * Creates the data directories 0700 if they are missing, then refuses to go on if any file
 * or directory under them is open to other accounts — with a message saying which and how
 * to fix it. Checked at every start.
 */
export function secureDataDirs(dirs: readonly string[]): void {
  restrictNewFiles();
  const loose: LooseFile[] = [];
  for (const dir of new Set(dirs)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    loose.push(...looseFiles(dir));
  }
  if (!loose.length) return;
  const list = loose.map((f) => `  ${f.mode}  ${f.path}`).join('\n');
  throw new LooseFileModesError(
    `数据目录的权限过宽，其他系统账号可读写其中的数据库、附件或备份，拒绝启动：\n${list}\n` +
      `请以运行本平台的账号执行：chmod -R go-rwx ${[...new Set(dirs)].map((d) => JSON.stringify(d)).join(' ')}`,
  );
}
