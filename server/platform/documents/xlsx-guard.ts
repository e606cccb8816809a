/**
 * Looks inside an uploaded Office file (.xlsx, .docx — zip archives) before a reader such
 * as exceljs inflates it, which it would do to a zip bomb whole: the central directory is
 * read, the declared sizes, part count and compression ratio checked against limits, and
 * every part then inflated with a byte cap and its CRC checked, so a declared size that
 * lies and a truncated or corrupted file are refused too — with a Chinese message naming
 * the `file` field.
 */
import zlib from 'node:zlib';
import { AppError } from '../http/errors';

export const ARCHIVE_LIMITS = {
  /** Parts in one archive (an .xlsx has a few dozen). */
  maxEntries: 2_000,
  /** All parts inflated together (a 30,000-row, 20-column ledger inflates to about 30 MB). */
  maxUncompressedBytes: 64 * 1024 * 1024,
  /** Inflated ÷ compressed size of a part above 1 MB (worksheets are about 10; a bomb is about 1,000). */
  maxRatio: 200,
  /**
   * Rows and cells in all worksheets together, empty ones included: exceljs keeps an object
   * for each (2 million take about 0.5 GB and 2 s); a 30,000-row ledger of 40 columns has 1.2 million.
   */
  maxSheetElements: 2_000_000,
};
export type ArchiveLimits = typeof ARCHIVE_LIMITS;

export const MESSAGES = {
  empty: '文件为空，请选择要上传的文件',
  notZip: '文件不是有效的 .xlsx 表格，可能已损坏或被改名',
  legacy: '文件为旧版 .xls 格式或设置了打开密码，请在 Excel 或 WPS 中取消密码并另存为 .xlsx 后重新上传',
  broken: '文件已损坏或不完整，请用 Excel 或 WPS 打开后重新保存再上传',
  tooBig: '文件解压后过大，疑似损坏或恶意文件',
  tooManyParts: '文件包含的部件过多，疑似损坏或恶意文件',
  tooManyCells: '表格的行和单元格过多（含空白单元格），请删除多余的空行、空列后重新上传',
  encrypted: '文件已加密，请取消密码保护后重新上传',
  notWorkbook: '文件不是 Excel 表格（.xlsx），可能是被改名的其他文件',
  notDocument: '文件不是 Word 文档（.docx），可能是被改名的其他文件',
} as const;

/** The part every readable file of a kind has (exceljs and Word look for exactly these). */
const REQUIRED_PART = { xlsx: ['xl/workbook.xml', MESSAGES.notWorkbook], docx: ['word/document.xml', MESSAGES.notDocument] } as const;

export interface ArchiveEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const refuse = (message: string, code: 'VALIDATION_FAILED' | 'UNSUPPORTED_MEDIA_TYPE' = 'VALIDATION_FAILED'): never => {
  throw new AppError(code, message, { field: 'file' });
};

const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function findEnd(b: Buffer): number {
  // The end record is the last 22 bytes, unless a comment (≤ 65,535 bytes) follows it.
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) if (b.readUInt32LE(i) === ZIP_END) return i;
  return -1;
}

/** Reads the central directory of a zip archive: its parts with their declared sizes. Throws on a broken directory. */
export function readCentralDirectory(b: Buffer, limits: ArchiveLimits = ARCHIVE_LIMITS): ArchiveEntry[] {
  if (b.length < 4 || b.readUInt32LE(0) !== ZIP_LOCAL) {
    refuse(b.subarray(0, 8).equals(OLE_SIGNATURE) ? MESSAGES.legacy : MESSAGES.notZip, 'UNSUPPORTED_MEDIA_TYPE');
  }
  const end = findEnd(b);
  if (end < 0) refuse(MESSAGES.broken);
  let count = b.readUInt16LE(end + 10);
  let directorySize = b.readUInt32LE(end + 12);
  let offset = b.readUInt32LE(end + 16);
  if (count === 0xffff || directorySize === 0xffffffff || offset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || b.readUInt32LE(locator) !== ZIP64_LOCATOR) refuse(MESSAGES.broken);
    const zip64End = Number(b.readBigUInt64LE(locator + 8));
    if (zip64End + 56 > locator || b.readUInt32LE(zip64End) !== ZIP64_END) refuse(MESSAGES.broken);
    count = Number(b.readBigUInt64LE(zip64End + 32));
    directorySize = Number(b.readBigUInt64LE(zip64End + 40));
    offset = Number(b.readBigUInt64LE(zip64End + 48));
  }
  if (count > limits.maxEntries) refuse(MESSAGES.tooManyParts);
  if (offset + directorySize > end) refuse(MESSAGES.broken);
  const entries: ArchiveEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > offset + directorySize || b.readUInt32LE(p) !== ZIP_CENTRAL) refuse(MESSAGES.broken);
    const nameLength = b.readUInt16LE(p + 28);
    const extraLength = b.readUInt16LE(p + 30);
    const commentLength = b.readUInt16LE(p + 32);
    const next = p + 46 + nameLength + extraLength + commentLength;
    if (next > offset + directorySize) refuse(MESSAGES.broken);
    const entry: ArchiveEntry = {
      name: b.toString('utf8', p + 46, p + 46 + nameLength),
      flags: b.readUInt16LE(p + 8),
      method: b.readUInt16LE(p + 10),
      crc: b.readUInt32LE(p + 16),
      compressedSize: b.readUInt32LE(p + 20),
      size: b.readUInt32LE(p + 24),
      localOffset: b.readUInt32LE(p + 42),
    };
    readZip64Extra(b.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), entry);
    entries.push(entry);
    p = next;
  }
  return entries;
}

