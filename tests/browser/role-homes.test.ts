import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../../common/permissions';
import { DEFAULT_SCOPE } from '../../common/roles';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../server/demo/accounts';
import { menuFor } from '../../web/src/layout/sections';
import { useDemoCounty } from '../support/browser';

const demo = useDemoCounty();

/** Every /api answer of a page, and a way to wait until none is in flight. */
function watchApi(page: Page) {
  const answers: Array<{ status: number; url: string; where: string }> = [];
  let pending = 0;
  let where = 'landing';
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) pending += 1;
  });
  const settle = (url: string) => {
    if (new URL(url).pathname.startsWith('/api/')) pending -= 1;
  };
  page.on('requestfailed', (r) => settle(r.url()));
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (!url.pathname.startsWith('/api/')) return;
    answers.push({ status: r.status(), url: `${url.pathname}${url.search}`, where });
  });
  page.on('requestfinished', (r) => settle(r.url()));
  return {
    answers,
    at: (next: string) => {
      where = next;
    },
    /** Waits until no /api request has been in flight for 400 ms. */
    quiet: async () => {
      let calm = 0;
      for (let i = 0; i < 200 && calm < 4; i++) {
        await page.waitForTimeout(100);
        calm = pending <= 0 ? calm + 1 : 0;
      }
    },
  };
}

const ROLES_TO_TRY = ['drc', 'leader', 'dept_water', 'commerce', 'township', 'owner', 'inspector', 'admin', 'auditor', 'city_drc'];

describe('each demo role’s home and menu', () => {
  for (const username of ROLES_TO_TRY) {
    it(`${username}: lands and opens every menu entry without a 403, and the menu holds only what it may use`, async () => {
      const account = DEMO_ACCOUNTS.find((a) => a.username === username)!;
      const page = await demo.browser.newPage({ viewport: { width: 1600, height: 1000 } });
      const api = watchApi(page);
      await page.goto(`${demo.url}/login`);
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('home-greeting').waitFor();
      await api.quiet();

      const expected = menuFor({ permissions: ROLE_PERMISSIONS[account.role], dataScope: DEFAULT_SCOPE[account.role] }).flatMap((g) => g.sections);
      const entries = await page.locator('aside [data-testid^="nav-"]').evaluateAll((links) => links.map((l) => l.getAttribute('data-testid')!));
      expect(entries.sort()).toEqual(['nav-home', ...expected.map((s) => s.testId)].sort());
      const groups = await page.locator('aside .ant-menu-submenu-title').allInnerTexts();
      if (!ROLE_PERMISSIONS[account.role].includes('summary.read')) expect(groups.join('|')).not.toContain('领导驾驶舱');

      for (const section of expected) {
        api.at(section.path);
        await page.getByTestId(section.testId).click();
        await page.waitForURL((url) => url.pathname === section.path);
        await api.quiet();
        expect(await page.locator('body').innerText(), `${username} ${section.path}`).not.toMatch(/无权访问|没有.*权限/);
      }
      const refused = api.answers.filter((a) => a.status === 403);
      expect(refused, `${username} got 403s`).toEqual([]);
      expect(api.answers.filter((a) => a.status >= 500)).toEqual([]);
      await page.close();
    }, 120_000);
  }

  it('gives the project owner its own projects, to-dos and titles, without unit filters it cannot fill', async () => {
    const page = await demo.browser.newPage({ viewport: { width: 390, height: 844 } });
    const api = watchApi(page);
    await page.goto(`${demo.url}/login`);
    await page.getByTestId('login-username').fill('owner');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-projects').waitFor();
    await expect.poll(() => page.getByTestId('home-projects').innerText()).toMatch(/共 \d+ 个/);
    await page.getByTestId('home-todos').waitFor();
    await expect.poll(() => page.getByTestId('home-todo-report-none').innerText()).toMatch(/\d/);
    expect(await page.getByTestId('home-headline').count()).toBe(0);
    await page.goto(`${demo.url}/projects`);
    await expect.poll(() => page.locator('.ant-page-header-heading-title').first().innerText()).toBe('我的项目');
    expect(await page.locator('body').innerText()).not.toContain('全县项目统一台账');
    await page.goto(`${demo.url}/projects/procedures`);
    await page.getByTestId('procedure-search').waitFor();
    expect(await page.getByTestId('procedure-filter-department').count()).toBe(0);
    await api.quiet();
    expect(api.answers.filter((a) => a.status === 403)).toEqual([]);
    expect(api.answers.some((a) => a.url.startsWith('/api/units'))).toBe(false);
    await page.close();
  }, 120_000);

  it('gives the leader a home with the cockpit’s headline figures and a way into it', async () => {
    const page = await demo.browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${demo.url}/login`);
    await page.getByTestId('login-username').fill('leader');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-headline').waitFor();
    await expect.poll(() => page.getByTestId('home-headline').innerText()).toMatch(/本年累计完成投资\s*[\d.,]+(亿元|万元)/);
    const cockpit = await (await page.request.get(`${demo.url}/api/cockpit`)).json();
    await expect.poll(() => page.getByTestId('home-headline').innerText()).toContain(`纳入统计项目\n${cockpit.totals.projects}`);
    await page.getByTestId('home-open-cockpit').click();
    await page.waitForURL((url) => url.pathname === '/cockpit');
    await page.close();
  }, 120_000);
});

describe('the 前期手续 list', () => {
  it('pages, filters by department and exports the filtered rows', async () => {
    const page = await demo.browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${demo.url}/login`);
    await page.getByTestId('login-username').fill('drc');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-greeting').waitFor();
    await page.getByTestId('nav-procedures').click();
    const totalText = async () => (await page.locator('.ant-pagination-total-text').first().innerText()).replace(/\s/g, '');
    await expect.poll(totalText).toMatch(/^共\d+项$/);
    const all = Number((await totalText()).match(/\d+/)![0]);
    expect(all).toBeGreaterThan(20);
    expect(await page.locator('.ant-pagination-item').count()).toBeGreaterThan(1);

    await page.getByTestId('procedure-filter-department').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: '水务局' }).first().click();
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await expect.poll(async () => Number((await totalText()).match(/\d+/)![0])).toBeLessThan(all);
    const filtered = Number((await totalText()).match(/\d+/)![0]);

    const download = page.waitForEvent('download');
    await page.getByTestId('procedure-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^前期手续办理情况表-.*\.xlsx$/);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await file.path())!);
    expect(book.worksheets[0].rowCount).toBe(3 + filtered);
    expect(String(book.worksheets[0].getCell(2, 1).value)).toContain('水务局');
    await page.close();
  }, 120_000);
});
