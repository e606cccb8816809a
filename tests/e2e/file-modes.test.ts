import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { looseFiles } from '../../server/platform/security/file-modes';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-modes-'));
const dataDir = path.join(root, 'data');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Starts the server under umask 000 (the worst a service manager could hand it); resolves with its output and exit code once it stops or is stopped after its banner. */
function runServer(stopAfterBanner: boolean): Promise<{ code: number | null; output: string }> {
  // Embedded database only: on a server database the data directory holds only uploads.
  const env = { ...process.env, DATA_DIR: dataDir, PORT: '0', DEMO: 'false', DATABASE_URL: '' };
  const child = spawn('sh', ['-c', `umask 000; exec "${process.execPath}" --import tsx server/main.ts`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (d: Buffer) => {
    output += d;
    if (stopAfterBanner && output.includes('按 Ctrl-C 停止')) child.kill('SIGINT');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

describe('the data directory is the platform account\'s alone (等保: 访问控制)', () => {
  it('creates the embedded database, uploads and control file 0700/0600 under umask 000', async () => {
    const run = await runServer(true);
    expect(run.output).toContain('已停止');
    expect(fs.readdirSync(path.join(dataDir, 'db')).length).toBeGreaterThan(5);
    expect(looseFiles(dataDir)).toEqual([]);
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('leaves the tree owner-only after a command writes to the embedded database (npm run create-admin), so the next start is not refused', async () => {
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', GW_ADMIN_PASSWORD: 'Admin#2026modes' };
    const command = `umask 000; exec "${process.execPath}" --import tsx server/cli/create-admin.ts --username modes_admin --division-code 620921 --division-name 河西县`;
    const child = spawn('sh', ['-c', command], { env, stdio: 'ignore' });
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(0);
    expect(looseFiles(dataDir)).toEqual([]);
  });

  it('refuses to start, naming the file and the fix, when anything under it is open to others', async () => {
    const file = path.join(dataDir, 'db', 'PG_VERSION');
    fs.chmodSync(file, 0o644);
    const run = await runServer(false);
    expect(run.code).toBe(1);
    expect(run.output).toContain('数据目录的权限过宽');
    expect(run.output).toContain(`0644  ${file}`);
    expect(run.output).toContain('chmod -R go-rwx');
    expect(run.output).not.toContain('已启动');
  });
});
