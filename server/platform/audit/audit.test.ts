import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { createTestDatabase } from '../../../tests/support/test-db';
import { canonicalJson, recordAudit, SYSTEM_ACTOR, verifyAuditChain } from './audit.service';

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  for (let i = 1; i <= 5; i++) {
    await database.db.transaction((tx) =>
      recordAudit(tx, {
        actor: SYSTEM_ACTOR,
        divisionCode: '620921',
        action: 'unit.updated',
        entityType: 'unit',
        entityId: `u${i}`,
        summary: `第 ${i} 次修改`,
        before: { name: `旧名${i}`, at: new Date('2024-03-01T00:00:00Z') },
        after: { name: `新名${i}`, amount: '12000.50' },
      }),
    );
  }
  await database.db.transaction((tx) =>
    recordAudit(tx, { actor: SYSTEM_ACTOR, divisionCode: '620922', action: 'unit.created', entityType: 'unit', entityId: 'x' }),
  );
});
afterAll(() => database.close());

const tamper = async (statement: string) => {
  await database.query('alter table audit_log disable trigger audit_log_no_update_delete');
  await database.query(statement);
  await database.query('alter table audit_log enable trigger audit_log_no_update_delete');
};

describe('audit chain', () => {
  it('sorts keys so a value hashes the same after a jsonb round trip', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
  });

  it('verifies an untouched chain', async () => {
    const result = await verifyAuditChain(database);
    expect(result).toEqual({ entries: 6, problems: [] });
  });

  it('refuses UPDATE and DELETE on the log itself', async () => {
    await expect(database.query(`update audit_log set summary = 'x' where seq = 1`)).rejects.toThrow(/append-only/);
    await expect(database.query(`delete from audit_log where seq = 1`)).rejects.toThrow(/append-only/);
  });

  it('detects an altered entry', async () => {
    await tamper(`update audit_log set after = '{"name":"伪造"}' where division_code = '620921' and seq = 3`);
    const { problems } = await verifyAuditChain(database);
    expect(problems).toContainEqual(expect.objectContaining({ divisionCode: '620921', seq: 3 }));
    expect(problems.every((p) => p.divisionCode === '620921')).toBe(true);
  });

  it('detects a deleted entry in the middle and at the end', async () => {
    await tamper(`delete from audit_log where division_code = '620922' and seq = 1`);
    await tamper(`delete from audit_log where division_code = '620921' and seq = 2`);
    const { problems } = await verifyAuditChain(database);
    expect(problems).toContainEqual(expect.objectContaining({ divisionCode: '620921', seq: 2 }));
    expect(problems).toContainEqual(expect.objectContaining({ divisionCode: '620922' }));
  });
});
