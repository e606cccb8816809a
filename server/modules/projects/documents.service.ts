import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { auditActorOf, recordAudit } from '../../platform/audit/audit.service';
import type { Database, Tx } from '../../platform/db/client';
import { ARCHIVE_LIMITS, checkOfficeArchive } from '../../platform/documents/xlsx-guard';
import type { Actor } from '../../platform/http/context';
import { AppError, notFound } from '../../platform/http/errors';
import { projectDocuments } from './procedures.tables';
import { projectScope } from './projects.policy';
import { loadProject } from './projects.service';
import { projects } from './projects.tables';

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
/** Attachments are stored, never read by the server: they must be whole and no bomb, but may be larger than an import. */
const ATTACHMENT_ARCHIVE_LIMITS = { ...ARCHIVE_LIMITS, maxUncompressedBytes: 256 * 1024 * 1024, maxSheetElements: Number.POSITIVE_INFINITY };

/** The file kinds a project may hold, recognised by their first bytes, not their names. */
const KINDS = [
  { ext: ['pdf'], mediaType: 'application/pdf', test: (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { ext: ['jpg', 'jpeg'], mediaType: 'image/jpeg', test: (b: Buffer) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: ['png'], mediaType: 'image/png', test: (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  {
    ext: ['docx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    test: (b: Buffer) => isZip(b) && b.includes('word/document.xml'),
  },
  {
    ext: ['xlsx'],
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    test: (b: Buffer) => isZip(b) && b.includes('xl/workbook.xml'),
  },
] as const;

function isZip(b: Buffer): boolean {
  return b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

/** The media type of an upload whose content matches its extension, or a Chinese refusal. */
export function detectDocumentType(filename: string, bytes: Buffer): string {
  const ext = path.extname(filename).slice(1).toLowerCase();
  const kind = KINDS.find((k) => (k.ext as readonly string[]).includes(ext));
  if (!kind) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '只能上传 PDF、JPG、PNG、Word（.docx）或 Excel（.xlsx）文件', { field: 'file' });
  if (!kind.test(bytes)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `文件内容与扩展名 .${ext} 不符，可能已损坏或被改名`, { field: 'file' });
  // A truncated or bomb-like Office file is refused like a corrupt import: nobody could open it.
  if (ext === 'docx' || ext === 'xlsx') checkOfficeArchive(bytes, ext, ATTACHMENT_ARCHIVE_LIMITS);
  return kind.mediaType;
}

function present(d: typeof projectDocuments.$inferSelect) {
  return { id: d.id, filename: d.filename, mediaType: d.mediaType, size: d.size, uploadedByName: d.uploadedByName, uploadedAt: d.uploadedAt.toISOString() };
}

/** The base name of an upload with characters that are unsafe in file names replaced. */
export function safeFilename(name: string): string {
  const base = Array.from(path.basename(name), (ch) => (ch.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('');
  return base.slice(0, 200) || '未命名';
}

/** The files of a project, newest first. */
export async function listDocuments(database: Database, actor: Actor, projectId: string) {
  const { project } = await loadProject(database.db, actor, projectId);
  const rows = await database.db
    .select()
    .from(projectDocuments)
    .where(and(eq(projectDocuments.divisionCode, project.divisionCode), eq(projectDocuments.projectId, project.id)))
    .orderBy(desc(projectDocuments.uploadedAt));
  return rows.map(present);
}

/**
 * Stores an uploaded file under the files directory and records it; the file is written before
 * the row. `alongside` runs in the same transaction (e.g. linking the file to a report), so the
 * record and its link are written together or not at all.
 */
export async function uploadDocument(
  database: Database,
  filesDir: string,
  actor: Actor,
  projectId: string,
  file: File,
  alongside?: (tx: Tx, document: { id: string }) => Promise<void>,
) {
  if (file.size === 0) throw new AppError('VALIDATION_FAILED', '文件为空', { field: 'file' });
  if (file.size > MAX_DOCUMENT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', '单个文件不能超过 20 MB', { field: 'file' });
  const filename = safeFilename(file.name);
  const bytes = Buffer.from(await file.arrayBuffer());
  const mediaType = detectDocumentType(filename, bytes);
  const { project } = await loadProject(database.db, actor, projectId);
  const id = randomUUID();
  const storageKey = `${project.divisionCode}/${id}`;
  const target = path.join(filesDir, storageKey);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, bytes);
  try {
    return await database.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(projectDocuments)
        .values({
          divisionCode: project.divisionCode,
          id,
          projectId: project.id,
          filename,
          mediaType,
          size: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          storageKey,
          uploadedBy: actor.id,
          uploadedByName: actor.displayName,
        })
        .returning();
      await recordAudit(tx, {
        actor: auditActorOf(actor),
        divisionCode: project.divisionCode,
        action: 'document.uploaded',
        entityType: 'document',
        entityId: id,
        summary: `上传附件：${project.name} · ${filename}`,
        after: { ...row, projectId: project.id },
      });
      await alongside?.(tx, row);
      return present(row);
    });
  } catch (error) {
    await fs.rm(target, { force: true });
    throw error;
  }
}

/** Opens a stored file of a project the caller reaches. */
export async function openDocument(database: Database, filesDir: string, actor: Actor, id: string) {
  const [row] = await database.db
    .select({ document: projectDocuments })
    .from(projectDocuments)
    .innerJoin(projects, and(eq(projects.divisionCode, projectDocuments.divisionCode), eq(projects.id, projectDocuments.projectId)))
    .where(and(eq(projectDocuments.id, id), projectScope(actor)));
  if (!row) notFound('附件不存在或不在您的数据范围内');
  const bytes = await fs.readFile(path.join(filesDir, row.document.storageKey));
  return { bytes, filename: row.document.filename, mediaType: row.document.mediaType };
}
