import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../server/platform/audit/audit.tables';
import type { Database } from '../../server/platform/db/client';
import { projects } from '../../server/modules/projects/projects.tables';
import { buildDivision, buildUnit, buildUser } from '../support/factories';
import { createTestApp, TestClient, type TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-db';

let database: Database;
let app: TestApp;
let drc: TestClient;
let reviewer: TestClient;
let ownerId: string;
const COUNTY = '620921';

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database);
  await buildDivision(database, { code: COUNTY, name: '河西县' });
  const drcUnit = await buildUnit(database, { divisionCode: COUNTY, name: '河西县发展和改革局', kind: 'drc' });
  ownerId = (await buildUnit(database, { divisionCode: COUNTY, name: '河西县城市建设投资有限公司', kind: 'owner' })).id;
  drc = await new TestClient(app).login((await buildUser(database, { role: 'drc', unitId: drcUnit.id, divisionCode: COUNTY })).username);
  reviewer = await new TestClient(app).login((await buildUser(database, { role: 'drc', unitId: drcUnit.id, divisionCode: COUNTY })).username);
});
afterAll(() => database.close());

describe('optimistic locking under concurrency', () => {
  it('lets exactly one of 50 simultaneous edits with the same version win', async () => {
    const p = await (await drc.post('/api/projects', { name: '城区综合管廊工程', ownerUnitId: ownerId, sector: 'infrastructure', totalInvestment: '30000' })).json();
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => drc.patch(`/api/projects/${p.id}`, { version: p.version, remarks: `第 ${i} 位的修改` })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const winner = responses.findIndex((r) => r.status === 200);
    const [row] = await database.db.select().from(projects).where(and(eq(projects.divisionCode, COUNTY), eq(projects.id, p.id)));
    expect(row.remarks).toBe(`第 ${winner} 位的修改`);
    expect(row.version).toBe(p.version + 1);
    const entries = await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, p.id), eq(auditLog.action, 'project.updated')));
    expect(entries).toHaveLength(1);
  });

  it('approves a library request once when two reviewers press at the same time', async () => {
    const library = await (await drc.post('/api/libraries', { name: '城建项目库', kind: 'sector' })).json();
    const p = await (await drc.post('/api/projects', { name: '老旧小区改造', ownerUnitId: ownerId, sector: 'social', totalInvestment: '2000' })).json();
    const dept = await buildUnit(database, { divisionCode: COUNTY, name: '河西县住房和城乡建设局', kind: 'department' });
    await database.db.update(projects).set({ departmentId: dept.id }).where(eq(projects.id, p.id));
    const clerk = await new TestClient(app).login((await buildUser(database, { role: 'department', unitId: dept.id, divisionCode: COUNTY })).username);
    const request = await (await clerk.post('/api/library-requests', { projectId: p.id, libraryId: library.id, kind: 'enter', reason: '纳入城建项目库' })).json();
    const [a, b] = await Promise.all([drc.post(`/api/library-requests/${request.id}/approve`, {}), reviewer.post(`/api/library-requests/${request.id}/approve`, {})]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const entries = await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, request.id), eq(auditLog.action, 'library_request.approved')));
    expect(entries).toHaveLength(1);
  });
});
