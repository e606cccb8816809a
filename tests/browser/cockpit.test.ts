/**
 * The cockpit as its users see it: the county's 发改局 (headline period, the full lagging count),
 * a township (its own figures, the county's only as a labelled reference), a city (its counties
 * ranked, each opened down to the county's cockpit) and a phone (one column, nothing off-screen).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { DEMO_PASSWORD } from '../../server/demo/accounts';
import type { CockpitAnswer } from '../../server/modules/cockpit/cockpit.schemas';
import { useDemoCounty } from '../support/browser';

type Cockpit = z.output<typeof CockpitAnswer>;

const demo = useDemoCounty();

async function openCockpit(username: string, viewport = { width: 1600, height: 1000 }, path = '/cockpit'): Promise<{ page: Page; answer: Cockpit }> {
  const page = await (await demo.browser.newContext({ viewport })).newPage();
  await page.goto(`${demo.url}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
  await page.goto(`${demo.url}${path}`);
  await page.getByTestId('cockpit-total').waitFor({ timeout: 60_000 });
  const query = new URL(path, demo.url).search;
  const answer = (await page.evaluate((q) => fetch(`/api/cockpit${q}`).then((r) => r.json()), query)) as Cockpit;
  return { page, answer };
}

const text = (page: Page, testId: string) => page.getByTestId(testId).innerText();

describe('the county’s cockpit', () => {
  it('states the headline period’s figures and the full count of lagging projects', async () => {
    const { page, answer } = await openCockpit('drc');
    expect(await text(page, 'cockpit-title')).toBe('河西县项目建设驾驶舱');
    expect(await text(page, 'cockpit-whose')).toBe('河西县全县');
    expect(await text(page, 'cockpit-subtitle')).toContain(`数据截至 ${answer.year}年${answer.headline.cumulativeLabel}`);
    expect(await page.getByTestId('cockpit-headline-status').count()).toBe(answer.headline.figureStatus === 'preliminary' ? 1 : 0);
    expect(await text(page, 'cockpit-total')).toContain(`本年累计完成投资（${answer.headline.cumulativeLabel}）`);
    const lagging = await text(page, 'cockpit-lagging-count');
    expect(lagging).toContain(String(answer.laggingCounts.total));
    expect(lagging).not.toContain('+');
    expect(await text(page, 'cockpit-lagging-all')).toBe(`共 ${answer.laggingCounts.total} 个，查看全部 ›`);
    await page.getByTestId('cockpit-lagging-all').click();
    await page.waitForURL((url) => url.pathname === '/monthly/summary' && url.searchParams.get('period') === answer.headline.period && url.searchParams.get('tab') === 'lagging');
    await page.close();
  });

  it('stacks into one readable column on a phone', async () => {
    const { page } = await openCockpit('drc', { width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const id of ['cockpit-title', 'cockpit-total', 'cockpit-lagging-count', 'cockpit-investment-chart', 'cockpit-lagging']) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.x, id).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, id).toBeLessThanOrEqual(390);
    }
    // Panels one under another, not side by side.
    const map = (await page.getByTestId('cockpit-map').boundingBox())!;
    const chart = (await page.getByTestId('cockpit-investment-chart').boundingBox())!;
    expect(chart.y).toBeGreaterThanOrEqual(map.y + map.height);
    await page.close();
  });
});

describe('a township’s cockpit', () => {
  it('is its own: titled with the township, the county’s figures only labelled 全县 as a reference', async () => {
    const { page, answer } = await openCockpit('township');
    expect(await text(page, 'cockpit-title')).toBe('城关镇项目建设驾驶舱');
    expect(await text(page, 'cockpit-whose')).toBe('城关镇（本乡镇项目）');
    expect(await text(page, 'cockpit-reserve-ratio')).toContain(`本镇储备比`);
    expect(await text(page, 'cockpit-reserve-ratio')).toContain(answer.reserveRatio.ratio ?? '—');
    expect(await text(page, 'cockpit-county-reserve')).toBe(`全县 ${answer.countyReserveRatio!.ratio} : 1（参考）`);
    // A target the county decomposed to the township: the township's share, the county's target as a reference.
    const target = await text(page, 'cockpit-target-construction_projects');
    expect(target).toMatch(/本镇\s*\d+个 \/ \d+个/);
    expect(await text(page, 'cockpit-target-county-construction_projects')).toMatch(/^全县目标 \d+个（参考）$/);
    // One not decomposed shows no county progress as if it were the township's.
    expect(await text(page, 'cockpit-target-fai_growth')).toContain('未分解到本镇');
    await page.close();
  });
});

describe('a city’s cockpit', () => {
  it('ranks its counties and opens each down to the county’s own cockpit', async () => {
    const { page, answer } = await openCockpit('city_drc');
    expect(await text(page, 'cockpit-title')).toBe('金泉市项目建设驾驶舱');
    expect(answer.totals.yearCumulative).not.toBe('0');
    expect(answer.byCounty.map((c) => c.yearCumulative)).toEqual([answer.totals.yearCumulative]);
    expect(await text(page, 'cockpit-map-empty')).toContain('6 位行政区划代码');
    const county = answer.byCounty[0];
    expect(await text(page, `cockpit-county-${county.divisionCode}`)).toContain(county.name);
    await page.getByTestId(`cockpit-county-${county.divisionCode}`).click();
    await page.waitForURL((url) => url.searchParams.get('divisionCode') === county.divisionCode);
    await expect.poll(() => text(page, 'cockpit-title')).toBe(`${county.name}项目建设驾驶舱`);
    expect(await text(page, 'cockpit-back')).toContain('金泉市');
    await page.getByTestId('cockpit-back').click();
    await expect.poll(() => text(page, 'cockpit-title')).toBe('金泉市项目建设驾驶舱');
    await page.close();
  });
});
