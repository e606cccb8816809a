import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/platform/db/client';
import { jsonDepth } from '../../server/platform/http/input-screen';
import { buildUser } from '../support/factories';
import { createTestApp, TestClient, type TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-db';

let database: Database;
let app: TestApp;
let drc: TestClient;
let admin: TestClient;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database);
  const user = await buildUser(database, { role: 'drc', dataScope: 'division' });
  drc = await new TestClient(app).login(user.username);
  admin = await new TestClient(app).login((await buildUser(database, { role: 'admin', dataScope: 'division' })).username);
});
afterAll(() => database.close());

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; field?: string } }).error;

describe('input PostgreSQL cannot store, or that would stall the server (等保: 入侵防范)', () => {
  it('answers a NUL in a query parameter with 400 naming it, not 500', async () => {
    for (const path of ['/api/projects?q=%00', '/api/projects?q=a%00b&pageSize=20', '/api/units?q=%00']) {
      const res = await drc.get(path);
      expect(res.status, path).toBe(400);
      expect(await errorOf(res)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'q', message: expect.stringContaining('NUL') });
    }
  });

  it('answers a NUL in a login name or a JSON field with 400 naming the field', async () => {
    const login = await new TestClient(app).post('/api/auth/login', { username: 'admin\u0000', password: 'x' });
    expect(login.status).toBe(400);
    expect(await errorOf(login)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'username' });
    const unit = await admin.post('/api/units', { name: '县\u0000水务局', kind: 'department' });
    expect(unit.status).toBe(400);
    expect((await errorOf(unit)).field).toBe('name');
  });

  it('refuses deeply nested JSON quickly, before parsing it', async () => {
    const nested = `${'['.repeat(900_000)}${']'.repeat(900_000)}`;
    const started = performance.now();
    const res = await admin.request('POST', '/api/units', nested, { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/嵌套层级过深/);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('measures depth outside strings only', () => {
    expect(jsonDepth('{"a":[1,{"b":"[[[[{{{{"}]}')).toBe(3);
    expect(jsonDepth('"\\"[[["')).toBe(0);
  });
});
