import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../server/platform/audit/audit.service';
import { openDatabase, type Database } from '../../server/platform/db/client';
import { withDatabase } from '../support/global-setup';
import { tableDigests } from '../support/table-digests';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-backup-e2e-'));
const serverUrl = process.env.DATABASE_URL;
const createdDatabases: string[] = [];
// Uploaded files go to <DATA_DIR>/files of each place.
const { FILES_DIR: _filesDir, ...inherited } = process.env;
// Shared with afterAll, which stops the writers and the server when the test fails half-way.
let writing = false;
let serverChild: ChildProcess | null = null;

/** A place for a database: a data directory, and on the PostgreSQL run (unless `embedded`) a new database. */
async function place(name: string, options: { embedded?: boolean } = {}) {
  const dataDir = fs.mkdtempSync(path.join(work, `${name}-`));
  let databaseUrl = '';
  if (serverUrl && !options.embedded) {
    const db = `gw_backup_${name}_${randomBytes(4).toString('hex')}`;
    const admin = await openDatabase({ url: serverUrl, poolSize: 1 });
    await admin.query(`create database ${db}`);
    await admin.close();
    createdDatabases.push(db);
    databaseUrl = withDatabase(serverUrl, db);
  }
  return {
    env: { ...inherited, DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
    dataDir,
    open: (): Promise<Database> => (databaseUrl ? openDatabase({ url: databaseUrl, poolSize: 2 }) : openDatabase({ dataDir: path.join(dataDir, 'db') })),
  };
}

/** Runs a command-line entry point to its end. */
function run(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out })));
}

/** Starts `server/main.ts` as `npm start` does (minus the web build) on the place's data. */
function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: { ...env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
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
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.on('exit', () => resolve());
    child.kill('SIGINT');
  });
}

async function until(condition: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function writtenFile(out: string): string {
  const m = /backup written: (.+\.backup\.gz)/.exec(out);
  if (!m) throw new Error(`no backup file in:\n${out}`);
  return m[1];
}

/**
 * The rows of each table in a backup file, digested as `tableDigests` digests a database
 * (rows in byte order, joined by newlines, md5) — read here with nothing but gunzip and JSON.
 */
function fileDigests(file: string): Record<string, { rows: number; digest: string }> {
  const tables: Record<string, Buffer[]> = {};
  let current: Buffer[] | null = null;
  for (const text of gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n').slice(1)) {
    if (!text) continue;
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'string') current?.push(Buffer.from(value, 'utf8'));
    else if (typeof value === 'object' && value && 'table' in value) tables[String(value.table)] = current = [];
    else current = null;
  }
  return Object.fromEntries(
    Object.entries(tables).map(([name, rows]) => [
      name,
      { rows: rows.length, digest: createHash('md5').update(Buffer.concat(rows.sort(Buffer.compare).flatMap((r, i) => (i ? [Buffer.from('\n'), r] : [r])))).digest('hex') },
    ]),
  );
}

afterAll(async () => {
  writing = false;
  if (serverChild && serverChild.exitCode === null && serverChild.signalCode === null) await stop(serverChild);
  if (createdDatabases.length) {
    const admin = await openDatabase({ url: serverUrl!, poolSize: 1 });
    for (const name of createdDatabases) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.close();
  }
  fs.rmSync(work, { recursive: true, force: true });
});

