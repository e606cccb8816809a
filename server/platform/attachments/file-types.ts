import path from 'node:path';
import { ARCHIVE_LIMITS, checkOfficeArchive } from '../documents/xlsx-guard';
import { AppError } from '../http/errors';

/** Attachments are stored, never read by the server: they must be whole and no bomb, but may be larger than an import. */
const ATTACHMENT_ARCHIVE_LIMITS = { ...ARCHIVE_LIMITS, maxUncompressedBytes: 256 * 1024 * 1024, maxSheetElements: Number.POSITIVE_INFINITY };

const isZip = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** The file types an attachment may have, recognised by their first bytes, not their names. */
export const FILE_TYPES = {
  'application/pdf': { label: 'PDF', ext: ['pdf'], test: (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  'image/jpeg': { label: 'JPG', ext: ['jpg', 'jpeg'], test: (b: Buffer) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  'image/png': { label: 'PNG', ext: ['png'], test: (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    label: 'Word（.docx）',
    ext: ['docx'],
    test: (b: Buffer) => isZip(b) && b.includes('word/document.xml'),
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    label: 'Excel（.xlsx）',
    ext: ['xlsx'],
    test: (b: Buffer) => isZip(b) && b.includes('xl/workbook.xml'),
  },
} as const satisfies Record<string, { label: string; ext: readonly string[]; test: (b: Buffer) => boolean }>;

export type MediaType = keyof typeof FILE_TYPES;

/** 'PDF、JPG 或 PNG': the labels of some file types as a Chinese list. */
export function fileTypeList(types: readonly MediaType[]): string {
  const labels = types.map((t) => FILE_TYPES[t].label);
  if (labels.length < 2) return labels[0] ?? '';
  const head = labels.slice(0, -1).join('、');
  // A space between Latin letters and Chinese, none after a full-width bracket.
  return `${head}${/[A-Za-z0-9]$/.test(head) ? ' ' : ''}或 ${labels.at(-1)}`;
}

/** The media type of an upload whose content matches its extension and is one of `allowed`, or a Chinese refusal on the field `file`. */
export function detectFileType(filename: string, bytes: Buffer, allowed: readonly MediaType[]): MediaType {
  const ext = path.extname(filename).slice(1).toLowerCase();
  const mediaType = allowed.find((t) => (FILE_TYPES[t].ext as readonly string[]).includes(ext));
  if (!mediaType) {
    const list = fileTypeList(allowed);
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `只能上传 ${list}${/[A-Za-z]$/.test(list) ? ' ' : ''}文件`, { field: 'file' });
  }
  if (!FILE_TYPES[mediaType].test(bytes)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `文件内容与扩展名 .${ext} 不符，可能已损坏或被改名`, { field: 'file' });
  // A truncated or bomb-like Office file is refused like a corrupt import: nobody could open it.
  if (ext === 'docx' || ext === 'xlsx') checkOfficeArchive(bytes, ext, ATTACHMENT_ARCHIVE_LIMITS);
  return mediaType;
}

/** The base name of an upload with characters that are unsafe in file names replaced. */
export function safeFilename(name: string): string {
  const base = Array.from(path.basename(name), (ch) => (ch.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('');
  return base.slice(0, 200) || '未命名';
}

/** '20 MB', '512 KB': a byte limit as the refusal states it. */
export function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? `${mb} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
