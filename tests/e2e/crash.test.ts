import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../server/platform/audit/audit.service';
import { migrateDatabase, openDatabase } from '../../server/platform/db/client';
import { withDatabase } from '../support/global-setup';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-crash-'));
let databaseUrl: string | undefined;

async function freshServerDatabase(): Promise<string | undefined> {
  const url = process.env.DATABASE_URL;
  if (!url) return undefined;
  const name = `gw_crash_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ url, poolSize: 1 });
  await admin.query(`create database ${name}`);
  await admin.close();
  return withDatabase(url, name);
}

function start(port: number): Promise<{ child: ChildProcess; url: string }> {
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: databaseUrl ?? '' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start:\n${out}`)), 90_000);
    child.stdout!.on('data', () => {
      const m = /地址：http:\/\/localhost:(\d+)/.exec(out);
      if (m && out.includes('按 Ctrl-C 停止')) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${m[1]}` });
      }
    });
  });
}

async function login(url: string) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'drc', password: 'Demo@2026' }) });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('crash safety', () => {
  it('keeps every acknowledged write after SIGKILL, none half-written, and the audit chain verifies', async () => {
    databaseUrl = await freshServerDatabase();
    const first = await start(0);
    const { cookie, csrfToken } = await login(first.url);
    const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
    const owners = (await (await fetch(`${first.url}/api/units?kind=owner&pageSize=5`, { headers })).json()) as { data: Array<{ id: string }> };
    const acknowledged: Array<{ id: string; name: string }> = [];
    const tag = randomBytes(3).toString('hex');
    let killed = false;
    const requests = Array.from({ length: 300 }, async (_, i) => {
      await new Promise((r) => setTimeout(r, i * 3));
      if (killed) return;
      const name = `崩溃测试项目${tag}第${i}号`;
      try {
        const res = await fetch(`${first.url}/api/projects`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ name, ownerUnitId: owners.data[0].id, sector: 'industry', totalInvestment: '1000', funding: [{ source: 'self_raised', amount: '600' }] }),
        });
        if (res.status === 201) acknowledged.push({ id: ((await res.json()) as { id: string }).id, name });
      } catch {
        // The connection died with the server: not acknowledged.
      }
      if (i === 150) {
        killed = true;
        first.child.kill('SIGKILL');
      }
    });
    await Promise.all(requests);
    await new Promise((r) => first.child.exitCode !== null || first.child.signalCode ? r(null) : first.child.on('exit', r));
    expect(acknowledged.length).toBeGreaterThan(20);

    const database = databaseUrl ? await openDatabase({ url: databaseUrl, poolSize: 1 }) : await openDatabase({ dataDir: path.join(dataDir, 'db') });
    await migrateDatabase(database);
    const rows = await database.query<{ id: string; funding: number; procedures: number; transitions: number }>(
      `select p.id,
         (select count(*)::int from project_funding f where f.project_id = p.id) as funding,
         (select count(*)::int from project_procedures r where r.project_id = p.id) as procedures,
         (select count(*)::int from stage_transitions t where t.project_id = p.id) as transitions
       from projects p where p.name like '崩溃测试项目${tag}%'`,
    );
    const stored = new Map(rows.map((r) => [r.id, r]));
    for (const a of acknowledged) expect(stored.has(a.id), `acknowledged ${a.name} lost`).toBe(true);
    // Every project that exists is whole: its funding, checklist and first transition came with it.
    for (const r of rows) expect([r.funding > 0, r.procedures > 0, r.transitions > 0]).toEqual([true, true, true]);
    expect((await verifyAuditChain(database)).problems).toEqual([]);
    await database.close();

    const second = await start(0);
    const again = await login(second.url);
    expect(again.csrfToken).toBeTruthy();
    await new Promise((r) => {
      second.child.on('exit', r);
      second.child.kill('SIGINT');
    });
  }, 240_000);
});
