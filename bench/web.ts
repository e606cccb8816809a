/**
 * What a county network carries on a cold load: bytes transferred (headers + compressed bodies,
 * as Chromium counts them) for the login page, and for the project owner's report page opened
 * with a session but an empty cache. Target: under 500 kB each.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { Session, startServer } from './lib';
import type { Result } from './scenarios';

const LIMIT_KB = 500;

/** Loads a page in a fresh context and sums what every request transferred until the network is idle. */
async function transferredKb(page: Page, url: string, ready: string): Promise<{ kb: number; requests: number }> {
  const sizes: Array<Promise<number>> = [];
  page.on('requestfinished', (request) => sizes.push(request.sizes().then((s) => s.responseHeadersSize + s.responseBodySize)));
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForSelector(ready, { timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  return { kb: Math.round(bytes / 1024), requests: sizes.length };
}

export async function webFirstLoad(): Promise<Result[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-bench-web-'));
  const server = await startServer({ DATA_DIR: dataDir, PORT: '0' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const results: Result[] = [];
  const row = (scenario: string, measured: { kb: number; requests: number }): Result => ({
    scenario: `${scenario} (cold cache, ${measured.requests} requests)`,
    database: 'embedded',
    dataset: 'county',
    metric: 'transferred',
    value: measured.kb,
    unit: 'kB',
    target: `< ${LIMIT_KB} kB`,
    ok: measured.kb < LIMIT_KB,
  });
  try {
    const login = await browser.newContext({ viewport: { width: 390, height: 844 } });
    results.push(row('first load: login page', await transferredKb(await login.newPage(), `${server.url}/login`, 'input[type=password]')));
    await login.close();

    // The owner opens the report page on a phone with a session and nothing cached.
    const owner = await new Session(server.url).login('owner');
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const [name, value] = owner.cookieHeader.split('; ')[0].split('=');
    await context.addCookies([{ name, value, url: server.url }]);
    results.push(row("first load: owner's report page", await transferredKb(await context.newPage(), `${server.url}/monthly/reports`, '[data-testid="user-menu"]')));
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}
