import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/platform/db/client';
import { countAuditEntries } from '../../server/platform/audit/audit.service';
import { generateDemoData } from '../../server/demo/generate';
import { loadDemoData } from '../../server/demo/load';
import { createTestApp, TestClient, type TestApp } from '../support/test-app';
import { tableDigests } from '../support/table-digests';
import { createTestDatabase } from '../support/test-db';

let database: Database;
let app: TestApp;
let spec: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemoData(database, generateDemoData({ seed: 3, counties: 1, projects: false }));
  app = createTestApp(database);
  spec = await (await app.request('/api/openapi.json')).json();
});
afterAll(() => database.close());

// In paths and queries 100 kB is plenty: a real HTTP server refuses a URL over 16 kB before
// the app sees it. The 1 MB strings go into bodies (WRONG below).
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

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; $ref?: string };
type Operation = { requestBody?: { content?: Record<string, { schema?: Schema }> }; parameters?: Array<{ name: string; in: string }> };

/** About 1 MB of what a clerk might paste: Chinese, full-width letters, emoji and markup. */
const MEGABYTE_TEXT = '测试ＡＢＣ😀<b>'.repeat(47_700);
/** Wrong values by the type the document declares: wrong types, 1 MB strings, negative and huge numbers, SQL and HTML. */
const WRONG: Record<string, unknown[]> = {
  string: [MEGABYTE_TEXT, 'x'.repeat(1_000_000), 12345, ['a'], { a: 1 }],
  integer: [-1, -1e15, 1e308, 2 ** 53 + 2, 0.5, '12', 'ＡＢＣ'],
  number: [-1, -1e15, 1e308, 2 ** 53 + 2, '1e309', 'NaN'],
  boolean: ['true', 1, null],
  array: ['nope', [null, 1e308], Array.from({ length: 10_001 }, () => "'; drop table projects; --")],
  object: [[], '<img src=x onerror=alert(1)>', 7],
};

function resolve(schema: Schema | undefined, components: Record<string, Schema>): Schema | undefined {
  return schema?.$ref ? components[schema.$ref.split('/').pop()!] : schema;
}

/** Bodies built from a route's JSON schema: each field alone with each wrong value, all fields wrong at once, an extra field, prototype keys. */
function derivedBodies(op: Operation, components: Record<string, Schema>): unknown[] {
  const schema = resolve(op.requestBody?.content?.['application/json']?.schema, components);
  if (!schema?.properties) return [];
  const bodies: unknown[] = [{}, { unexpectedField: '<script>alert(1)</script>' }, '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}}}'];
  const allWrong: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties)) {
    const declared = resolve(property, components)?.type;
    const type = (Array.isArray(declared) ? declared.find((t) => t !== 'null') : declared) ?? 'object';
    for (const value of WRONG[type] ?? WRONG.object) bodies.push({ [name]: value });
    allWrong[name] = (WRONG[type] ?? WRONG.object).at(-1);
  }
  bodies.push(allWrong);
  return bodies;
}

describe('bad input, generated from the OpenAPI document', () => {
  it('never answers 5xx, and a refused write leaves no trace', async () => {
    const client = await new TestClient(app).login('drc', 'Demo@2026');
    const failures: string[] = [];
    const accepted: string[] = [];
    const auditBefore = await countAuditEntries(database.db);
    let writes = 0;
    const send = async (verb: string, url: string, body: unknown, label: string, hasInput: boolean) => {
      const res =
        body === '--broken--multipart--'
          ? await client.request(verb, url, '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc', { 'content-type': 'multipart/form-data; boundary=zz' })
          : await client.request(verb, url, body === undefined ? undefined : typeof body === 'string' ? (body.startsWith('{') ? body : JSON.stringify(body)) : body === null ? 'null' : body, {
              'content-type': 'application/json',
            });
      if (verb !== 'GET') writes++;
      if (res.status >= 500) failures.push(`${label} → ${res.status}`);
      else if (res.status >= 400) {
        const json = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
        if (!json?.error?.code || !json.error.message) failures.push(`${label} → ${res.status} without an error body`);
      } else {
        // A route that takes no input at all (e.g. 全部已读) may ignore a stray body; any other must refuse it.
        if (verb !== 'GET' && hasInput) accepted.push(`${label} → ${res.status}`);
        await res.arrayBuffer();
      }
      return res.status;
    };
    for (const [path, methods] of Object.entries(spec.paths)) {
      if (path === '/api/auth/logout' || path === '/api/auth/login') continue;
      for (const [method, op] of Object.entries(methods)) {
        const verb = method.toUpperCase();
        const queryNames = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        const hasInput = !!op.requestBody || (op.parameters ?? []).length > 0;
        // Every refused write of the route together must leave every table as it was.
        const before = verb === 'GET' ? null : await tableDigests(database, ['sessions']);
        let isAllRefused = true;
        for (const value of NASTY) {
          const query = queryNames.map((n) => `${n}=${encodeURIComponent(value)}`).join('&');
          const url = urlOf(path, value) + (query ? `?${query}` : '');
          const bodies = verb === 'GET' || verb === 'DELETE' ? [undefined] : op.requestBody?.content?.['multipart/form-data'] ? ['--broken--multipart--'] : BODIES;
          for (const body of bodies) {
            const status = await send(verb, url, body, `${verb} ${path} ${JSON.stringify(value).slice(0, 30)} ${JSON.stringify(body)?.slice(0, 40)}`, hasInput);
            isAllRefused &&= status >= 400;
          }
        }
        // Bodies from the route's own schema, on a well-formed path.
        const url = path.replace(/\{period\}/g, '2024-10').replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
        for (const body of derivedBodies(op, spec.components.schemas)) {
          const status = await send(verb, url, body, `${verb} ${path} ${JSON.stringify(body).slice(0, 60)}`, hasInput);
          isAllRefused &&= status >= 400;
        }
        if (before && isAllRefused) {
          const after = await tableDigests(database, ['sessions']);
          const changed = Object.keys(after).filter((t) => JSON.stringify(after[t]) !== JSON.stringify(before[t]));
          if (changed.length) failures.push(`${verb} ${path}: refused, yet changed ${changed.join(', ')}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(accepted).toEqual([]);
    expect(writes).toBeGreaterThan(1000);
    // Nothing refused reached the audit log either.
    expect(await countAuditEntries(database.db)).toBe(auditBefore);
  }, 300_000);
});
