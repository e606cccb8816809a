import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/platform/db/client';
import { withDatabase } from '../support/global-setup';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-start-'));
let databaseUrl: string | undefined;
let port = 0;

async function freshServerDatabase(): Promise<string | undefined> {
  const url = process.env.DATABASE_URL;
  if (!url) return undefined;
  const name = `gw_start_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ url, poolSize: 1 });
  await admin.query(`create database ${name}`);
  await admin.close();
  return withDatabase(url, name);
}

/** Starts `server/main.ts` as `npm start` does (minus the web build) and waits for its banner. */
function startServer(): Promise<{ child: ChildProcess; output: () => string }> {
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: databaseUrl ?? '' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    child.stdout!.on('data', () => {
      const match = /地址：http:\/\/localhost:(\d+)/.exec(out);
      // The banner is several writes: wait for its last line.
      if (match && out.includes('按 Ctrl-C 停止')) {
        clearTimeout(timer);
        port = Number(match[1]);
        resolve({ child, output: () => out });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('npm start', () => {
  it('starts on a new database with the demo county, stops on Ctrl-C, and keeps the data', async () => {
    databaseUrl = await freshServerDatabase();
    const first = await startServer();
    expect(first.output()).toContain('演示账号');
    expect(first.output()).toContain('admin');
    const base = `http://127.0.0.1:${port}`;
    const health = await (await fetch(`${base}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', database: databaseUrl ? 'postgres' : 'embedded' });

    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Demo@2026' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const created = await fetch(`${base}/api/units`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ name: '县数据资源管理局', kind: 'department' }),
    });
    expect(created.status).toBe(201);

    expect(await stop(first.child)).toBe(0);
    expect(first.output()).toContain('已停止');

    const second = await startServer();
    expect(second.output()).not.toContain('首次启动');
    const again = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Demo@2026' }),
    });
    const cookie2 = again.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const units = await (await fetch(`${base}/api/units?q=数据资源`, { headers: { cookie: cookie2 } })).json();
    expect(units.data.map((u: { name: string }) => u.name)).toContain('县数据资源管理局');
    expect(await stop(second.child)).toBe(0);
  }, 120_000);
});
