import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { generateDemoData } from '../../server/demo/generate';
import { loadDemoData } from '../../server/demo/load';
import type { Database } from '../../server/platform/db/client';
import { createTestApp } from './test-app';
import { createTestDatabase } from './test-db';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Debian Chromium with the flags this sandbox needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Serves the app (API + built web app) on a free loopback port. */
export async function startServer(database: Database): Promise<{ url: string; close: () => Promise<void> }> {
  const app = createTestApp(database);
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

/** The demo county served on a free port, with a Chromium, for one browser-test file. */
export interface DemoCounty {
  readonly database: Database;
  readonly url: string;
  readonly browser: Browser;
}

/**
 * Loads the demo county into a fresh database, serves it and launches Chromium before the
 * file's tests, and closes all three after them: `const demo = useDemoCounty();`.
 */
export function useDemoCounty(): DemoCounty {
  let database: Database | undefined;
  let server: { url: string; close: () => Promise<void> } | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    await loadDemoData(database, generateDemoData({ seed: 1, counties: 1 }));
    server = await startServer(database);
    browser = await launchBrowser();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.close();
  });
  return {
    get database() {
      return database!;
    },
    get url() {
      return server!.url;
    },
    get browser() {
      return browser!;
    },
  };
}
