/**
 * The backup file: one gzip stream of newline-separated JSON, the same for the embedded
 * database and a PostgreSQL server.
 *
 *   {"format":"groundwork-backup","formatVersion":1,…header…}   tables, counts, checksums, migrations
 *   {"table":"audit_log"}                                       a table section …
 *   "(990121,1,\"2025-01-19 06:55:00+00\",…)"                   … one row per line: PostgreSQL's row text, as a JSON string
 *   {"file":"990121/<uuid>","size":1234,"sha256":"…"}           an uploaded file …
 *   "<base64>"                                                  … in chunks
 *   {"end":true,"rows":…,"files":…}                              the trailer: a file without it is incomplete
 *
 * A row is kept as PostgreSQL writes it (`t::text`) and read back with a cast to the
 * table's row type, so every column type round-trips exactly on both engines. Checksums
 * are over that same text (see `TableChecksum`), order-independent.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export const BACKUP_FORMAT = 'groundwork-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** Session settings under which rows are written and checksummed, so both engines print them alike. */
export const CANONICAL_SETTINGS: ReadonlyArray<[string, string]> = [
  ['TimeZone', 'UTC'],
  ['DateStyle', 'ISO, YMD'],
  ['IntervalStyle', 'postgres'],
  ['extra_float_digits', '1'],
  ['bytea_output', 'hex'],
];

export interface BackupTable {
  name: string;
  columns: string[];
  rows: number;
  /** `TableChecksum` of the rows at the snapshot. */
  checksum: string;
}

export interface BackupMigration {
  hash: string;
  createdAt: number;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  source: { kind: 'embedded' | 'postgres'; server: string; appVersion: string };
  /** The migrations applied to the source, oldest first (drizzle's journal hashes). */
  migrations: BackupMigration[];
  tables: BackupTable[];
  sequences: Array<{ name: string; lastValue: string; isCalled: boolean }>;
}

export interface BackupTrailer {
  end: true;
  rows: number;
  files: number;
  /** Storage keys of uploaded files the database lists but the files directory lacked. */
  missingFiles: string[];
}

export interface FileEntry {
  storageKey: string;
  size: number;
  sha256: string;
}

export type BackupEvent =
  | { type: 'table'; name: string }
  | { type: 'row'; text: string }
  | { type: 'file'; file: FileEntry }
  | { type: 'chunk'; bytes: Buffer }
  | { type: 'end'; trailer: BackupTrailer };

/** A file that is not a backup, is damaged or incomplete. */
export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFileError';
  }
}

/**
 * The per-table checksum: the md5 of "rows:a:b", where a and b are the sums of the first and
 * second 60 bits of each row text's md5. Independent of row order (so of collation and plan),
 * and computed the same way in SQL (`checksumSql`) and here while streaming.
 */
export class TableChecksum {
  private rows = 0;
  private a = 0n;
  private b = 0n;

  add(rowText: string): void {
    const h = createHash('md5').update(rowText, 'utf8').digest('hex');
    this.a += BigInt(`0x${h.slice(0, 15)}`);
    this.b += BigInt(`0x${h.slice(15, 30)}`);
    this.rows += 1;
  }

  get count(): number {
    return this.rows;
  }

  get value(): string {
    return createHash('md5').update(`${this.rows}:${this.a}:${this.b}`).digest('hex');
  }
}

/** The SQL computing `TableChecksum` and the row count of one table (quoted name). */
export function checksumSql(quotedTable: string): string {
  return `select count(*)::text as rows,
    md5(count(*)::text || ':' || coalesce(sum(('x' || substr(h, 1, 15))::bit(60)::bigint), 0)::text
        || ':' || coalesce(sum(('x' || substr(h, 16, 15))::bit(60)::bigint), 0)::text) as checksum
  from (select md5(t::text) as h from ${quotedTable} t) s`;
}

/** A double-quoted SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Parses the header line, refusing anything that is not a backup of a format this code reads. */
export function parseHeader(line: string | undefined): BackupHeader {
  let header: BackupHeader;
  try {
    header = JSON.parse(line ?? '') as BackupHeader;
  } catch {
    throw new BackupFileError('不是 Groundwork 备份文件 / not a Groundwork backup file');
  }
  if (header?.format !== BACKUP_FORMAT) throw new BackupFileError('不是 Groundwork 备份文件 / not a Groundwork backup file');
  if (header.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new BackupFileError(
      `备份文件格式版本 ${header.formatVersion} 不受支持（本程序读取版本 ${BACKUP_FORMAT_VERSION}）/ backup format version ${header.formatVersion} is not supported (this code reads ${BACKUP_FORMAT_VERSION})`,
    );
  }
  if (!Array.isArray(header.tables) || !Array.isArray(header.migrations)) throw new BackupFileError('备份文件头不完整 / incomplete backup header');
  return header;
}

/**
 * Reads a backup stream (gzip bytes): the header first, then its events in order. Damage —
 * bad gzip, a broken line, a missing trailer — raises `BackupFileError`.
 */
export async function openBackupStream(input: Readable): Promise<{ header: BackupHeader; events: AsyncGenerator<BackupEvent> }> {
  const gunzip = createGunzip();
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip).setEncoding('utf8');
  const lines = splitLines(gunzip);
  const nextLine = async (): Promise<string | undefined> => {
    try {
      const result = await lines.next();
      return result.done ? undefined : result.value;
    } catch (error) {
      throw damaged(error as Error);
    }
  };
  const header = parseHeader(await nextLine());

  async function* events(): AsyncGenerator<BackupEvent> {
    let inFile = false;
    for (;;) {
      const text = await nextLine();
      if (text === undefined) throw new BackupFileError('备份文件不完整（缺少结尾标记）/ backup file is incomplete (no end marker)');
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new BackupFileError('备份文件已损坏（无法解析的行）/ backup file is damaged (unreadable line)');
      }
      if (typeof value === 'string') {
        yield inFile ? { type: 'chunk', bytes: Buffer.from(value, 'base64') } : { type: 'row', text: value };
      } else if (value && typeof value === 'object' && 'table' in value) {
        inFile = false;
        yield { type: 'table', name: String((value as { table: unknown }).table) };
      } else if (value && typeof value === 'object' && 'file' in value) {
        const f = value as { file: string; size: number; sha256: string };
        inFile = true;
        yield { type: 'file', file: { storageKey: f.file, size: f.size, sha256: f.sha256 } };
      } else if (value && typeof value === 'object' && 'end' in value) {
        const trailer = value as BackupTrailer;
        if ((await nextLine()) !== undefined) throw new BackupFileError('备份文件结尾之后还有内容 / data after the end marker');
        yield { type: 'end', trailer };
        return;
      } else {
        throw new BackupFileError('备份文件已损坏（未知的行）/ backup file is damaged (unknown line)');
      }
    }
  }
  return { header, events: events() };
}

/** The lines of a text stream, read as they come (the stream's back-pressure holds). */
async function* splitLines(stream: AsyncIterable<string>): AsyncGenerator<string> {
  let pending: string[] = [];
  for await (const chunk of stream) {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      pending.push(chunk.slice(start, nl));
      yield pending.join('');
      pending = [];
      start = nl + 1;
    }
    if (start < chunk.length) pending.push(chunk.slice(start));
  }
  if (pending.length) yield pending.join('');
}

function damaged(error: Error): BackupFileError {
  if (error instanceof BackupFileError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') return new BackupFileError(`无法读取备份文件 / cannot read the backup file: ${error.message}`);
  return new BackupFileError(`备份文件已损坏或不完整 / backup file is damaged or truncated (${error.message})`);
}

/** One JSON line. */
export function line(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
