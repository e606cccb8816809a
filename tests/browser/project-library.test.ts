import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/demo/accounts';
import { buildDefectiveLedger } from '../../server/modules/projects/ledger-fixtures';
import { writeLedger } from '../../server/modules/projects/ledger-writer';
import { useDemoCounty } from '../support/browser';

const demo = useDemoCounty();

const bodyText = (page: Page) => page.locator('body').innerText();

async function chooseFile(page: Page, name: string, bytes: Buffer) {
  await page.locator('[data-testid=import-file] input[type=file]').setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes });
}

describe('a department clerk works the project library', () => {
  it('imports a ledger, finds a project by two characters, moves it to 前期 and sees it on the timeline', async () => {
    const page = await demo.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${demo.url}/login`);
    await page.getByTestId('login-username').fill('dept_agri');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-project-import').click();

    // A ledger with defects: refused whole, every problem listed, nothing imported.
    await chooseFile(page, '有问题的台账.xlsx', await buildDefectiveLedger());
    await page.getByTestId('import-problems').waitFor();
    await expect.poll(() => bodyText(page)).toContain('整份台账未导入');
    await expect.poll(() => bodyText(page)).toContain('待定');
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);

    // A clean ledger: previewed, then committed.
    const clean = await writeLedger(
      [
        { name: '戈壁生态农业示范园建设项目', ownerUnit: '河西县绿洲农业开发有限公司', department: '河西县农业农村局', sector: '农业', totalInvestment: '8600', plannedStart: '2026-04-01', plannedCompletion: '2027-10-31' },
        { name: '万亩甜玉米标准化种植基地', ownerUnit: '河西县绿洲农业开发有限公司', department: '河西县农业农村局', sector: '农业', totalInvestment: '3200', fundSelfRaised: '3200' },
      ],
      { title: '河西县农业农村局项目台账', sections: true },
    );
    await chooseFile(page, '农业农村局台账.xlsx', clean);
    await page.getByTestId('import-records').waitFor();
    await expect.poll(() => page.getByTestId('import-commit').isEnabled()).toBe(true);
    await page.getByTestId('import-commit').click();
    await expect.poll(async () => (await page.getByTestId('import-result').textContent()) ?? '').toContain('新建项目 2 个');

    // Find it by two Chinese characters from the middle of its name.
    await page.getByTestId('nav-projects').click();
    await page.getByTestId('project-search').fill('戈壁');
    await page.getByTestId('project-search').press('Enter');
    await page.getByText('戈壁生态农业示范园建设项目').first().click();
    await page.getByTestId('project-title').waitFor();
    await expect.poll(() => page.getByTestId('project-title').textContent()).toContain('戈壁生态农业示范园建设项目');

    // 储备 → 前期.
    await page.getByTestId('project-transition').click();
    await page.getByTestId('transition-to').click();
    await page.locator('.ant-select-item-option[title="前期"]').click();
    await page.getByTestId('transition-submit').click();
    await page.getByTestId('tab-timeline').click();
    await expect.poll(async () => (await page.getByTestId('project-timeline').innerText()).replace(/\s+/g, '')).toMatch(/储备→前期/);
    await page.close();
  });
});
