import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/demo/accounts';
import { PAGES_WITH_MENU } from '../support/menu-pages';
import { useDemoCounty } from '../support/browser';

const demo = useDemoCounty();

/** A page that records every Content-Security-Policy violation the browser reports. */
async function watchedPage(): Promise<{ page: Page; violations: () => Promise<string[]> }> {
  const page = await demo.browser.newPage();
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return { page, violations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp) };
}

describe('the whole app runs under a strict Content-Security-Policy (等保: 入侵防范)', () => {
  it('sends the policy: scripts from our origin only, nothing inline, no framing', async () => {
    const res = await fetch(`${demo.url}/login`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('reports no violation on any page of the 发改局 and the administrator, charts and map included', async () => {
    for (const username of ['drc', 'admin']) {
      const { page, violations } = await watchedPage();
      await page.goto(`${demo.url}/login`);
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('user-menu').waitFor();
      for (const path of PAGES_WITH_MENU) {
        await page.goto(`${demo.url}${path}`);
        await page.waitForLoadState('networkidle');
      }
      expect(await violations(), username).toEqual([]);
      await page.close();
    }
  }, 240_000);

  it('serves the API documentation from our own origin, without a CDN', async () => {
    const { page, violations } = await watchedPage();
    const external: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(demo.url)) external.push(r.url());
    });
    await page.goto(`${demo.url}/api/docs`);
    await page.locator('.swagger-ui .info').waitFor();
    expect(external).toEqual([]);
    expect(await violations()).toEqual([]);
    await page.close();
  });
});
