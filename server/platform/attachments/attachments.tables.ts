import { sql } from 'drizzle-orm';
import { bigint, char, index, pgTable, primaryKey, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/**
 * 附件 — a file attached to a record of any kind (`record_kind` names the kind a module
 * registered: `project`, …); the bytes live under the data directory at `storage_key`.
 * Other tables link to a file by (`division_code`, `id`), e.g. the site photos of a report.
 */
export const attachments = pgTable(
  'attachments',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    id: uuid('id').notNull().default(sql`gen_random_uuid()`),
    recordKind: varchar('record_kind', { length: 32 }).notNull(),
    recordId: varchar('record_id', { length: 64 }).notNull(),
    filename: varchar('filename', { length: 200 }).notNull(),
    mediaType: varchar('media_type', { length: 100 }).notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: char('sha256', { length: 64 }).notNull(),
    storageKey: varchar('storage_key', { length: 200 }).notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedByName: varchar('uploaded_by_name', { length: 64 }).notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.id] }), index('attachments_record_idx').on(t.divisionCode, t.recordKind, t.recordId, t.uploadedAt)],
);
