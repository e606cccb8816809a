import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../tests/support/test-db';
import { auditLog } from '../audit/audit.tables';
import type { Database } from '../db/client';
import type { Actor } from '../http/context';
import { AppError, forbidden } from '../http/errors';
import type { ModuleDefinition } from '../modules/define-module';
import { registerModules } from '../modules/registry';
import { attachmentKinds, defineAttachmentKind } from './attachment-kinds';
import { listAttachments, openAttachment, uploadAttachment } from './attachments.service';
import { attachments } from './attachments.tables';
import { detectFileType, FILE_TYPES, type MediaType } from './file-types';

const COUNTY = '620921';
const OTHER_COUNTY = '620922';

/** A record kind other than projects: inspection notes held in memory, one per county. */
const notes = new Map([
  ['note-hexi', COUNTY],
  ['note-other', OTHER_COUNTY],
]);
const reachableNote = async (_db: unknown, actor: Actor, id: string) => {
  const divisionCode = notes.get(id);
  return divisionCode && divisionCode === actor.divisionCode ? { divisionCode, title: `督查记录 ${id}` } : null;
};
const inspectionNotes = defineAttachmentKind({
  kind: 'inspection_note',
  label: '督查附件',
  maxBytes: 1024,
  allowedTypes: ['application/pdf', 'image/png'],
  canRead: reachableNote,
  async canAttach(db, actor, id) {
    const note = await reachableNote(db, actor, id);
    if (note && actor.role === 'leader') forbidden('领导只能查看督查附件');
    return note;
  },
});

// The module list, as the attachment registry reads it: here one made-up module with the kind above.
const inspectionModule: ModuleDefinition = { name: 'inspection', label: '督查', catalog: { permissions: {}, auditActions: {}, entityLabels: {} }, tables: {}, attachmentKinds: [inspectionNotes] };
registerModules([inspectionModule]);

const actor = (overrides: Partial<Actor> = {}): Actor => ({
  id: '00000000-0000-4000-8000-000000000001',
  username: 'inspector',
  displayName: '督查员',
  role: 'inspector',
  dataScope: 'division',
  divisionCode: COUNTY,
  unitId: null,
  unitName: null,
  permissions: [],
  mustChangePassword: false,
  passwordExpiresAt: null,
  ip: null,
  ...overrides,
});
const clerk = actor();
const outsider = actor({ id: '00000000-0000-4000-8000-000000000002', divisionCode: OTHER_COUNTY });
const leader = actor({ id: '00000000-0000-4000-8000-000000000003', role: 'leader' });

const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(100, 0x20)]);
const fileOf = (bytes: Buffer | string, name: string) => new File([new Uint8Array(Buffer.from(bytes))], name);

let database: Database;
let filesDir: string;
const storedFiles = () => fs.readdirSync(filesDir, { recursive: true }).filter((f) => fs.statSync(path.join(filesDir, String(f))).isFile());

