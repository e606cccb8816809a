import fs from 'node:fs';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/demo/accounts';
import { formatAmountCn } from '../../server/modules/monthly-reports/documents/format';
import { useDemoCounty } from '../support/browser';

const demo = useDemoCounty();

async function logIn(username: string): Promise<Page> {
  const page = await (await demo.browser.newContext({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true })).newPage();
  await page.goto(`${demo.url}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-greeting').waitFor();
  return page;
}

/** An input by test id, whether the id sits on the input itself or on its wrapper. */
const field = (page: Page, id: string) => page.locator(`input[data-testid="${id}"], textarea[data-testid="${id}"], [data-testid="${id}"] input, [data-testid="${id}"] textarea`).first();

const statusOf = (page: Page, id: string) => page.getByTestId(`report-status-${id}`).getAttribute('data-status');

async function findRow(page: Page, name: string) {
  const search = page.locator('[data-testid=report-filter-q] input, input[data-testid=report-filter-q]').first();
  await search.fill(name);
  await search.press('Enter');
}

describe('the monthly cycle in the browser', () => {
  it('a clerk files two reports, one is returned and corrected, the 发改局 downloads the report and the cockpit shows the totals', async () => {
    const clerk = await logIn('dept_water');
    const periods = await (await clerk.request.get(`${demo.url}/api/periods`)).json();
    const period: string = periods.current;
    const grid = await (await clerk.request.get(`${demo.url}/api/monthly-reports?period=${period}&status=none&pageSize=500`)).json();
    const rows = grid.data.filter((r: { stage: string; canFill: boolean }) => r.stage === 'construction' && r.canFill).slice(0, 2);
    expect(rows).toHaveLength(2);
    const drc = await logIn('drc');
    const summaryBefore = await (await drc.request.get(`${demo.url}/api/summaries/${period}`)).json();

    await clerk.getByTestId('nav-monthly-reports').click();
    for (const row of rows) {
      await findRow(clerk, row.projectName);
      await clerk.getByTestId(`report-row-${row.projectId}`).waitFor();
      await field(clerk, `report-invested-${row.projectId}`).fill('1.5');
      await field(clerk, `report-progress-${row.projectId}`).fill(String(Math.min(100, (row.lastProgressPct ?? 0) + 1)));
      await field(clerk, `report-progress-text-${row.projectId}`).fill('主体结构施工，本月完成浇筑');
      await clerk.getByTestId(`report-save-${row.projectId}`).click();
      await expect.poll(() => statusOf(clerk, row.projectId)).toBe('draft');
      await clerk.getByTestId(`report-submit-${row.projectId}`).click();
      await clerk.getByTestId('submit-confirm').click();
      await expect.poll(() => statusOf(clerk, row.projectId)).toBe('submitted');
    }

    // The reviewer returns the first with a reason and approves the second.
    const reviewer = await logIn('drc_2');
    await reviewer.getByTestId('nav-monthly-reports').click();
    const [first, second] = rows;
    await findRow(reviewer, first.projectName);
    await reviewer.getByTestId(`report-return-${first.projectId}`).click();
    await reviewer.getByTestId('return-comment').fill('本月投资与监理月报不一致，请核实');
    await reviewer.getByTestId('return-confirm').click();
    await expect.poll(() => statusOf(reviewer, first.projectId)).toBe('returned');
    await findRow(reviewer, second.projectName);
    await reviewer.getByTestId(`report-approve-${second.projectId}`).click();
    await expect.poll(() => statusOf(reviewer, second.projectId)).toBe('approved');

    // The clerk corrects the returned one as a new revision and submits it; it is approved.
    await clerk.reload();
    await findRow(clerk, first.projectName);
    await clerk.getByTestId(`report-revise-${first.projectId}`).click();
    await clerk.getByTestId('revise-reason').fill('按监理月报核实后更正');
    await clerk.getByTestId('revise-confirm').click();
    await expect.poll(() => statusOf(clerk, first.projectId)).toBe('draft');
    await field(clerk, `report-invested-${first.projectId}`).fill('1.2');
    await clerk.getByTestId(`report-save-${first.projectId}`).click();
    await clerk.getByTestId(`report-submit-${first.projectId}`).click();
    await clerk.getByTestId('submit-confirm').click();
    await expect.poll(() => statusOf(clerk, first.projectId)).toBe('submitted');
    await reviewer.reload();
    await findRow(reviewer, first.projectName);
    await reviewer.getByTestId(`report-approve-${first.projectId}`).click();
    await expect.poll(() => statusOf(reviewer, first.projectId)).toBe('approved');

    // The 发改局 opens the summary: this period grew by exactly 1.5 + 1.2 万元.
    const summary = await (await drc.request.get(`${demo.url}/api/summaries/${period}`)).json();
    expect(Number(summary.totals.period) - Number(summaryBefore.totals.period)).toBeCloseTo(2.7, 6);
    // The summary page opens on the headline period (the latest one whose summary is due); the
    // clerk's period is still open, so the 发改局 opens it by name — its figures say 初步.
    await drc.goto(`${demo.url}/monthly/summary?period=${period}`);
    await drc.getByTestId('summary-content').waitFor();
    const [download] = await Promise.all([drc.waitForEvent('download'), drc.getByTestId('summary-docx').click()]);
    const xml = await (await JSZip.loadAsync(fs.readFileSync((await download.path())!))).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const heading of ['一、', '二、', '三、', '四、', '五、']) expect(text).toContain(heading);
    expect(text).toContain(formatAmountCn(summary.totals.yearCumulative));

    // The cockpit heads with the headline period's year-to-date total, the same as the summary's for it.
    const leader = await logIn('leader');
    const headline = await (await leader.request.get(`${demo.url}/api/summaries`)).json();
    const cockpit = await (await leader.request.get(`${demo.url}/api/cockpit`)).json();
    expect(cockpit.totals.yearCumulative).toBe(headline.totals.yearCumulative);
    await leader.goto(`${demo.url}/cockpit`);
    const total = (await leader.getByTestId('cockpit-total').innerText()).replace(/[,\s]/g, '');
    const yi = Number(headline.totals.yearCumulative) / 10000;
    expect([yi.toFixed(1), yi.toFixed(2)].some((shown) => total.includes(shown))).toBe(true);
  }, 180_000);

  it('a 项目单位 fills reports on a phone: nothing it may not read is asked for, and the page fits the screen', async () => {
    const context = await demo.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 403) refused.push(r.url());
    });
    await page.goto(`${demo.url}/login`);
    await page.getByTestId('login-username').fill('owner');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('home-greeting').waitFor();
    await page.goto(`${demo.url}/monthly/reports`);
    await page.locator('[data-testid^=report-row-]').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(refused).toEqual([]);
    // No unit filters for a role that reads no unit list.
    expect(await page.getByTestId('report-filter-department').count()).toBe(0);
    // Nothing widens the page, so the user menu stays on screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const menu = await page.getByTestId('user-menu').boundingBox();
    expect(menu && menu.x + menu.width).toBeLessThanOrEqual(390);
    await context.close();
  }, 60_000);
});
