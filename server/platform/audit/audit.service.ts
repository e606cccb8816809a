import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../db/client';
import type { Actor } from '../http/context';
import { sha256Hex } from '../auth/tokens';
import { auditHeads, auditLog } from './audit.tables';
import type { AuditAction } from '../../../common/audit-actions';

export const GENESIS_HASH = '0'.repeat(64);

/** Who did it, as the audit log records them; `Actor` or the system itself. */
export interface AuditActor {
  id: string | null;
  name: string;
  role: string | null;
  unitId: string | null;
  unitName: string | null;
  ip: string | null;
}

/** The platform acting on its own (start-up, demo loading, command-line tools). */
export const SYSTEM_ACTOR: AuditActor = { id: null, name: '系统', role: null, unitId: null, unitName: null, ip: null };

/** Maps a logged-in actor to its audit identity. */
export function auditActorOf(actor: Actor): AuditActor {
  return { id: actor.id, name: actor.displayName, role: actor.role, unitId: actor.unitId, unitName: actor.unitName, ip: actor.ip };
}

export interface AuditEntryInput {
  actor: AuditActor;
  divisionCode: string;
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  summary?: string;
  before?: unknown;
  after?: unknown;
}

type EntryFields = Omit<typeof auditLog.$inferSelect, 'hash' | 'prevHash'>;

/** JSON with keys sorted at every level, so a value hashes the same after a round trip through jsonb. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The hash of one entry given the hash before it. */
export function hashEntry(prevHash: string, entry: EntryFields): string {
  const { at, ...rest } = entry;
  return sha256Hex(prevHash + canonicalJson({ ...rest, at: new Date(at).toISOString() }));
}

// Dates become ISO strings and undefined disappears, exactly as jsonb will give them back.
function toJsonValue(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** Appends one entry to the division's chain. Call inside the transaction of the write it records. */
export async function recordAudit(tx: DbOrTx, input: AuditEntryInput): Promise<void> {
  await tx
    .insert(auditHeads)
    .values({ divisionCode: input.divisionCode, seq: 0, hash: GENESIS_HASH })
    .onConflictDoNothing();
  const [head] = await tx.select().from(auditHeads).where(eq(auditHeads.divisionCode, input.divisionCode)).for('update');
  const fields: EntryFields = {
    divisionCode: input.divisionCode,
    seq: Number(head.seq) + 1,
    at: new Date(),
    actorId: input.actor.id,
    actorName: input.actor.name,
    actorRole: input.actor.role,
    actorUnitId: input.actor.unitId,
    actorUnitName: input.actor.unitName,
    ip: input.actor.ip,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    summary: input.summary?.slice(0, 200) ?? null,
    before: toJsonValue(input.before),
    after: toJsonValue(input.after),
  };
  const hash = hashEntry(head.hash, fields);
  await tx.insert(auditLog).values({ ...fields, prevHash: head.hash, hash });
  await tx.update(auditHeads).set({ seq: fields.seq, hash }).where(eq(auditHeads.divisionCode, input.divisionCode));
}

export interface ChainProblem {
  divisionCode: string;
  seq: number;
  problem: string;
}

/** Walks every division's chain and reports each entry that was altered, removed or reordered. */
export async function verifyAuditChain(database: Database): Promise<{ entries: number; problems: ChainProblem[] }> {
  const { db } = database;
  const problems: ChainProblem[] = [];
  let entries = 0;
  const heads = await db.select().from(auditHeads).orderBy(asc(auditHeads.divisionCode));
  const divisionsWithEntries = await db.selectDistinct({ divisionCode: auditLog.divisionCode }).from(auditLog);
  for (const { divisionCode } of divisionsWithEntries) {
    if (!heads.some((h) => h.divisionCode === divisionCode)) {
      problems.push({ divisionCode, seq: 0, problem: '该行政区划的审计链头缺失' });
    }
  }
  for (const head of heads) {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let lastSeq = 0;
    const pageSize = 5000;
    for (;;) {
      const rows = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.divisionCode, head.divisionCode), gt(auditLog.seq, lastSeq)))
        .orderBy(asc(auditLog.seq))
        .limit(pageSize);
      for (const row of rows) {
        entries++;
        const seq = Number(row.seq);
        if (seq !== expectedSeq) {
          problems.push({ divisionCode: head.divisionCode, seq: expectedSeq, problem: `第 ${expectedSeq}${seq - 1 > expectedSeq ? `–${seq - 1}` : ''} 条记录缺失` });
          prevHash = row.prevHash;
        }
        if (row.prevHash !== prevHash) {
          problems.push({ divisionCode: head.divisionCode, seq, problem: '前序哈希不符，链条被改动' });
        }
        const { hash, prevHash: storedPrev, ...fields } = row;
        if (hashEntry(storedPrev, { ...fields, seq }) !== hash) {
          problems.push({ divisionCode: head.divisionCode, seq, problem: '记录内容与哈希不符，已被篡改' });
        }
        prevHash = hash;
        expectedSeq = seq + 1;
        lastSeq = seq;
      }
      if (rows.length < pageSize) break;
    }
    if (lastSeq !== Number(head.seq) || prevHash !== head.hash) {
      problems.push({ divisionCode: head.divisionCode, seq: Number(head.seq), problem: '链尾与链头记录不符，末尾记录被删除或改动' });
    }
  }
  return { entries, problems };
}

/** Counts entries (tests and the audit page). */
export async function countAuditEntries(tx: DbOrTx): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(auditLog);
  return row.n;
}

/** Appends many entries to one division's chain with one lock and chunked inserts (imports). */
export async function recordAuditBatch(tx: DbOrTx, divisionCode: string, inputs: Array<Omit<AuditEntryInput, 'divisionCode'>>): Promise<void> {
  if (!inputs.length) return;
  await tx.insert(auditHeads).values({ divisionCode, seq: 0, hash: GENESIS_HASH }).onConflictDoNothing();
  const [head] = await tx.select().from(auditHeads).where(eq(auditHeads.divisionCode, divisionCode)).for('update');
  let seq = Number(head.seq);
  let prevHash = head.hash;
  const at = new Date();
  const rows: Array<typeof auditLog.$inferInsert> = [];
  for (const input of inputs) {
    seq += 1;
    const fields: EntryFields = {
      divisionCode,
      seq,
      at,
      actorId: input.actor.id,
      actorName: input.actor.name,
      actorRole: input.actor.role,
      actorUnitId: input.actor.unitId,
      actorUnitName: input.actor.unitName,
      ip: input.actor.ip,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      summary: input.summary?.slice(0, 200) ?? null,
      before: toJsonValue(input.before),
      after: toJsonValue(input.after),
    };
    const hash = hashEntry(prevHash, fields);
    rows.push({ ...fields, prevHash, hash });
    prevHash = hash;
  }
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(auditLog).values(rows.slice(i, i + 1000));
  await tx.update(auditHeads).set({ seq, hash: prevHash }).where(eq(auditHeads.divisionCode, divisionCode));
}
