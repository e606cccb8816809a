import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/demo/accounts';
import { useDemoCounty } from '../support/browser';

const demo = useDemoCounty();

const bodyText = (page: Page) => page.locator('body').innerText();

async function logIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto(`${demo.url}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

describe('logging in as two roles', () => {
  it('shows the administrator the system sections and the user list', async () => {
    const page = await demo.browser.newPage();
    await logIn(page, 'admin');
    await page.getByTestId('home-greeting').waitFor();
    await expect.poll(() => bodyText(page)).toMatch(/角色\s*[：:]?\s*系统管理员/);
    for (const id of ['nav-home', 'nav-units', 'nav-users', 'nav-audit']) await page.getByTestId(id).waitFor();
    await page.getByTestId('nav-users').click();
    await page.getByPlaceholder('用户名或姓名').fill('dept_water');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await expect.poll(() => bodyText(page)).toContain('河西县水务局');
    await expect.poll(() => bodyText(page)).not.toContain('dept_agri');
    await page.getByTestId('nav-audit').click();
    await expect.poll(() => bodyText(page)).toContain('载入演示数据');
    await page.close();
  });

  it('shows a department clerk only what the role may use', async () => {
    const page = await demo.browser.newPage();
    await logIn(page, 'dept_water');
    await page.getByTestId('home-greeting').waitFor();
    await expect.poll(() => bodyText(page)).toMatch(/所在单位\s*[：:]?\s*河西县水务局/);
    await page.getByTestId('nav-home').waitFor();
    expect(await page.getByTestId('nav-users').count()).toBe(0);
    expect(await page.getByTestId('nav-audit').count()).toBe(0);
    await page.goto(`${demo.url}/system/audit`);
    await expect.poll(() => bodyText(page)).toMatch(/无权|没有.*权限/);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-username').waitFor();
    await page.close();
  });
});

describe('lockout', () => {
  it('locks the account after five wrong passwords and says until when', async () => {
    const page = await demo.browser.newPage();
    await page.goto(`${demo.url}/login`);
    for (let i = 0; i < 5; i++) {
      await page.getByTestId('login-username').fill('commerce');
      await page.getByTestId('login-password').fill('Wrong#pass1');
      await page.getByTestId('login-submit').click();
      await expect.poll(async () => (await page.getByTestId('login-error').textContent()) ?? '').toMatch(i < 4 ? /用户名或密码错误/ : /已锁定/);
    }
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect.poll(async () => (await page.getByTestId('login-error').textContent()) ?? '').toMatch(/已锁定.*后再试/);
    expect(page.url()).toContain('/login');
    await page.close();
  });
});
