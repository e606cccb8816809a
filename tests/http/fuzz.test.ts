import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/platform/db/client';
import { countAuditEntries } from '../../server/platform/audit/audit.service';
import { generateDemoData } from '../../server/demo/generate';
import { loadDemoData } from '../../server/demo/load';
import { createTestApp, TestClient, type TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-db';

let database: Database;
let app: TestApp;
let spec: { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> }; parameters?: Array<{ name: string; in: string }> }>> };

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemoData(database, generateDemoData({ seed: 3, counties: 1, projects: false }));
  app = createTestApp(database);
  spec = await (await app.request('/api/openapi.json')).json();
});
afterAll(() => database.close());

const NASTY = ['', ' ', '😀🚧', 'ＡＢＣ１２３', "'; drop table projects; --", '<script>alert(1)</script>', '-1', '1e309', 'x'.repeat(100_000), '2024-13-45', '00000000-0000-4000-8000-000000000000'];
const BODIES: unknown[] = [
  null,
  [],
  'not an object',
  { version: 'one' },
  { version: -1, name: 123, kind: 'nonsense', totalInvestment: -5 },
  { name: '😀'.repeat(5000), extra: true },
  { username: { $ne: '' }, password: ['a'] },
  { items: 'nope', amount: 'NaN', period: '2024-99' },
];

function urlOf(path: string, value: string) {
  return path.replace(/\{[^}]+\}/g, encodeURIComponent(value));
}

describe('bad input, generated from the OpenAPI document', () => {
  it('never answers 5xx, and a refused write leaves no trace', async () => {
    const client = await new TestClient(app).login('drc', 'Demo@2026');
    const failures: string[] = [];
    const auditBefore = await countAuditEntries(database.db);
    let writes = 0;
    for (const [path, methods] of Object.entries(spec.paths)) {
      if (path === '/api/auth/logout' || path === '/api/auth/login') continue;
      for (const [method, op] of Object.entries(methods)) {
        const verb = method.toUpperCase();
        const queryNames = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        for (const value of NASTY) {
          const query = queryNames.map((n) => `${n}=${encodeURIComponent(value)}`).join('&');
          const url = urlOf(path, value) + (query ? `?${query}` : '');
          const bodies = verb === 'GET' || verb === 'DELETE' ? [undefined] : op.requestBody?.content?.['multipart/form-data'] ? ['--broken--multipart--'] : BODIES;
          for (const body of bodies) {
            const res =
              body === '--broken--multipart--'
                ? await client.request(verb, url, '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc', { 'content-type': 'multipart/form-data; boundary=zz' })
                : await client.request(verb, url, body === undefined ? undefined : typeof body === 'string' ? JSON.stringify(body) : body === null ? 'null' : body, { 'content-type': 'application/json' });
            if (verb !== 'GET') writes++;
            if (res.status >= 500) failures.push(`${verb} ${path} ${JSON.stringify(value).slice(0, 30)} ${JSON.stringify(body)?.slice(0, 40)} → ${res.status}`);
            else if (res.status >= 400) {
              const json = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
              if (!json?.error?.code || !json.error.message) failures.push(`${verb} ${path} → ${res.status} without an error body`);
            } else await res.arrayBuffer();
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(writes).toBeGreaterThan(100);
    // Nothing refused reached the audit log (the one accepted write kind here is none: every body was bad).
    expect(await countAuditEntries(database.db)).toBe(auditBefore);
  }, 300_000);
});
