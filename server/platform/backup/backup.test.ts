import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments } from '../attachments/attachments.tables';
import { withDatabase } from '../../../tests/support/global-setup';
import { buildUnit, buildUser } from '../../../tests/support/factories';
import { tableDigests } from '../../../tests/support/table-digests';
import { createTestDatabase } from '../../../tests/support/test-db';
import { recordAudit, SYSTEM_ACTOR, verifyAuditChain } from '../audit/audit.service';
import { readConfig, type Config } from '../config';
import { openDatabase, type Database } from '../db/client';
import { writeBackup } from './backup';
import { appliedMigrations, codeMigrations } from './catalog';
import { claimDataDir, CONTROL_FILE, DataDirBusyError } from './control-file';
import { BackupFileError } from './format';
import { startMaintenanceListener, TOKEN_HEADER } from './maintenance';
import { migrateTo, RestoreRefusedError, restoreBackup } from './restore';
import { verifyBackupFile } from './verify';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-backup-test-'));
const serverUrl = process.env.DATABASE_URL;
const createdDatabases: string[] = [];
let source: Database;
let sourceFiles: string;
let backupFile: string;
const document = { storageKey: '', bytes: randomBytes(200_000) };

/** A restore target of the engine under test: an empty data directory, and an empty database on the server. */
async function freshTarget(): Promise<{ config: Config; open(): Promise<Database> }> {
  const dataDir = fs.mkdtempSync(path.join(work, 'target-'));
  let databaseUrl: string | undefined;
  if (serverUrl) {
    const name = `gw_restore_${randomBytes(5).toString('hex')}`;
    const admin = await openDatabase({ url: serverUrl, poolSize: 1 });
    await admin.query(`create database ${name}`);
    await admin.close();
    createdDatabases.push(name);
    databaseUrl = withDatabase(serverUrl, name);
  }
  return {
    config: { ...readConfig({}), dataDir, filesDir: path.join(dataDir, 'files'), databaseUrl },
    open: () => (databaseUrl ? openDatabase({ url: databaseUrl, poolSize: 1 }) : openDatabase({ dataDir: path.join(dataDir, 'db') })),
  };
}

async function backupOf(database: Database, filesDir: string, name: string): Promise<string> {
  const file = path.join(work, name);
  await writeBackup({ database, filesDir, output: fs.createWriteStream(file) });
  return file;
}

/** The backup with its decompressed lines changed by `edit`. */
function edited(file: string, name: string, edit: (lines: string[]) => void): string {
  const lines = gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
  edit(lines);
  const out = path.join(work, name);
  fs.writeFileSync(out, gzipSync(lines.join('\n')));
  return out;
}

async function publicTableCount(target: { open(): Promise<Database> }): Promise<number> {
  const database = await target.open();
  const [row] = await database.query<{ n: number }>(`select count(*)::int as n from pg_tables where schemaname = 'public'`);
  await database.close();
  return row.n;
}

beforeAll(async () => {
  source = await createTestDatabase();
  sourceFiles = path.join(work, 'source-files');
  // Text that a naive row format would break: separators, quotes, backslashes, newlines, NULL beside ''.
  const unit = await buildUnit(source, { name: '逗号,引号"反斜杠\\换行\n括号() 𠀀 \'单引号\'', shortName: '' });
  await buildUser(source, { unitId: unit.id, divisionCode: unit.divisionCode, displayName: '张三 (备份)' });
  for (let i = 0; i < 30; i++) await buildUser(source, { divisionCode: unit.divisionCode, unitId: unit.id });
  await source.db.transaction(async (tx) => {
    for (let i = 0; i < 5; i++) {
      await recordAudit(tx, {
        actor: SYSTEM_ACTOR,
        divisionCode: unit.divisionCode,
        action: 'unit.updated',
        entityType: 'unit',
        entityId: unit.id,
        summary: `第${i}次 "修改"\t\\`,
        after: { name: unit.name, amount: '12345678901234.5678', nested: { list: [1, null, 'x"y'] } },
      });
    }
  });
  document.storageKey = `${unit.divisionCode}/${randomBytes(8).toString('hex')}`;
  fs.mkdirSync(path.join(sourceFiles, unit.divisionCode), { recursive: true });
  fs.writeFileSync(path.join(sourceFiles, document.storageKey), document.bytes);
  await source.db.insert(attachments).values({
    divisionCode: unit.divisionCode,
    recordKind: 'project',
    recordId: unit.id,
    filename: '现场照片.jpg',
    mediaType: 'image/jpeg',
    size: document.bytes.length,
    sha256: createHash('sha256').update(document.bytes).digest('hex'),
    storageKey: document.storageKey,
    uploadedByName: '测试',
  });
  backupFile = await backupOf(source, sourceFiles, 'source.backup.gz');
});

