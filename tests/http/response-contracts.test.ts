import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from '@hono/zod-openapi';
import { DEMO_PASSWORD } from '../../server/demo/accounts';
import { generateDemoData } from '../../server/demo/generate';
import { loadDemoData } from '../../server/demo/load';
import type { Database } from '../../server/platform/db/client';
import { createTestApp, TestClient, type TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-db';

// @hono/zod-openapi validates requests only: nothing checks at run time that an answer matches
// the response schema the OpenAPI document (and the web app's types) are built from. This file
// does, on the demo county: every JSON GET route's answer must parse with its schema, and
// parsing must not drop a field (zod strips keys the schema does not name).

let database: Database;
let app: TestApp;

interface RouteDefinition {
  type: string;
  route: { method: string; path: string; responses?: Record<string, { content?: Record<string, { schema?: z.ZodType }> }> };
}

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemoData(database, generateDemoData({ seed: 1, counties: 1 }));
  app = createTestApp(database);
});
afterAll(() => database.close());

/** Every GET route answering JSON, with the schema of its 200 answer. */
function jsonGetRoutes(): Array<{ path: string; schema: z.ZodType }> {
  const definitions = (app as unknown as { openAPIRegistry: { definitions: RouteDefinition[] } }).openAPIRegistry.definitions;
  return definitions.flatMap((d) => {
    const schema = d.type === 'route' && d.route.method === 'get' ? d.route.responses?.['200']?.content?.['application/json']?.schema : undefined;
    return schema ? [{ path: d.route.path, schema }] : [];
  });
}

/** The answer with every field the schema does not name removed, or the zod problems. */
function parsed(schema: z.ZodType, body: unknown): { ok: true; value: unknown } | { ok: false; problems: string } {
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, value: JSON.parse(JSON.stringify(result.data)) };
  return { ok: false, problems: result.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

describe('answers match their response schemas', () => {
  it('every JSON GET route, called by the 发改局 (the audit log by the auditor) on the demo county', async () => {
    const drc = await new TestClient(app).login('drc', DEMO_PASSWORD);
    const auditor = await new TestClient(app).login('auditor', DEMO_PASSWORD);
    const projects = await (await drc.get('/api/projects?pageSize=5&sort=updatedAt')).json();
    const projectId: string = projects.data[0].id;
    const periods = await (await drc.get('/api/periods')).json();
    const closed = periods.data.filter((p: { status: string }) => p.status === 'closed').at(-1)?.period ?? periods.current;
    const grid = await (await drc.get(`/api/monthly-reports?period=${closed}`)).json();
    const reportId: string | undefined = grid.data.find((r: { report: { id: string } | null }) => r.report)?.report.id;
    expect(reportId).toBeDefined();

    const paramsOf = (path: string): Record<string, string> => ({
      id: path.startsWith('/api/monthly-reports/') ? reportId! : projectId,
      period: closed,
      ruleSet: 'projects.thresholds',
    });
    const queryOf: Record<string, string> = {
      '/api/monthly-reports': `?period=${closed}`,
      '/api/investment-figures': `?year=${closed.slice(0, 4)}`,
    };

    const routes = jsonGetRoutes();
    expect(routes.length).toBeGreaterThan(25);
    const mismatches: string[] = [];
    for (const { path, schema } of routes) {
      const params = paramsOf(path);
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? name) + (queryOf[path] ?? '');
      // The audit log is the auditor's; everything else the 发改局 reads.
      const res = await (path.startsWith('/api/audit') ? auditor : drc).get(url);
      if (res.status !== 200) {
        mismatches.push(`${url} → ${res.status}`);
        continue;
      }
      const body = await res.json();
      const result = parsed(schema, body);
      if (!result.ok) mismatches.push(`${url}: ${result.problems}`);
      else if (JSON.stringify(result.value) !== JSON.stringify(body)) {
        try {
          expect(result.value).toEqual(body);
        } catch (error) {
          mismatches.push(`${url}: fields the schema does not describe\n${(error as Error).message.slice(0, 1500)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('notices a field the schema does not describe', async () => {
    const { z: zod } = await import('@hono/zod-openapi');
    expect(parsed(zod.object({ a: zod.number() }), { a: 1, b: 2 })).toEqual({ ok: true, value: { a: 1 } });
  });

  it('the login answer', async () => {
    const { LoginResponse } = await import('../../server/modules/auth/auth.schemas');
    const res = await new TestClient(app).post('/api/auth/login', { username: 'dept_water', password: DEMO_PASSWORD });
    const body = await res.json();
    expect(LoginResponse.parse(body)).toEqual(body);
  });
});