// Sizes and offset that do not fit 32 bits are in the Zip64 extra field, in this order.
function readZip64Extra(extra: Buffer, entry: ArchiveEntry) {
  for (let q = 0; q + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(q);
    const length = extra.readUInt16LE(q + 2);
    if (id === 0x0001) {
      let r = q + 4;
      for (const key of ['size', 'compressedSize', 'localOffset'] as const) {
        if (entry[key] !== 0xffffffff) continue;
        if (r + 8 > q + 4 + length || r + 8 > extra.length) refuse(MESSAGES.broken);
        entry[key] = Number(extra.readBigUInt64LE(r));
        r += 8;
      }
    }
    q += 4 + length;
  }
}

/** Refuses an archive whose declared sizes are beyond the limits, before anything is inflated. */
export function checkDeclaredSizes(entries: ArchiveEntry[], limits: ArchiveLimits = ARCHIVE_LIMITS) {
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (total > limits.maxUncompressedBytes) refuse(MESSAGES.tooBig);
    if (e.size > 1024 * 1024 && e.size / Math.max(e.compressedSize, 1) > limits.maxRatio) refuse(MESSAGES.tooBig);
    if (e.flags & 0x1) refuse(MESSAGES.encrypted);
    if (e.method !== 0 && e.method !== 8) refuse(MESSAGES.broken);
  }
}

/**
 * Inflates one part, at most 1 MB beyond its declared size: far beyond is a bomb whose size
 * lies; any other difference, or a wrong CRC, a damaged file.
 */
function inflateEntry(b: Buffer, e: ArchiveEntry): Buffer {
  const local = e.localOffset;
  if (local + 30 > b.length || b.readUInt32LE(local) !== ZIP_LOCAL) refuse(MESSAGES.broken);
  const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
  if (start + e.compressedSize > b.length) refuse(MESSAGES.broken);
  const data = b.subarray(start, start + e.compressedSize);
  let inflated: Buffer = data;
  if (e.method === 8) {
    try {
      inflated = zlib.inflateRawSync(data, { maxOutputLength: e.size + 1024 * 1024 });
    } catch (error) {
      refuse((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? MESSAGES.tooBig : MESSAGES.broken);
    }
  }
  if (inflated.length !== e.size || zlib.crc32(inflated) !== e.crc) refuse(MESSAGES.broken);
  return inflated;
}

const WORKSHEET = /^\/?xl\/worksheets\/[^/]+\.xml$/;
const ELEMENT_ENDS = new Set([0x20, 0x3e, 0x2f, 0x09, 0x0a, 0x0d]); // space > / tab newline

/** How many `<row>` and `<c>` elements a worksheet part holds. */
export function countSheetElements(xml: Buffer): number {
  let n = 0;
  for (const tag of ['<c', '<row']) {
    for (let i = xml.indexOf(tag); i >= 0; i = xml.indexOf(tag, i + tag.length)) if (ELEMENT_ENDS.has(xml[i + tag.length])) n++;
  }
  return n;
}

/**
 * Checks that bytes are a whole, sane Office file of the kind: a zip with the kind's main
 * part, within the limits once inflated. Throws a 4xx AppError on the `file` field otherwise.
 */
export function checkOfficeArchive(bytes: Buffer, kind: 'xlsx' | 'docx', limits: ArchiveLimits = ARCHIVE_LIMITS) {
  if (bytes.length === 0) refuse(MESSAGES.empty);
  const entries = readCentralDirectory(bytes, limits);
  checkDeclaredSizes(entries, limits);
  const [part, message] = REQUIRED_PART[kind];
  if (!entries.some((e) => e.name.replace(/^\//, '') === part)) refuse(message, 'UNSUPPORTED_MEDIA_TYPE');
  let elements = 0;
  for (const e of entries) {
    const inflated = inflateEntry(bytes, e);
    if (WORKSHEET.test(e.name)) elements += countSheetElements(inflated);
    if (elements > limits.maxSheetElements) refuse(MESSAGES.tooManyCells);
  }
}

/**
 * Reads an uploaded .xlsx for an import: the name, the size and then the archive checked
 * (see `checkOfficeArchive`) before the workbook reader sees it.
 */
export async function readXlsxUpload(file: File, options: { what: string; maxBytes: number }): Promise<{ name: string; bytes: Buffer }> {
  if (!/\.xlsx$/i.test(file.name)) refuse(`只能导入 .xlsx 格式的${options.what}（.xls 请先另存为 .xlsx）`, 'UNSUPPORTED_MEDIA_TYPE');
  if (file.size === 0) refuse(MESSAGES.empty);
  if (file.size > options.maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `${options.what}不能超过 ${Math.round(options.maxBytes / 1024 / 1024)} MB`, { field: 'file' });
  }
  const bytes = Buffer.from(await file.arrayBuffer());
  checkOfficeArchive(bytes, 'xlsx');
  return { name: file.name, bytes };
}
