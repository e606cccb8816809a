import { and, eq } from 'drizzle-orm';
import { char, integer, pgTable, primaryKey, timestamp, varchar } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../tests/support/test-db';
import { SYSTEM_ACTOR } from '../audit/audit.service';
import { auditLog } from '../audit/audit.tables';
import type { Database } from '../db/client';
import { AppError } from '../http/errors';
import { deleteRecord, saveRecord, upsertRecord } from './save-record';

const COUNTY = '620921';

/** A versioned record kind made up for these tests, one row per county and key. */
const notes = pgTable(
  'save_record_notes',
  {
    divisionCode: char('division_code', { length: 6 }).notNull(),
    key: varchar('key', { length: 32 }).notNull(),
    text: varchar('text', { length: 200 }).notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.divisionCode, t.key] })],
);
type Note = typeof notes.$inferSelect;

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.query(`create table save_record_notes (
    division_code char(6) not null, key varchar(32) not null, text varchar(200) not null,
    version integer not null default 1, updated_at timestamptz not null default now(),
    primary key (division_code, key))`);
});
afterAll(() => database.close());
// The audit log is append-only, so each test saves under a key of its own.
let n = 0;
let noteKey = '';
beforeEach(() => {
  noteKey = `note-${++n}`;
});

const noteWhere = (key: string) => and(eq(notes.divisionCode, COUNTY), eq(notes.key, key));
const load = async (key: string): Promise<Note | undefined> => (await database.db.select().from(notes).where(noteWhere(key)))[0];
const auditsOf = (key: string) => database.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'save_record_note'), eq(auditLog.entityId, key)));
const audit = (key: string, action: 'settings.saved' | 'milestone.deleted') => (row: Note) => ({
  actor: SYSTEM_ACTOR,
  divisionCode: COUNTY,
  action,
  entityType: 'save_record_note',
  entityId: key,
  after: row,
});

/**
 * Saves a note the way a "version 0 means create" settings page does: loads the row first, or
 * takes `current` as what the caller loaded (null: it saw none).
 */
async function saveNote(key: string, version: number, text: string, options: { current?: Note | null; after?: (row: Note) => Promise<void> } = {}) {
  const { after } = options;
  return database.db.transaction(async (tx) => {
    const loaded = options.current === undefined ? (await tx.select().from(notes).where(noteWhere(key)))[0] : (options.current ?? undefined);
    return upsertRecord(tx, {
      table: notes,
      where: noteWhere(key),
      version,
      current: loaded,
      set: { text },
      values: { divisionCode: COUNTY, key, text },
      after,
      audit: audit(key, 'settings.saved'),
      present: (row) => ({ text: row.text, version: row.version }),
    });
  });
}

const refusal = (promise: Promise<unknown>) => promise.then(
  () => null,
  (e: unknown) => (e instanceof AppError ? e.code : e),
);

