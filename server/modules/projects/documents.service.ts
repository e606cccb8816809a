import { defineAttachmentKind, listAttachments, openAttachment, uploadAttachment, type UploadAttachmentInput } from '../../platform/attachments';
import type { Database, DbOrTx } from '../../platform/db/client';
import type { Actor } from '../../platform/http/context';
import { projectFacts, projectPolicy, projectScope } from './projects.policy';
import { findProject } from './projects.repository';

/** A project the caller reaches, as the attachment service names it; null outside the caller's scope. */
async function reachableProject(db: DbOrTx, actor: Actor, projectId: string) {
  const row = await findProject(db, projectId, projectScope(actor));
  return row && { divisionCode: row.project.divisionCode, title: row.project.name };
}

/** A project the caller reaches and may attach files to (the project policy's `uploadDocument`: 403 otherwise). */
async function attachableProject(db: DbOrTx, actor: Actor, projectId: string) {
  const row = await findProject(db, projectId, projectScope(actor));
  if (!row) return null;
  projectPolicy.authorize(actor, 'uploadDocument', projectFacts(row));
  return { divisionCode: row.project.divisionCode, title: row.project.name };
}

/**
 * 项目附件 — the files of a project: approvals, drawings, photos (the site photos of its monthly
 * reports too, linked to their report). The route requires `document.upload` to attach.
 */
export const projectAttachments = defineAttachmentKind({
  kind: 'project',
  label: '项目附件',
  maxBytes: 20 * 1024 * 1024,
  allowedTypes: [
    'application/pdf',
    'image/jpeg',
    'image/png',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ],
  canRead: reachableProject,
  canAttach: attachableProject,
});

/** The files of a project, newest first. */
export function listDocuments(database: Database, actor: Actor, projectId: string) {
  return listAttachments(database, actor, projectAttachments, projectId);
}

/** Stores a file checked by its content as an attachment of a project (see `uploadAttachment`). */
export function uploadDocument(database: Database, filesDir: string, actor: Actor, projectId: string, file: File, options: Pick<UploadAttachmentInput, 'allowedTypes' | 'alongside' | 'quotaBytes'> = {}) {
  return uploadAttachment(database, filesDir, actor, { kind: projectAttachments, recordId: projectId, file, ...options });
}

/** Opens a stored file the caller may read, whatever record it hangs off (`/api/documents/{id}/download`). */
export function openDocument(database: Database, filesDir: string, actor: Actor, id: string) {
  return openAttachment(database, filesDir, actor, id);
}
