import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../server/app';
import type { Database } from '../../server/platform/db/client';
import { createTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-db';

let database: Database;
let app: TestApp;

beforeAll(async () => {
  database = await createTestDatabase();
  app = createTestApp(database);
});
afterAll(async () => {
  await database?.close();
});

const scripts = () => fs.readdirSync(path.join(WEB_DIST, 'assets')).filter((f) => f.endsWith('.js'));

describe('the web app reaches a county network compressed and cached', () => {
  it('sends every script as its brotli copy to a browser that takes brotli, gzip to one that takes only gzip', async () => {
    const [script] = scripts().sort((a, b) => fs.statSync(path.join(WEB_DIST, 'assets', b)).size - fs.statSync(path.join(WEB_DIST, 'assets', a)).size);
    const plain = fs.statSync(path.join(WEB_DIST, 'assets', script)).size;

    const br = await app.request(`/assets/${script}`, { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toMatch(/javascript/);
    expect(Number(br.headers.get('content-length'))).toBeLessThan(plain / 3);

    const gz = await app.request(`/assets/${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');

    const none = await app.request(`/assets/${script}`);
    expect(none.headers.get('content-encoding')).toBeNull();
    expect(Number(none.headers.get('content-length'))).toBe(plain);
  });

  it("ships React's production build", () => {
    const development = scripts().filter((f) => fs.readFileSync(path.join(WEB_DIST, 'assets', f), 'utf8').includes('Download the React DevTools'));
    expect(development).toEqual([]);
  });

  it('lets the browser keep hashed assets for a year and revalidate the page itself', async () => {
    const asset = await app.request(`/assets/${scripts()[0]}`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const page of ['/', '/login', '/monthly/reports']) {
      const res = await app.request(page, { headers: { 'accept-encoding': 'br' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('compresses JSON answers for browsers that ask, and not for clients that do not', async () => {
    const body = await app.request('/api/openapi.json', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(body.headers.get('content-encoding')).toBe('gzip');
    const plain = await app.request('/api/openapi.json');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(((await plain.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });
});