describe('upsertRecord', () => {
  it('inserts when the caller read version 0 and there is no row, with its audit entry', async () => {
    const sideWork: string[] = [];
    expect(await saveNote(noteKey, 0, '每月 5 日', { after: async (row) => void sideWork.push(row.text) })).toEqual({ text: '每月 5 日', version: 1 });
    expect(sideWork).toEqual(['每月 5 日']);
    expect(await auditsOf(noteKey)).toMatchObject([{ action: 'settings.saved', after: { text: '每月 5 日', version: 1 } }]);
  });

  it('updates an existing row at the version read, bumping it', async () => {
    await saveNote(noteKey, 0, '每月 5 日');
    expect(await saveNote(noteKey, 1, '每月 8 日')).toEqual({ text: '每月 8 日', version: 2 });
    expect((await auditsOf(noteKey)).map((a) => a.action)).toEqual(['settings.saved', 'settings.saved']);
  });

  it('refuses a version other than 0 when there is no row, inserting nothing', async () => {
    expect(await refusal(saveNote(noteKey, 3, '每月 5 日'))).toBe('VERSION_CONFLICT');
    expect(await load(noteKey)).toBeUndefined();
    expect(await auditsOf(noteKey)).toEqual([]);
  });

  it('refuses version 0 when a row exists, and a stale version, leaving the row unchanged', async () => {
    await saveNote(noteKey, 0, '每月 5 日');
    expect(await refusal(saveNote(noteKey, 0, '每月 9 日'))).toBe('VERSION_CONFLICT');
    await saveNote(noteKey, 1, '每月 8 日');
    expect(await refusal(saveNote(noteKey, 1, '每月 9 日'))).toBe('VERSION_CONFLICT');
    expect(await load(noteKey)).toMatchObject({ text: '每月 8 日', version: 2 });
  });

  it('refuses 409 when the row appeared after the caller looked (its key is taken), with no side work or audit', async () => {
    await saveNote(noteKey, 0, '每月 5 日');
    const sideWork: string[] = [];
    // The caller loaded nothing (another save inserted meanwhile): the insert finds the key taken.
    expect(await refusal(saveNote(noteKey, 0, '每月 9 日', { current: null, after: async (row) => void sideWork.push(row.text) }))).toBe('VERSION_CONFLICT');
    expect(sideWork).toEqual([]);
    expect(await load(noteKey)).toMatchObject({ text: '每月 5 日', version: 1 });
    expect(await auditsOf(noteKey)).toHaveLength(1);
  });

  it('lets exactly one of simultaneous first saves win', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => refusal(saveNote(noteKey, 0, `第 ${i} 次`))));
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(results.filter((r) => r === 'VERSION_CONFLICT')).toHaveLength(4);
    expect(await auditsOf(noteKey)).toHaveLength(1);
  });
});

describe('deleteRecord', () => {
  const deleteNote = (key: string, version: number, loadedVersion?: number) =>
    database.db.transaction((tx) => deleteRecord(tx, { table: notes, where: noteWhere(key), version, loadedVersion, audit: audit(key, 'milestone.deleted') }));

  it('deletes at the version read and writes the audit entry with the deleted row', async () => {
    await saveNote(noteKey, 0, '每月 5 日');
    expect(await deleteNote(noteKey, 1, 1)).toMatchObject({ key: noteKey, text: '每月 5 日', version: 1 });
    expect(await load(noteKey)).toBeUndefined();
    expect((await auditsOf(noteKey)).map((a) => a.action)).toEqual(['settings.saved', 'milestone.deleted']);
  });

  it('refuses a stale version (loaded or in the WHERE) and a row already gone, keeping the row', async () => {
    await saveNote(noteKey, 0, '每月 5 日');
    await saveNote(noteKey, 1, '每月 8 日');
    expect(await refusal(deleteNote(noteKey, 1, 2))).toBe('VERSION_CONFLICT');
    expect(await refusal(deleteNote(noteKey, 1))).toBe('VERSION_CONFLICT');
    expect(await load(noteKey)).toMatchObject({ version: 2 });
    await deleteNote(noteKey, 2);
    expect(await refusal(deleteNote(noteKey, 2))).toBe('VERSION_CONFLICT');
    expect((await auditsOf(noteKey)).filter((a) => a.action === 'milestone.deleted')).toHaveLength(1);
  });

  it('throws the caller’s conflict when nothing matched', async () => {
    const gone = () => new AppError('NOT_FOUND', '记录不存在');
    const result = database.db.transaction((tx) => deleteRecord(tx, { table: notes, where: noteWhere('missing'), version: 1, conflict: gone, audit: null }));
    expect(await refusal(result)).toBe('NOT_FOUND');
  });
});

describe('saveRecord', () => {
  it('updates at the version read and refuses it once stale', async () => {
    await saveNote(noteKey, 0, '每月 5 日');
    const save = (version: number) =>
      database.db.transaction((tx) => saveRecord(tx, { table: notes, where: noteWhere(noteKey), version, set: { text: '每月 6 日' }, audit: null, present: (row) => row.version }));
    expect(await save(1)).toBe(2);
    expect(await refusal(save(1))).toBe('VERSION_CONFLICT');
  });
});