afterAll(async () => {
  await source?.close();
  if (serverUrl && createdDatabases.length) {
    const admin = await openDatabase({ url: serverUrl, poolSize: 1 });
    for (const name of createdDatabases) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.close();
  }
  fs.rmSync(work, { recursive: true, force: true });
});

describe('backup and restore', () => {
  let target: Awaited<ReturnType<typeof freshTarget>>;

  it('restores every table identically — counts, contents, uploaded files, audit chain', async () => {
    const verified = await verifyBackupFile(backupFile);
    expect(verified.trailer).toMatchObject({ files: 1, missingFiles: [] });
    target = await freshTarget();
    const result = await restoreBackup({ file: backupFile, config: target.config, force: false, backupDir: work });
    expect(result.tables.find((t) => t.name === 'users')?.rows).toBeGreaterThanOrEqual(31);
    expect(result.files).toBe(1);

    const restored = await target.open();
    expect(await tableDigests(restored)).toEqual(await tableDigests(source));
    expect((await verifyAuditChain(restored)).problems).toEqual([]);
    expect(await appliedMigrations((text, params) => restored.query(text, params))).toEqual(codeMigrations().map(({ hash, createdAt }) => ({ hash, createdAt })));
    await restored.close();
    expect(fs.readFileSync(path.join(target.config.filesDir, document.storageKey)).equals(document.bytes)).toBe(true);
  });

  it('refuses a target that holds data without --force, and changes nothing', async () => {
    await expect(restoreBackup({ file: backupFile, config: target.config, force: false, backupDir: work })).rejects.toThrow(
      /已有数据[\s\S]*already holds data/,
    );
    const restored = await target.open();
    expect(await tableDigests(restored)).toEqual(await tableDigests(source));
    await restored.close();
  });

  it('with --force keeps the previous contents: the directory moved aside, or a backup of the server database', async () => {
    const result = await restoreBackup({ file: backupFile, config: target.config, force: true, backupDir: path.join(work, 'safety') });
    if (serverUrl) {
      expect(result.safetyBackup).toBeTruthy();
      expect((await verifyBackupFile(result.safetyBackup!)).header.tables).toEqual((await verifyBackupFile(backupFile)).header.tables);
    } else {
      expect(fs.existsSync(path.join(result.movedAside!, 'PG_VERSION'))).toBe(true);
      const old = await openDatabase({ dataDir: result.movedAside! });
      expect(await tableDigests(old)).toEqual(await tableDigests(source));
      await old.close();
    }
    const restored = await target.open();
    expect(await tableDigests(restored)).toEqual(await tableDigests(source));
    await restored.close();
  });

  it('refuses a truncated file before touching the target', async () => {
    const whole = fs.readFileSync(backupFile);
    const truncated = path.join(work, 'truncated.backup.gz');
    fs.writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const fresh = await freshTarget();
    await expect(restoreBackup({ file: truncated, config: fresh.config, force: false, backupDir: work })).rejects.toBeInstanceOf(BackupFileError);
    if (serverUrl) expect(await publicTableCount(fresh)).toBe(0);
    else expect(fs.existsSync(path.join(fresh.config.dataDir, 'db'))).toBe(false);
  });

  it('refuses a damaged file: a flipped byte, and a row changed inside a well-formed file', async () => {
    const bytes = fs.readFileSync(backupFile);
    bytes[Math.floor(bytes.length / 2)] ^= 0x5a;
    const flipped = path.join(work, 'flipped.backup.gz');
    fs.writeFileSync(flipped, bytes);
    await expect(verifyBackupFile(flipped)).rejects.toBeInstanceOf(BackupFileError);

    const tampered = edited(backupFile, 'tampered.backup.gz', (lines) => {
      const i = lines.findIndex((l) => l.includes('张三 (备份)'));
      lines[i] = lines[i].replace('张三', '李四');
    });
    const fresh = await freshTarget();
    await expect(restoreBackup({ file: tampered, config: fresh.config, force: false, backupDir: work })).rejects.toThrow(/users[\s\S]*checksum/);
  });

  it('refuses a backup from newer code, and one whose migrations differ', async () => {
    const newer = edited(backupFile, 'newer.backup.gz', (lines) => {
      const header = JSON.parse(lines[0]);
      header.migrations.push({ hash: 'f'.repeat(64), createdAt: Date.now() + 365 * 86_400_000 });
      lines[0] = JSON.stringify(header);
    });
    const fresh = await freshTarget();
    await expect(restoreBackup({ file: newer, config: fresh.config, force: false, backupDir: work })).rejects.toThrow(/更新版本[\s\S]*newer version/);
    const other = edited(backupFile, 'other.backup.gz', (lines) => {
      const header = JSON.parse(lines[0]);
      header.migrations[0].hash = '0'.repeat(64);
      lines[0] = JSON.stringify(header);
    });
    await expect(restoreBackup({ file: other, config: fresh.config, force: false, backupDir: work })).rejects.toBeInstanceOf(RestoreRefusedError);
    if (serverUrl) expect(await publicTableCount(fresh)).toBe(0);
    else expect(fs.existsSync(path.join(fresh.config.dataDir, 'db'))).toBe(false);
  });

  it('restores a backup from older code (an embedded one here) and then applies the newer migrations', async () => {
    const all = codeMigrations();
    const old = await openDatabase();
    await migrateTo(old, all.length - 1);
    await old.query(`insert into divisions (code, name, level) values ('629999', '旧版本县', 'county')`);
    const file = await backupOf(old, path.join(work, 'no-files'), 'older.backup.gz');
    await old.close();
    expect((await verifyBackupFile(file)).header.migrations).toHaveLength(all.length - 1);

    const fresh = await freshTarget();
    const result = await restoreBackup({ file, config: fresh.config, force: false, backupDir: work });
    expect(result.laterMigrations).toBe(1);
    const restored = await fresh.open();
    expect((await appliedMigrations((text, params) => restored.query(text, params))).map((m) => m.hash)).toEqual(all.map((m) => m.hash));
    expect(await restored.query(`select name from divisions where code = '629999'`)).toEqual([{ name: '旧版本县' }]);
    await restored.close();
  });

  it('restores the project documents of a backup taken before attachments as attachments, with their files', async () => {
    const old = await openDatabase();
    await migrateTo(old, codeMigrations().findIndex((m) => m.tag === '0006_rules_and_transitions') + 1);
    const oldFiles = path.join(work, 'old-files');
    const bytes = randomBytes(5_000);
    const storageKey = '629999/0f6b5a3e-6a57-4c1d-9a51-6d1b8c0e2a11';
    fs.mkdirSync(path.join(oldFiles, '629999'), { recursive: true });
    fs.writeFileSync(path.join(oldFiles, storageKey), bytes);
    await old.query(
      `insert into project_documents (division_code, id, project_id, filename, media_type, size, sha256, storage_key, uploaded_by_name)
       values ('629999', '0f6b5a3e-6a57-4c1d-9a51-6d1b8c0e2a11', '5d0f3c2a-1b7e-4e8a-9f0c-2a6b8d4e1c33', '批复.pdf', 'application/pdf', $1, $2, $3, '测试')`,
      [bytes.length, createHash('sha256').update(bytes).digest('hex'), storageKey],
    );
    const file = await backupOf(old, oldFiles, 'before-attachments.backup.gz');
    await old.close();
    expect((await verifyBackupFile(file)).trailer).toMatchObject({ files: 1, missingFiles: [] });

    const fresh = await freshTarget();
    const result = await restoreBackup({ file, config: fresh.config, force: false, backupDir: work });
    expect(result.files).toBe(1);
    const restored = await fresh.open();
    expect(await restored.query(`select record_kind, record_id, storage_key from attachments`)).toEqual([
      { record_kind: 'project', record_id: '5d0f3c2a-1b7e-4e8a-9f0c-2a6b8d4e1c33', storage_key: storageKey },
    ]);
    await restored.close();
    expect(fs.readFileSync(path.join(fresh.config.filesDir, storageKey)).equals(bytes)).toBe(true);
  });

  it('the restore command exits non-zero with a Chinese and English message', () => {
    const env = { ...process.env, DATA_DIR: path.join(work, 'cli-target'), DATABASE_URL: '' };
    const usage = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/restore.ts'], { env, encoding: 'utf8' });
    expect(usage.status).toBe(2);
    const damaged = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/restore.ts', path.join(work, 'truncated.backup.gz')], { env, encoding: 'utf8' });
    expect(damaged.status).toBe(1);
    expect(damaged.stderr).toMatch(/未恢复[\s\S]*not restored[\s\S]*损坏[\s\S]*damaged/);
  });
});

