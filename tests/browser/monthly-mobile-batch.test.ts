import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/demo/accounts';
import { useDemoCounty } from '../support/browser';

const demo = useDemoCounty();

/** A real 1×1 PNG, as a phone's camera would hand over a JPEG. */
const SITE_PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

type Row = { projectId: string; projectName: string; stage: string; canFill: boolean; canReview: boolean; lastProgressPct: number | null; report: { id: string; status: string } | null };

async function logIn(username: string, viewport: { width: number; height: number }): Promise<Page> {
  const isPhone = viewport.width < 768;
  const context = await demo.browser.newContext({ viewport, isMobile: isPhone, hasTouch: isPhone });
  const page = await context.newPage();
  await page.goto(`${demo.url}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-greeting').waitFor();
  return page;
}

async function gridOf(page: Page, query: string): Promise<{ period: string; rows: Row[] }> {
  const { current } = await (await page.request.get(`${demo.url}/api/periods`)).json();
  const grid = await (await page.request.get(`${demo.url}/api/monthly-reports?period=${current}&pageSize=500&${query}`)).json();
  return { period: current, rows: grid.data };
}

async function findRow(page: Page, name: string) {
  const search = page.locator('[data-testid=report-filter-q] input, input[data-testid=report-filter-q]').first();
  await search.fill(name);
  await search.press('Enter');
}

const statusOf = (page: Page, id: string) => page.getByTestId(`report-status-${id}`).getAttribute('data-status');
const field = (page: Page, id: string) => page.locator(`input[data-testid="${id}"], textarea[data-testid="${id}"], [data-testid="${id}"] input, [data-testid="${id}"] textarea`).first();

describe('the monthly report on a phone, and batch review', () => {
  it('an owner fills a report at 390×844, adds a site photo before the first save and submits it after confirming', async () => {
    const page = await logIn('owner', { width: 390, height: 844 });
    const { rows } = await gridOf(page, 'status=none');
    const row = rows.find((r) => r.canFill && r.stage === 'construction') ?? rows.find((r) => r.canFill);
    expect(row, 'the demo owner has a project not reported yet').toBeTruthy();
    const id = row!.projectId;

    await page.goto(`${demo.url}/monthly/reports`);
    await findRow(page, row!.projectName);
    const card = page.getByTestId(`report-row-${id}`);
    await card.waitFor();
    // A card shows the whole project name, and nothing widens the page.
    expect(await card.innerText()).toContain(row!.projectName);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByTestId(`report-open-${id}`).click();
    const drawer = page.locator('.ant-drawer-content-wrapper');
    await drawer.waitFor();
    const box = await drawer.boundingBox();
    expect(box && Math.round(box.width)).toBeLessThanOrEqual(390);

    await field(page, 'drawer-invested').fill('3.5');
    if (row!.stage === 'construction') {
      await field(page, 'drawer-progress').fill(String(Math.min(100, (row!.lastProgressPct ?? 0) + 2)));
      await field(page, 'drawer-progress-text').fill('基础施工，现场照片已上传');
    } else {
      await field(page, 'drawer-preliminary').fill('可研报告已批复，正在办理用地手续');
    }

    // A photo before the first save: the phone's camera is offered, the photo waits in the demo.browser.
    expect(await page.locator('[data-testid=report-photo-upload] input[type=file][capture]').count()).toBe(1);
    expect(await page.locator('[data-testid=report-photo-upload] input[type=file][capture]').getAttribute('accept')).toBe('image/*');
    await page.locator('[data-testid=report-photo-upload] input[type=file]:not([capture])').setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: SITE_PHOTO });
    await page.getByTestId('report-photo-pending').waitFor();

    // The submit button is on the screen, and asks before submitting.
    const submit = page.getByTestId('drawer-submit');
    const button = await submit.boundingBox();
    expect(button).not.toBeNull();
    expect(button!.x).toBeGreaterThanOrEqual(0);
    expect(button!.y).toBeGreaterThanOrEqual(0);
    expect(button!.x + button!.width).toBeLessThanOrEqual(390);
    expect(button!.y + button!.height).toBeLessThanOrEqual(844);
    await submit.click();
    await expect.poll(() => page.locator('.ant-modal-confirm').innerText()).toContain('提交后不可修改，如需更正须提交更正申请');
    await page.getByTestId('submit-confirm').click();
    await expect.poll(() => statusOf(page, id), { timeout: 20_000 }).toBe('submitted');

    // The photo went up with the first save, on the report now submitted.
    const after = (await gridOf(page, `q=${encodeURIComponent(row!.projectName)}`)).rows.find((r) => r.projectId === id)!;
    expect(after.report?.status).toBe('submitted');
    const photos = await (await page.request.get(`${demo.url}/api/monthly-reports/${after.report!.id}/photos`)).json();
    expect(photos.data.map((p: { filename: string }) => p.filename)).toEqual(['现场.png']);
    await page.context().close();
  }, 180_000);

  it('the 发改局 approves two reports at once with one 审核意见', async () => {
    const page = await logIn('drc', { width: 1600, height: 1000 });
    const { rows } = await gridOf(page, 'status=submitted');
    const [first, second] = rows.filter((r) => r.canReview && r.report?.status === 'submitted');
    expect(second, 'the demo county has submitted reports').toBeTruthy();

    await page.goto(`${demo.url}/monthly/reports`);
    await page.getByTestId('report-filter-status').click();
    await page.locator('.ant-select-item-option[title=待审核]').click();
    for (const row of [first, second]) await page.locator(`[data-testid="report-select-${row.projectId}"]`).check();
    await page.getByTestId('report-approve-selected').click();
    await expect.poll(() => page.locator('.ant-modal').first().innerText()).toContain('整批处理');
    await page.getByTestId('batch-comment').fill('同意，按期报送');
    await page.getByTestId('batch-confirm').click();
    await expect.poll(() => page.locator('.ant-message').innerText(), { timeout: 20_000 }).toContain('已审核通过 2 份月报');

    for (const row of [first, second]) {
      const detail = await (await page.request.get(`${demo.url}/api/monthly-reports/${row.report!.id}`)).json();
      expect([detail.report.status, detail.report.reviewComment]).toEqual(['approved', '同意，按期报送']);
    }
    await page.context().close();
  }, 120_000);
});
