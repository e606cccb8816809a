import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/platform/db/client';
import { buildUser } from '../support/factories';
import { createTestApp, TestClient, type TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-db';

let database: Database;
let app: TestApp;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database);
});
afterAll(() => database.close());

describe('what answers give away (等保: 剩余信息保护, 入侵防范)', () => {
  it('keeps every signed-in API answer out of caches', async () => {
    const drc = await new TestClient(app).login((await buildUser(database, { role: 'drc', dataScope: 'division' })).username);
    for (const path of ['/api/me', '/api/projects?pageSize=5', '/api/inbox']) {
      const res = await drc.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('tells the version only to a signed-in administrator', async () => {
    const anonymous = (await (await app.request('/api/health')).json()) as Record<string, unknown>;
    expect(anonymous).toMatchObject({ status: 'ok' });
    expect(anonymous).not.toHaveProperty('version');
    const drc = await new TestClient(app).login((await buildUser(database, { role: 'drc', dataScope: 'division' })).username);
    expect(await (await drc.get('/api/health')).json()).not.toHaveProperty('version');
    const admin = await new TestClient(app).login((await buildUser(database, { role: 'admin', dataScope: 'division' })).username);
    expect(await (await admin.get('/api/health')).json()).toHaveProperty('version');
  });
});
