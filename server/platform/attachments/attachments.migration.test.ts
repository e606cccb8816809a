import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase } from '../../../tests/support/test-db';
import { codeMigrations } from '../backup/catalog';
import { migrateTo } from '../backup/restore';
import { migrateDatabase, type Database } from '../db/client';

const opened: Database[] = [];
afterAll(async () => {
  while (opened.length) await opened.pop()!.close();
});

/** An empty database, closed (and dropped) after the test. */
async function emptyDatabase(): Promise<Database> {
  const database = await createEmptyDatabase('attachments');
  opened.push(database);
  return database;
}

describe('migration 0007: project documents become attachments', () => {
  it('moves every project document with its id, so the site photo links still find their file', async () => {
    const database = await emptyDatabase();
    // Partitioned or not, as the run's DATABASE_PARTITIONS says.
    await migrateTo(database, codeMigrations().findIndex((m) => m.tag === '0006_rules_and_transitions') + 1);
    const [document, photo, project, report] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const insertDocument = `insert into project_documents (division_code, id, project_id, filename, media_type, size, sha256, storage_key, uploaded_by_name, uploaded_at)
       values ('620921', $1, $2, $3, $4, $5, repeat('a', 64), $6, '王建国', $7)`;
    await database.query(insertDocument, [document, project, '环评批复.pdf', 'application/pdf', 2048, `620921/${document}`, '2025-04-01T08:00:00Z']);
    await database.query(insertDocument, [photo, project, '现场.png', 'image/png', 512, `620921/${photo}`, '2025-04-02T08:00:00Z']);
    await database.query(`insert into monthly_report_photos (division_code, report_id, document_id) values ('620921', $1, $2)`, [report, photo]);

    await migrateDatabase(database);

    const moved = await database.query(
      `select division_code, id, record_kind, record_id, filename, media_type, size::int as size, storage_key, uploaded_by_name, uploaded_at
         from attachments order by uploaded_at`,
    );
    expect(moved).toEqual([
      expect.objectContaining({ division_code: '620921', id: document, record_kind: 'project', record_id: project, filename: '环评批复.pdf', media_type: 'application/pdf', size: 2048, storage_key: `620921/${document}`, uploaded_by_name: '王建国' }),
      expect.objectContaining({ id: photo, record_kind: 'project', record_id: project, filename: '现场.png' }),
    ]);
    expect(new Date(moved[0].uploaded_at as string).toISOString()).toBe('2025-04-01T08:00:00.000Z');
    const linked = await database.query(
      `select a.filename from monthly_report_photos p join attachments a on a.division_code = p.division_code and a.id = p.document_id where p.report_id = $1`,
      [report],
    );
    expect(linked).toEqual([{ filename: '现场.png' }]);
    expect(await database.query(`select 1 from pg_class where relname = 'project_documents'`)).toEqual([]);
  });
});