beforeAll(async () => {
  database = await createTestDatabase();
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-attachments-'));
});
afterAll(async () => {
  await database.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

/** The AppError a promise rejects with. */
async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('attachments of any record kind', () => {
  it('stores a checked file for a registered kind with its SHA-256 and an audit entry, lists it and opens it', async () => {
    const stored = await uploadAttachment(database, filesDir, clerk, { kind: inspectionNotes, recordId: 'note-hexi', file: fileOf(pdf, '整改报告.pdf') });
    expect(stored).toMatchObject({ filename: '整改报告.pdf', mediaType: 'application/pdf', size: pdf.length, uploadedByName: '督查员' });

    const [row] = await database.db.select().from(attachments).where(eq(attachments.id, stored.id));
    expect(row).toMatchObject({ divisionCode: COUNTY, recordKind: 'inspection_note', recordId: 'note-hexi', sha256: createHash('sha256').update(pdf).digest('hex') });
    expect(fs.readFileSync(path.join(filesDir, row.storageKey)).equals(pdf)).toBe(true);
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.entityId, stored.id));
    expect(audit).toMatchObject({ divisionCode: COUNTY, action: 'document.uploaded', summary: '上传督查附件：督查记录 note-hexi · 整改报告.pdf' });

    expect(await listAttachments(database, clerk, inspectionNotes, 'note-hexi')).toEqual([stored]);
    const opened = await openAttachment(database, filesDir, clerk, stored.id);
    expect(opened).toMatchObject({ filename: '整改报告.pdf', mediaType: 'application/pdf' });
    expect(opened.bytes.equals(pdf)).toBe(true);
  });

  it('refuses a type the kind does not take, a renamed file and an oversized one in Chinese on the field file, storing nothing', async () => {
    const before = storedFiles().length;
    const upload = (file: File) => uploadAttachment(database, filesDir, clerk, { kind: inspectionNotes, recordId: 'note-hexi', file });

    const docx = await refusal(upload(fileOf('PK\x03\x04word/document.xml', '说明.docx')));
    expect([docx.code, docx.field, docx.message]).toEqual(['UNSUPPORTED_MEDIA_TYPE', 'file', '只能上传 PDF 或 PNG 文件']);
    const renamed = await refusal(upload(fileOf('<html>not a pdf</html>', '批复.pdf')));
    expect([renamed.code, renamed.field]).toEqual(['UNSUPPORTED_MEDIA_TYPE', 'file']);
    expect(renamed.message).toContain('不符');
    const large = await refusal(upload(fileOf(Buffer.concat([pdf, Buffer.alloc(1024)]), '大文件.pdf')));
    expect([large.code, large.field, large.message]).toEqual(['PAYLOAD_TOO_LARGE', 'file', '单个文件不能超过 1 KB']);
    const empty = await refusal(upload(fileOf('', '空.pdf')));
    expect([empty.code, empty.field]).toEqual(['VALIDATION_FAILED', 'file']);
    // A right-to-left override that would show 「整改报告exe.pdf」 for an .exe.
    const disguised = await refusal(upload(fileOf(pdf, '整改报告\u202Efdp.exe')));
    expect([disguised.code, disguised.field]).toEqual(['VALIDATION_FAILED', 'file']);
    expect(disguised.message).toContain('方向控制字符');
    // An upload may narrow the kind's types further (a site photo is an image).
    const narrowed = await refusal(uploadAttachment(database, filesDir, clerk, { kind: inspectionNotes, recordId: 'note-hexi', file: fileOf(pdf, '照片.pdf'), allowedTypes: ['image/png'] }));
    expect(narrowed.message).toBe('只能上传 PNG 文件');

    expect(storedFiles()).toHaveLength(before);
    expect(await listAttachments(database, clerk, inspectionNotes, 'note-hexi')).toHaveLength(1);
  });

  it('applies the kind’s checks: a record out of reach answers 404, a refused attach 403, and nothing is stored', async () => {
    const [own] = await listAttachments(database, clerk, inspectionNotes, 'note-hexi');
    const before = storedFiles().length;

    expect((await refusal(listAttachments(database, outsider, inspectionNotes, 'note-hexi'))).code).toBe('NOT_FOUND');
    expect((await refusal(openAttachment(database, filesDir, outsider, own.id))).code).toBe('NOT_FOUND');
    expect((await refusal(uploadAttachment(database, filesDir, outsider, { kind: inspectionNotes, recordId: 'note-hexi', file: fileOf(pdf, 'a.pdf') }))).code).toBe('NOT_FOUND');
    expect((await refusal(uploadAttachment(database, filesDir, clerk, { kind: inspectionNotes, recordId: 'note-missing', file: fileOf(pdf, 'a.pdf') }))).code).toBe('NOT_FOUND');
    const denied = await refusal(uploadAttachment(database, filesDir, leader, { kind: inspectionNotes, recordId: 'note-hexi', file: fileOf(pdf, 'a.pdf') }));
    expect([denied.code, denied.message]).toEqual(['FORBIDDEN', '领导只能查看督查附件']);
    // The leader still reads what the kind lets it read.
    expect(await listAttachments(database, leader, inspectionNotes, 'note-hexi')).toHaveLength(1);

    expect(storedFiles()).toHaveLength(before);
    expect(await database.db.select().from(attachments).where(eq(attachments.recordId, 'note-hexi'))).toHaveLength(1);
  });

  it('holds each account to its upload quota, counting what it uploaded before, and stores nothing past it', async () => {
    const uploader = actor({ id: '00000000-0000-4000-8000-0000000000aa', displayName: '配额测试员' });
    const upload = (quotaBytes: number) => uploadAttachment(database, filesDir, uploader, { kind: inspectionNotes, recordId: 'note-hexi', file: fileOf(pdf, '配额.pdf'), quotaBytes });
    const quota = pdf.length * 2;
    await upload(quota);
    await upload(quota);
    const before = storedFiles().length;
    const over = await refusal(upload(quota));
    expect([over.code, over.field]).toEqual(['PAYLOAD_TOO_LARGE', 'file']);
    expect(over.message).toContain('配额');
    expect(storedFiles()).toHaveLength(before);
    // Another account's quota is its own.
    await uploadAttachment(database, filesDir, clerk, { kind: inspectionNotes, recordId: 'note-hexi', file: fileOf(pdf, '他人.pdf'), quotaBytes: quota });
  });

  it('removes the stored file when the upload’s transaction fails, and opens no file of an unknown kind', async () => {
    const before = storedFiles().length;
    const failing = uploadAttachment(database, filesDir, clerk, {
      kind: inspectionNotes,
      recordId: 'note-hexi',
      file: fileOf(pdf, 'b.pdf'),
      alongside: async () => {
        throw new AppError('CONFLICT', '链接失败');
      },
    });
    expect((await refusal(failing)).code).toBe('CONFLICT');
    expect(storedFiles()).toHaveLength(before);

    const [row] = await database.db
      .insert(attachments)
      .values({ divisionCode: COUNTY, recordKind: 'unknown_kind', recordId: 'x', filename: 'x.pdf', mediaType: 'application/pdf', size: 1, sha256: '0'.repeat(64), storageKey: `${COUNTY}/x`, uploadedByName: '测试' })
      .returning();
    expect((await refusal(openAttachment(database, filesDir, clerk, row.id))).code).toBe('NOT_FOUND');
  });

  it('reads the kinds from the module list, and refuses a kind without a limit or with a bad name', () => {
    expect(attachmentKinds().map((k) => k.kind)).toEqual(['inspection_note']);
    expect(() => defineAttachmentKind({ ...inspectionNotes, kind: 'no_limit', maxBytes: 0 })).toThrow(/size limit/);
    expect(() => defineAttachmentKind({ ...inspectionNotes, kind: 'Bad-Kind' })).toThrow(/lower case/);
  });

  it('names every file type in the refusal the way the project page always has', () => {
    const all = Object.keys(FILE_TYPES) as MediaType[];
    expect(() => detectFileType('setup.exe', Buffer.from('MZ'), all)).toThrow('只能上传 PDF、JPG、PNG、Word（.docx）或 Excel（.xlsx）文件');
    expect(detectFileType('扫描件.PDF', pdf, all)).toBe('application/pdf');
  });
});
