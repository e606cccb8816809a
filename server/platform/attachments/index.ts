/** Files attached to records of any kind: a module declares its kind, the platform checks and stores the files. */
export { defineAttachmentKind, attachmentKindOf, attachmentKinds, type AttachedRecord, type AttachmentKind } from './attachment-kinds';
export { listAttachments, openAttachment, presentAttachment, uploadAttachment, type UploadAttachmentInput } from './attachments.service';
export { Attachment, uploadBody } from './attachments.schemas';
export { attachments } from './attachments.tables';
export { detectFileType, FILE_TYPES, safeFilename, type MediaType } from './file-types';
