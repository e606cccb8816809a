import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/audit.tables';
import type { Database } from '../../platform/db/client';
import { buildDivision, buildUnit, buildUser } from '../../../tests/support/factories';
import { createTestApp, TestClient, type TestApp } from '../../../tests/support/test-app';
import { createTestDatabase } from '../../../tests/support/test-db';
import { libraryMemberships, libraryRequests } from './libraries.tables';

let database: Database;
let app: TestApp;
const counties: Record<'a' | 'b', { drc: TestClient; water: TestClient; owner: string; libraryId: string }> = {} as never;

type ApiError = { code: string; message: string; field?: string; details?: { blocked?: Array<{ id: string; projectName: string }> } };
const errorOf = async (res: Response) => ((await res.json()) as { error: ApiError }).error;

async function buildCounty(key: 'a' | 'b', code: string, name: string) {
  await buildDivision(database, { code, name });
  const drcUnit = await buildUnit(database, { divisionCode: code, name: `${name}发展和改革局`, kind: 'drc' });
  const waterUnit = await buildUnit(database, { divisionCode: code, name: `${name}水务局`, kind: 'department' });
  const owner = (await buildUnit(database, { divisionCode: code, name: `${name}水务投资有限公司`, kind: 'owner' })).id;
  const drc = await new TestClient(app).login((await buildUser(database, { role: 'drc', unitId: drcUnit.id, divisionCode: code })).username);
  const water = await new TestClient(app).login((await buildUser(database, { role: 'department', unitId: waterUnit.id, divisionCode: code })).username);
  const library = await (await drc.post('/api/libraries', { name: '重点项目库', kind: 'comprehensive' })).json();
  counties[key] = { drc, water, owner, libraryId: library.id };
}

/** A project of the county's 水务局 and its 入库 request. */
async function requestEntry(key: 'a' | 'b', name: string): Promise<string> {
  const c = counties[key];
  const project = await (await c.water.post('/api/projects', { name, ownerUnitId: c.owner, sector: 'infrastructure', totalInvestment: '800' })).json();
  const res = await c.water.post('/api/library-requests', { projectId: project.id, libraryId: c.libraryId, kind: 'enter', reason: '符合入库条件' });
  expect(res.status).toBe(201);
  return (await res.json()).id;
}

const statusesOf = async (ids: string[]) => {
  const rows = await database.db.select({ id: libraryRequests.id, status: libraryRequests.status }).from(libraryRequests).where(inArray(libraryRequests.id, ids));
  return ids.map((id) => rows.find((r) => r.id === id)?.status);
};

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database);
  await buildCounty('a', '620921', '河西县');
  await buildCounty('b', '620922', '河东县');
});
afterAll(() => database.close());

describe('batch review of 入库 requests', () => {
  it('approves N requests with one 审核意见: N projects enter the library, N audit entries', async () => {
    const ids = [await requestEntry('a', '黑河湿地保护修复工程'), await requestEntry('a', '城区供水管网改造'), await requestEntry('a', '北干渠节水改造')];
    const res = await counties.a.drc.post('/api/library-requests/batch-review', { requestIds: ids, decision: 'approve', comment: '同意入库' });
    expect(res.status).toBe(200);
    const answer = await res.json();
    expect(answer.count).toBe(3);
    expect(answer.data.map((r: { status: string; reviewComment: string }) => [r.status, r.reviewComment])).toEqual(Array(3).fill(['approved', '同意入库']));
    expect(await statusesOf(ids)).toEqual(['approved', 'approved', 'approved']);
    const members = await database.db.select().from(libraryMemberships).where(eq(libraryMemberships.libraryId, counties.a.libraryId));
    expect(members).toHaveLength(3);
    const audits = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'library_request.approved'), inArray(auditLog.entityId, ids)));
    expect(audits).toHaveLength(3);
  });

  it('refuses a request of another county with 404 and decides nothing', async () => {
    const mine = await requestEntry('a', '工业园区污水处理厂');
    const theirs = await requestEntry('b', '河东县城区排水管网');
    const res = await counties.a.drc.post('/api/library-requests/batch-review', { requestIds: [mine, theirs], decision: 'approve' });
    expect(res.status).toBe(404);
    expect(await statusesOf([mine, theirs])).toEqual(['pending', 'pending']);
    expect(await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'library_request.approved'), eq(auditLog.entityId, mine)))).toHaveLength(0);
  });

  it('needs a reason to return, and names the request that stops a batch', async () => {
    const pending = await requestEntry('a', '小型水库除险加固');
    const noReason = await counties.a.drc.post('/api/library-requests/batch-review', { requestIds: [pending], decision: 'return' });
    expect(noReason.status).toBe(400);
    expect((await errorOf(noReason)).field).toBe('comment');

    // The first test's requests are decided already: returning one of them with a pending one refuses both.
    const [decided] = (await database.db.select({ id: libraryRequests.id }).from(libraryRequests).where(eq(libraryRequests.status, 'approved'))).map((r) => r.id);
    const res = await counties.a.drc.post('/api/library-requests/batch-review', { requestIds: [pending, decided], decision: 'return', comment: '前期手续不全' });
    expect(res.status).toBe(409);
    const error = await errorOf(res);
    expect(error.message).toContain('整批未处理');
    expect(error.details?.blocked?.map((b) => b.id)).toEqual([decided]);
    expect(await statusesOf([pending])).toEqual(['pending']);

    const returned = await counties.a.drc.post('/api/library-requests/batch-review', { requestIds: [pending], decision: 'return', comment: '前期手续不全' });
    expect(returned.status).toBe(200);
    expect(await statusesOf([pending])).toEqual(['returned']);
  });

  it('guards the route: no session 401, a role that reviews nothing 403', async () => {
    const id = await requestEntry('a', '农村饮水安全巩固提升');
    expect((await new TestClient(app).post('/api/library-requests/batch-review', { requestIds: [id], decision: 'approve' })).status).toBe(401);
    // The 水务局 submitted it: a reviewer may not decide their own request.
    expect((await counties.a.water.post('/api/library-requests/batch-review', { requestIds: [id], decision: 'approve' })).status).toBe(403);
    expect(await statusesOf([id])).toEqual(['pending']);
  });
});
