import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { and, desc, eq, sql } from 'drizzle-orm';
import { auditActorOf, recordAudit } from '../audit/audit.service';
import type { Database, Tx } from '../db/client';
import type { Actor } from '../http/context';
import { AppError, notFound } from '../http/errors';
import { attachmentKindOf, type AttachmentKind } from './attachment-kinds';
import { attachments } from './attachments.tables';
import { detectFileType, formatBytes, safeFilename, type MediaType } from './file-types';

type AttachmentRow = typeof attachments.$inferSelect;

/** An attachment as the API presents it. */
export function presentAttachment(a: AttachmentRow) {
  return { id: a.id, filename: a.filename, mediaType: a.mediaType, size: a.size, uploadedByName: a.uploadedByName, uploadedAt: a.uploadedAt.toISOString() };
}

/** The files of a record the caller may read, newest first; a record out of reach answers 404. */
export async function listAttachments(database: Database, actor: Actor, kind: AttachmentKind, recordId: string) {
  const record = await kind.canRead(database.db, actor, recordId);
  if (!record) notFound(`${kind.label}所属的记录不存在或不在您的数据范围内`);
  const rows = await database.db
    .select()
    .from(attachments)
    .where(and(eq(attachments.divisionCode, record.divisionCode), eq(attachments.recordKind, kind.kind), eq(attachments.recordId, recordId)))
    .orderBy(desc(attachments.uploadedAt));
  return rows.map(presentAttachment);
}

/** Unicode's bidirectional embedding, override and isolate controls, and the direction marks. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

export interface UploadAttachmentInput {
  kind: AttachmentKind;
  recordId: string;
  file: File;
  /** Narrows the kind's file types for this upload, e.g. only images for a site photo. */
  allowedTypes?: readonly MediaType[];
  /** Runs in the upload's transaction once the row is written, e.g. to link the file to a report. */
  alongside?: (tx: Tx, attachment: AttachmentRow) => Promise<void>;
  /** Bytes the caller may have uploaded in all, this file included (the deployment's `UPLOAD_QUOTA_MB`); absent: no quota. */
  quotaBytes?: number;
}

/**
 * Checks an uploaded file (not empty, within the kind's size limit, a type the kind accepts,
 * recognised by content), asks the kind whether the caller may attach to the record, then
 * stores the bytes under the files directory and records the file with its SHA-256 and an
 * audit entry in one transaction. The file is written before the row and removed again when
 * the transaction fails, so a row never names a missing file.
 */
export async function uploadAttachment(database: Database, filesDir: string, actor: Actor, input: UploadAttachmentInput) {
  const { kind, recordId, file } = input;
  if (file.size === 0) throw new AppError('VALIDATION_FAILED', '文件为空', { field: 'file' });
  if (file.size > kind.maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `单个文件不能超过 ${formatBytes(kind.maxBytes)}`, { field: 'file' });
  // Right-to-left overrides make 「报告‮fdp.exe」 read as 「报告exe.pdf」: refused, not cleaned, so nobody is fooled.
  if (BIDI_CONTROLS.test(file.name)) throw new AppError('VALIDATION_FAILED', '文件名含有不可见的文字方向控制字符（可用于伪装扩展名），请重命名后再上传', { field: 'file' });
  const filename = safeFilename(file.name);
  const bytes = Buffer.from(await file.arrayBuffer());
  const allowed = input.allowedTypes ? kind.allowedTypes.filter((t) => input.allowedTypes!.includes(t)) : kind.allowedTypes;
  const mediaType = detectFileType(filename, bytes, allowed);
  const id = randomUUID();
  let written: string | null = null;
  try {
    return await database.db.transaction(async (tx) => {
      const record = await kind.canAttach(tx, actor, recordId);
      if (!record) notFound(`${kind.label}所属的记录不存在或不在您的数据范围内`);
      if (input.quotaBytes) {
        // Across every division: the quota is the account's, wherever it uploaded.
        const [used] = await tx.select({ bytes: sql<string>`coalesce(sum(${attachments.size}), 0)::text` }).from(attachments).where(eq(attachments.uploadedBy, actor.id));
        if (Number(used.bytes) + bytes.length > input.quotaBytes) {
          throw new AppError('PAYLOAD_TOO_LARGE', `您上传的附件已达 ${formatBytes(input.quotaBytes)} 的配额，请联系系统管理员`, { field: 'file' });
        }
      }
      const storageKey = `${record.divisionCode}/${id}`;
      written = path.join(filesDir, storageKey);
      await fs.mkdir(path.dirname(written), { recursive: true });
      await fs.writeFile(written, bytes);
      const [row] = await tx
        .insert(attachments)
        .values({
          divisionCode: record.divisionCode,
          id,
          recordKind: kind.kind,
          recordId,
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
        divisionCode: record.divisionCode,
        action: 'document.uploaded',
        entityType: 'document',
        entityId: id,
        summary: `上传${kind.label}：${record.title} · ${filename}`,
        after: row,
      });
      await input.alongside?.(tx, row);
      return presentAttachment(row);
    });
  } catch (error) {
    if (written) await fs.rm(written, { force: true });
    throw error;
  }
}

/** Opens a stored file whose record the caller may read (its kind decides); anything else answers 404. */
export async function openAttachment(database: Database, filesDir: string, actor: Actor, id: string) {
  const [row] = await database.db.select().from(attachments).where(eq(attachments.id, id));
  const kind = row && attachmentKindOf(row.recordKind);
  const record = kind ? await kind.canRead(database.db, actor, row.recordId) : null;
  if (!row || !record || record.divisionCode !== row.divisionCode) notFound('附件不存在或不在您的数据范围内');
  const bytes = await fs.readFile(path.join(filesDir, row.storageKey));
  return { bytes, filename: row.filename, mediaType: row.mediaType };
}
