/** Writes a backup: one consistent snapshot of every table, then the uploaded files it lists. */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import type { Database } from '../db/client';
import { appliedMigrations, listSequences, listTables, queryOf, tableChecksum, useCanonicalSettings } from './catalog';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  TableChecksum,
  line,
  quoteIdent,
  type BackupHeader,
  type BackupTrailer,
  type FileEntry,
} from './format';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const APP_VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Rows fetched from the cursor per round trip. */
const FETCH_ROWS = 2000;
/** Raw bytes of an uploaded file per line (base64 makes it 4/3 longer). */
const FILE_CHUNK = 48 * 1024;

export interface BackupResult {
  header: BackupHeader;
  trailer: BackupTrailer;
  /** Milliseconds the database snapshot was held (writes wait that long on the embedded engine). */
  snapshotMs: number;
}

/**
 * Writes a backup of `database` (gzip) to `output`. All tables are read in one REPEATABLE
 * READ, READ ONLY transaction, so the backup is one consistent moment while writes go on;
 * the uploaded files listed in that snapshot are appended after it (they are never changed
 * once written). Rows stream through a cursor: memory stays flat whatever the size.
 */
export async function writeBackup(options: { database: Database; filesDir: string; output: Writable }): Promise<BackupResult> {
  const { database, filesDir, output } = options;
  const gzip = createGzip();
  const done = pipeline(gzip, output);
  // If the sink fails, stop producing; the error surfaces from `done`.
  done.catch(() => {});
  const write = async (text: string) => {
    if (!gzip.write(text)) await Promise.race([once(gzip, 'drain'), done]);
  };

  try {
    const started = Date.now();
    const { header, documents } = await database.db.transaction(
      async (tx) => {
        const query = queryOf(tx);
        await useCanonicalSettings(query);
        const [{ version }] = await query<{ version: string }>('select version()');
        const tables = await listTables(query);
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          formatVersion: BACKUP_FORMAT_VERSION,
          createdAt: new Date().toISOString(),
          source: { kind: database.kind, server: version, appVersion: APP_VERSION },
          migrations: await appliedMigrations(query),
          tables: [],
          sequences: await listSequences(query),
        };
        for (const table of tables) header.tables.push({ name: table.name, columns: table.columns, ...(await tableChecksum(query, table.name)) });
        await write(line(header));

        for (const table of tables) {
          await write(line({ table: table.name }));
          const order = table.primaryKey.length ? ` order by ${table.primaryKey.map((c) => `t.${quoteIdent(c)}`).join(', ')}` : '';
          await query(`declare backup_rows no scroll cursor for select t::text as r from public.${quoteIdent(table.name)} t${order}`);
          const checksum = new TableChecksum();
          for (;;) {
            const rows = await query<{ r: string }>(`fetch ${FETCH_ROWS} from backup_rows`);
            if (rows.length === 0) break;
            let text = '';
            for (const { r } of rows) {
              checksum.add(r);
              text += line(r);
            }
            await write(text);
          }
          await query('close backup_rows');
          const expected = header.tables.find((t) => t.name === table.name)!;
          // The rows written are the rows the database counted: anything else is a bug, not a backup.
          if (checksum.count !== expected.rows || checksum.value !== expected.checksum) {
            throw new Error(`table ${table.name}: streamed rows do not match the snapshot's checksum`);
          }
        }
        // The table that names the stored files: attachments since migration 0007, project documents before.
        const filesTable = ['attachments', 'project_documents'].find((name) => tables.some((t) => t.name === name));
        const documents = filesTable
          ? await query<FileEntry>(`select storage_key as "storageKey", size, sha256 from public.${quoteIdent(filesTable)} order by storage_key`)
          : [];
        return { header, documents };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    const snapshotMs = Date.now() - started;

    const missingFiles: string[] = [];
    for (const document of documents) {
      const file = path.join(filesDir, document.storageKey);
      if (!fs.existsSync(file)) {
        missingFiles.push(document.storageKey);
        continue;
      }
      const sha256 = await fileSha256(file);
      if (sha256 !== document.sha256) console.warn(`备份：附件内容与记录的 SHA-256 不符，按现有内容备份 / file differs from its recorded SHA-256, kept as it is: ${document.storageKey}`);
      await write(line({ file: document.storageKey, size: fs.statSync(file).size, sha256 }));
      for await (const chunk of fs.createReadStream(file, { highWaterMark: FILE_CHUNK })) await write(line((chunk as Buffer).toString('base64')));
    }
    const trailer: BackupTrailer = {
      end: true,
      rows: header.tables.reduce((n, t) => n + t.rows, 0),
      files: documents.length - missingFiles.length,
      missingFiles,
    };
    await write(line(trailer));
    gzip.end();
    await done;
    return { header, trailer, snapshotMs };
  } catch (error) {
    gzip.destroy(error as Error);
    await done.catch(() => {});
    throw error;
  }
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
