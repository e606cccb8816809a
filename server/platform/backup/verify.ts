/** Reads a whole backup file without a database: structure, row counts, checksums, files. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { BackupFileError, TableChecksum, openBackupStream, type BackupHeader, type BackupTrailer } from './format';

export interface VerifiedBackup {
  header: BackupHeader;
  trailer: BackupTrailer;
  /** Size of the file in bytes. */
  bytes: number;
}

/**
 * Checks that a backup file is whole and consistent: every table of the header in order with
 * its row count and checksum, every file with its size and SHA-256, and the end marker.
 * Throws `BackupFileError` otherwise.
 */
export async function verifyBackupFile(file: string): Promise<VerifiedBackup> {
  if (!fs.existsSync(file)) throw new BackupFileError(`备份文件不存在 / backup file not found: ${file}`);
  const { header, events } = await openBackupStream(fs.createReadStream(file));
  let tableIndex = -1;
  let checksum: TableChecksum | null = null;
  let fileHash: ReturnType<typeof createHash> | null = null;
  let fileSize = 0;
  let fileEntry: { storageKey: string; size: number; sha256: string } | null = null;
  let files = 0;

  const closeTable = () => {
    if (!checksum) return;
    const expected = header.tables[tableIndex];
    if (checksum.count !== expected.rows) {
      throw new BackupFileError(`表 ${expected.name} 行数不符：文件头 ${expected.rows}，实际 ${checksum.count} / table ${expected.name}: ${checksum.count} rows, header says ${expected.rows}`);
    }
    if (checksum.value !== expected.checksum) throw new BackupFileError(`表 ${expected.name} 校验和不符 / table ${expected.name}: checksum mismatch`);
    checksum = null;
  };
  const closeFile = () => {
    if (!fileEntry || !fileHash) return;
    if (fileSize !== fileEntry.size || fileHash.digest('hex') !== fileEntry.sha256) {
      throw new BackupFileError(`附件 ${fileEntry.storageKey} 内容不符 / file ${fileEntry.storageKey}: content mismatch`);
    }
    files += 1;
    fileEntry = null;
    fileHash = null;
  };

  for await (const event of events) {
    if (event.type === 'table') {
      closeTable();
      tableIndex += 1;
      if (header.tables[tableIndex]?.name !== event.name) throw new BackupFileError(`备份文件中的表顺序与文件头不符 / unexpected table ${event.name}`);
      checksum = new TableChecksum();
    } else if (event.type === 'row') {
      if (!checksum) throw new BackupFileError('备份文件已损坏（表外的行）/ backup file is damaged (row outside a table)');
      checksum.add(event.text);
    } else if (event.type === 'file') {
      closeTable();
      closeFile();
      fileEntry = event.file;
      fileHash = createHash('sha256');
      fileSize = 0;
    } else if (event.type === 'chunk') {
      fileHash!.update(event.bytes);
      fileSize += event.bytes.length;
    } else {
      closeTable();
      closeFile();
      if (tableIndex !== header.tables.length - 1) throw new BackupFileError('备份文件缺少部分表 / backup file lacks tables');
      const rows = header.tables.reduce((n, t) => n + t.rows, 0);
      if (event.trailer.rows !== rows || event.trailer.files !== files) throw new BackupFileError('备份文件结尾与内容不符 / end marker does not match the content');
      return { header, trailer: event.trailer, bytes: fs.statSync(file).size };
    }
  }
  throw new BackupFileError('备份文件不完整 / backup file is incomplete');
}