describe('maintenance listener of the embedded server', () => {
  it('listens on loopback only, refuses calls without the token, and hands out a backup with it', async () => {
    const dataDir = fs.mkdtempSync(path.join(work, 'server-'));
    const claim = claimDataDir(dataDir, 'server');
    const listener = await startMaintenanceListener({ database: source, dataDir, filesDir: sourceFiles, claim });
    try {
      const controlFile = path.join(dataDir, CONTROL_FILE);
      expect(fs.statSync(controlFile).mode & 0o777).toBe(0o600);
      const control = JSON.parse(fs.readFileSync(controlFile, 'utf8'));
      expect(control).toMatchObject({ pid: process.pid, role: 'server', port: listener.port });
      const url = `http://127.0.0.1:${listener.port}/backup`;

      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { [TOKEN_HEADER]: 'x'.repeat(control.token.length) } })).status).toBe(403);
      expect((await fetch(`http://127.0.0.1:${listener.port}/other`, { headers: { [TOKEN_HEADER]: control.token } })).status).toBe(404);
      const external = Object.values(os.networkInterfaces())
        .flat()
        .find((a) => a && a.family === 'IPv4' && !a.internal);
      if (external) await expect(fetch(`http://${external.address}:${listener.port}/backup`)).rejects.toThrow();

      const res = await fetch(url, { headers: { [TOKEN_HEADER]: control.token } });
      expect(res.status).toBe(200);
      const file = path.join(work, 'via-listener.backup.gz');
      fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      const verified = await verifyBackupFile(file);
      const digests = await tableDigests(source);
      expect(Object.fromEntries(verified.header.tables.map((t) => [t.name, t.rows]))).toEqual(Object.fromEntries(Object.entries(digests).map(([k, v]) => [k, v.rows])));
      expect(fs.readdirSync(dataDir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    } finally {
      await listener.close();
      claim.release();
    }
    expect(fs.existsSync(path.join(dataDir, CONTROL_FILE))).toBe(false);
  });

  it('the data directory is claimed by one live process at a time; a stale claim is taken over', () => {
    const dataDir = fs.mkdtempSync(path.join(work, 'claim-'));
    const file = path.join(dataDir, CONTROL_FILE);
    fs.writeFileSync(file, JSON.stringify({ pid: process.ppid, role: 'server', startedAt: new Date().toISOString() }));
    expect(() => claimDataDir(dataDir, 'restore')).toThrow(DataDirBusyError);
    fs.writeFileSync(file, JSON.stringify({ pid: 2_147_483_646, role: 'server', startedAt: new Date().toISOString() }));
    const claim = claimDataDir(dataDir, 'backup');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid, role: 'backup' });
    claim.release();
    expect(fs.existsSync(file)).toBe(false);
  });
});
