import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../server/app';
import { readConfig } from '../../server/platform/config';
import type { Database } from '../../server/platform/db/client';
import type { AppDeps } from '../../server/platform/http/context';
import { TEST_PASSWORD } from './factories';

export type TestApp = ReturnType<typeof createApp>;

/** The app over a test database, with the default configuration (and, say, a replica). */
export function createTestApp(database: Database, env: NodeJS.ProcessEnv = {}, deps: Partial<AppDeps> = {}) {
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-files-'));
  return createApp({ database, config: { ...readConfig({}), filesDir, ...configOverrides(env) }, ...deps });
}

function configOverrides(env: NodeJS.ProcessEnv) {
  const config = readConfig(env);
  return { sessionIdleMinutes: config.sessionIdleMinutes, sessionAbsoluteHours: config.sessionAbsoluteHours };
}

/** A browser-like client: keeps cookies and sends the CSRF token on writes. */
export class TestClient {
  private cookies = new Map<string, string>();
  csrfToken: string | null = null;

  constructor(private readonly app: TestApp) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const init: RequestInit = { method, headers: { ...headers } };
    const h = init.headers as Record<string, string>;
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && this.csrfToken && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrfToken;
    if (body !== undefined) {
      if (typeof body === 'string' || body instanceof FormData) init.body = body;
      else {
        init.body = JSON.stringify(body);
        h['content-type'] ??= 'application/json';
      }
    }
    const res = await this.app.request(path, init);
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...rest] = pair.split('=');
      const value = rest.join('=');
      if (value === '' || /max-age=0/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body ?? {});
  patch = (path: string, body: unknown) => this.request('PATCH', path, body);

  /** Logs in; throws unless it succeeds. */
  async login(username: string, password = TEST_PASSWORD): Promise<this> {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
    this.csrfToken = ((await res.json()) as { csrfToken: string }).csrfToken;
    return this;
  }
}