describe('npm run backup / npm run restore', () => {
  it('backs up the running server while writes go on — the restore is one consistent moment — and restores a quiet database identically', async () => {
    const source = await place('source');
    const server = await startServer(source.env);
    serverChild = server.child;
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'drc', password: 'Demo@2026' }),
    });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { cookie, 'x-csrf-token': csrfToken };
    const owners = (await (await fetch(`${server.url}/api/units?kind=owner&pageSize=1`, { headers })).json()) as { data: Array<{ id: string }> };

    // Writers: new projects, one after another on each of two connections, until told to stop.
    const tag = randomBytes(3).toString('hex');
    const acked: Array<{ id: string; startedAt: number; ackedAt: number }> = [];
    writing = true;
    const writers = [0, 1].map(async (w) => {
      for (let i = 0; writing; i++) {
        const startedAt = Date.now();
        const res = await fetch(`${server.url}/api/projects`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `备份测试项目${tag}-${w}-${i}`, ownerUnitId: owners.data[0].id, sector: 'industry', totalInvestment: '1000', funding: [{ source: 'self_raised', amount: '600' }] }),
        }).catch((error) => (writing ? Promise.reject(error) : null));
        if (!res || (!writing && res.status !== 201)) return;
        expect(res.status).toBe(201);
        acked.push({ id: ((await res.json()) as { id: string }).id, startedAt, ackedAt: Date.now() });
        await new Promise((r) => setTimeout(r, 10));
      }
    });
    await until(() => acked.length >= 10, 'the first writes');
    // An uploaded file travels with the backup.
    const form = new FormData();
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(50_000)]);
    form.append('file', new File([new Uint8Array(pdf)], '批复文件.pdf'));
    expect((await fetch(`${server.url}/api/projects/${acked[0].id}/documents`, { method: 'POST', headers, body: form })).status).toBe(201);

    const backupStarted = Date.now();
    const during = await run('server/cli/backup.ts', ['--out', `${work}/backups/`], source.env);
    const backupEnded = Date.now();
    expect(during.code, during.out).toBe(0);
    expect(during.out).toMatch(serverUrl ? /来源 source PostgreSQL/ : /via the running server/);
    await until(() => acked.some((a) => a.startedAt > backupEnded + 50), 'writes after the backup');
    writing = false;
    await Promise.all(writers);
    expect(acked.some((a) => a.ackedAt > backupStarted && a.startedAt < backupEnded), 'writes went on during the backup').toBe(true);

    // Restore what was taken under load (on the PostgreSQL run: into the embedded engine). It is
    // the file, table for table; and in it are exactly the writes before the backup, none begun
    // after it, each one whole.
    const taken = writtenFile(during.out);
    const first = await place('first', { embedded: true });
    const restore = await run('server/cli/restore.ts', [taken], first.env);
    expect(restore.code, restore.out).toBe(0);
    expect(restore.out).toMatch(/恢复完成 restored/);
    const restored = await first.open();
    expect(await tableDigests(restored)).toEqual(fileDigests(taken));
    const rows = await restored.query<{ id: string; funding: number; procedures: number; transitions: number }>(
      `select p.id,
         (select count(*)::int from project_funding f where f.project_id = p.id) as funding,
         (select count(*)::int from project_procedures r where r.project_id = p.id) as procedures,
         (select count(*)::int from stage_transitions t where t.project_id = p.id) as transitions
       from projects p where p.name like '备份测试项目${tag}-%'`,
    );
    const present = new Set(rows.map((r) => r.id));
    for (const a of acked.filter((x) => x.ackedAt < backupStarted)) expect(present.has(a.id), 'a write acknowledged before the backup').toBe(true);
    for (const a of acked.filter((x) => x.startedAt > backupEnded)) expect(present.has(a.id), 'a write begun after the backup').toBe(false);
    for (const r of rows) expect([r.funding, r.procedures, r.transitions].every((n) => n > 0), `project ${r.id} is whole`).toBe(true);
    expect((await verifyAuditChain(restored)).problems).toEqual([]);
    const [doc] = await restored.query<{ storage_key: string }>(`select storage_key from attachments where record_kind = 'project' and record_id = $1`, [acked[0].id]);
    expect(fs.readFileSync(path.join(first.dataDir, 'files', doc.storage_key)).equals(pdf)).toBe(true);
    await restored.close();
    const audit = await run('server/cli/audit-verify.ts', [], first.env);
    expect(audit.code, audit.out).toBe(0);

    // A quiet source: the server stopped, the backup opens the database itself. The file holds
    // the source exactly, table for table.
    await stop(server.child);
    const quiet = await run('server/cli/backup.ts', ['--out', `${work}/backups/`, '--keep', '1'], source.env);
    expect(quiet.code, quiet.out).toBe(0);
    expect(quiet.out).not.toMatch(/via the running server/);
    expect(quiet.out).toMatch(/removed old backup/);
    const sourceDb = await source.open();
    const expected = await tableDigests(sourceDb);
    await sourceDb.close();
    expect(fileDigests(writtenFile(quiet.out))).toEqual(expected);
    expect(Object.keys(expected).length).toBeGreaterThan(30);
    expect(expected.projects.rows).toBeGreaterThan(2000);
  }, 180_000);
});
