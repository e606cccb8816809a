import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../server/platform/db/client';
import { createTestApp, TestClient, type TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-db';

let database: Database;
let app: TestApp;
let spec: { paths: Record<string, Record<string, { 'x-permission'?: string | null; 'x-access'?: string }>> };

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database);
  spec = await (await app.request('/api/openapi.json')).json();
});
afterAll(() => database.close());

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';

/** Every operation of the OpenAPI document, with sample path parameters filled in. */
function operations() {
  return Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, url: path.replace(/\{[^}]+\}/g, SAMPLE_ID), isPublic: op['x-access'] === 'public' })),
  );
}

describe('every route is guarded', () => {
  it('documents a reasonable number of routes', () => {
    expect(operations().length).toBeGreaterThanOrEqual(12);
  });

  it('answers 401 without a session on every route but the public ones', async () => {
    const unguarded: string[] = [];
    for (const op of operations()) {
      if (op.isPublic) continue;
      const res = await new TestClient(app).request(op.method, op.url, op.method === 'GET' ? undefined : {});
      if (res.status !== 401) unguarded.push(`${op.method} ${op.path} → ${res.status}`);
    }
    expect(unguarded).toEqual([]);
  });

  it('declares a permission (or an explicit null) on every route', () => {
    const undeclared = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => !('x-permission' in op))
        .map(([method]) => `${method} ${path}`),
    );
    expect(undeclared).toEqual([]);
  });

  it('serves the OpenAPI document and its UI without a session', async () => {
    expect(spec.paths['/api/auth/login']).toBeDefined();
    expect((await app.request('/api/docs')).status).toBe(200);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await app.request('/api/no-such-thing');
    expect([401, 404]).toContain(res.status);
  });
});

describe('unexpected failures', () => {
  it('answer 500 with a Chinese message and no internal detail', async () => {
    const broken = createTestApp({
      ...database,
      query: async () => {
        throw new Error('connection terminated: secret internal detail');
      },
    });
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await broken.request('/api/health');
    spy.mockRestore();
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'INTERNAL', message: '系统内部错误，请稍后重试或联系管理员' } });
    expect(text).not.toContain('secret');
  });
});
