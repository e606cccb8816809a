import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/demo/accounts';
// The demo loader (through the fixture) loads the module list before any single module file.
import { useDemoCounty } from '../support/browser';
import { runReminders } from '../../server/modules/inbox/reminders.job';

const demo = useDemoCounty();

// Markup in the names county staff type: each would set window.__xss if it ever ran.
const img = (n: number) => `<img src=x onerror="window.__xss=${n}">`;
const PROJECT = `河西县<script>window.__xss=1</script>雨污管网${img(2)}工程`;
const OWNER = `${img(3)}绿洲建设有限公司`;
const TOWNSHIP_MARK = img(4);
const MILESTONE = `主体完工${img(5)}<script>window.__xss=6</script>`;
const PROBLEMS = `<script>window.__xss=7</script>资金缺口${img(8)}`;
const USER = `张三${img(9)}`;

type Api = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => Promise<T>;

async function apiAs(username: string): Promise<Api> {
  const login = await fetch(`${demo.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async (method, path, body) => {
    const res = await fetch(`${demo.url}${path}`, { method, headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return (res.status === 204 ? null : await res.json()) as never;
  };
}

async function logIn(username: string): Promise<Page> {
  const page = await (await demo.browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
  await page.goto(`${demo.url}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-greeting').waitFor();
  return page;
}

/** Nothing ran and nothing was parsed into elements: no flag, no `<img src=x>`, no script carrying the payload. */
async function expectNothingInjected(page: Page, where: string) {
  const found = await page.evaluate(() => ({
    flag: (window as unknown as { __xss?: number }).__xss ?? null,
    images: document.querySelectorAll('img[src="x"]').length,
    scripts: Array.from(document.scripts).filter((s) => s.textContent?.includes('__xss')).length,
  }));
  expect(found, where).toEqual({ flag: null, images: 0, scripts: 0 });
}

/** Moves the mouse over a chart point by point until its ECharts tooltip shows `needle`; the tooltip's text. */
async function hoverUntilTooltip(page: Page, chart: Locator, needle: string, columns: number, rows: number): Promise<string> {
  const box = (await chart.boundingBox())!;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      await page.mouse.move(box.x + ((c + 0.5) * box.width) / columns, box.y + ((r + 0.5) * box.height) / rows);
      const text = await chart.evaluate((el) =>
        Array.from(el.querySelectorAll('div'))
          .filter((d) => d.style.zIndex === '9999999' && d.style.display !== 'none')
          .map((d) => d.innerText)
          .join('\n'),
      );
      if (text.includes(needle)) return text;
    }
  }
  throw new Error(`no tooltip showing ${needle}`);
}

describe('names with markup show as text', () => {
  it('on the project list and detail, the reports, the Gantt, the cockpit and summary charts, the system pages and the inbox, and never run', async () => {
    const [drc, admin] = [await apiAs('drc'), await apiAs('admin')];
    // The township with the most investment gets markup in its name, on the map too.
    const cockpit = await drc<{ byTownship: Array<{ townshipId: string | null; name: string }>; map: { nameProperty: string; geojson: { features: Array<{ properties: Record<string, unknown> }> } } }>('GET', '/api/cockpit');
    const top = cockpit.byTownship.find((t) => t.townshipId)!;
    const township = `${top.name}${TOWNSHIP_MARK}`;
    const units = await admin<{ data: Array<{ id: string; version: number }> }>('GET', '/api/units?kind=township&pageSize=500');
    await admin('PATCH', `/api/units/${top.townshipId}`, { version: units.data.find((u) => u.id === top.townshipId)!.version, name: township });
    const { nameProperty, geojson } = cockpit.map;
    for (const f of geojson.features) if (f.properties[nameProperty] === top.name) f.properties[nameProperty] = township;
    await drc('PUT', '/api/map', { geojson, nameProperty });
    const owner = await admin<{ id: string }>('POST', '/api/units', { name: OWNER, kind: 'owner' });
    await admin('POST', '/api/users', { username: 'xss_owner', displayName: USER, role: 'owner', unitId: owner.id, password: 'Xss@2026pw!' });
    const project = await drc<{ id: string }>('POST', '/api/projects', { name: PROJECT, ownerUnitId: owner.id, townshipId: top.townshipId, sector: 'industry', totalInvestment: '8000' });
    await drc('POST', `/api/projects/${project.id}/transitions`, { to: 'preliminary' });
    const { current: period } = await drc<{ current: string }>('GET', '/api/periods');
    const report = await drc<{ id: string }>('PUT', `/api/monthly-reports/${project.id}/${period}`, { version: 0, preliminaryProgress: `可研编制中${img(10)}`, problems: PROBLEMS });
    await drc('POST', `/api/monthly-reports/${report.id}/submit`);
    await drc('POST', `/api/projects/${project.id}/milestones`, { name: MILESTONE, plannedDate: `${period.slice(0, 4)}-06-30`, ownerName: '李四' });

    const page = await logIn('drc');
    // Project list: found by two characters, name and owner shown literally.
    await page.getByTestId('nav-projects').click();
    await page.getByTestId('project-search').fill('雨污管网');
    await page.getByTestId('project-search').press('Enter');
    await page.getByText(PROJECT, { exact: true }).waitFor();
    await page.getByText(OWNER, { exact: true }).first().waitFor();
    await expectNothingInjected(page, 'project list');

    // Project detail.
    await page.getByText(PROJECT, { exact: true }).click();
    await expect.poll(() => page.getByTestId('project-title').textContent()).toContain(PROJECT);
    await expectNothingInjected(page, 'project detail');

    // The monthly reports grid and the report drawer.
    await page.goto(`${demo.url}/monthly/reports`);
    await page.getByTestId('report-filter-q').locator('input').or(page.locator('input[data-testid="report-filter-q"]')).first().fill('雨污管网');
    await page.keyboard.press('Enter');
    await page.getByTestId(`report-open-${project.id}`).click();
    await page.getByTestId('report-drawer').getByText(PROBLEMS, { exact: true }).waitFor();
    await expectNothingInjected(page, 'monthly reports');

    // The Gantt and its milestone drawer.
    await page.goto(`${demo.url}/milestones`);
    await page.getByTestId(`gantt-open-${project.id}`).click();
    await page.getByText(MILESTONE, { exact: true }).first().waitFor();
    await expectNothingInjected(page, 'milestones');

    // Cockpit: the township ranking and the map draw their tooltips as HTML.
    await page.goto(`${demo.url}/cockpit`);
    const ranking = page.getByTestId('cockpit-township-chart');
    await ranking.locator('canvas').first().waitFor();
    expect(await hoverUntilTooltip(page, ranking, TOWNSHIP_MARK, 6, 30)).toContain(township);
    await expectNothingInjected(page, 'cockpit ranking tooltip');
    const map = page.getByTestId('cockpit-map');
    await map.locator('canvas').first().waitFor();
    expect(await hoverUntilTooltip(page, map, TOWNSHIP_MARK, 16, 12)).toContain(township);
    await expectNothingInjected(page, 'cockpit map tooltip');

    // The 发改局 summary, charted by township: the open period's (a closed period's summary is
    // frozen with the names it was published under).
    await page.goto(`${demo.url}/monthly/summary?period=${period}`);
    await page.getByTestId('summary-content').waitFor();
    await page.getByTestId('summary-chart-by').getByText('按乡镇').click();
    const breakdown = page.getByTestId('summary-breakdown').locator('.echarts-for-react');
    await breakdown.locator('canvas').first().waitFor();
    expect(await hoverUntilTooltip(page, breakdown, TOWNSHIP_MARK, 30, 3)).toContain(township);
    await expectNothingInjected(page, 'summary chart tooltip');

    // The administrator's units, users and audit pages.
    const system = await logIn('admin');
    await system.goto(`${demo.url}/system/units`);
    await system.getByText(OWNER, { exact: true }).first().waitFor();
    await system.goto(`${demo.url}/system/users`);
    await system.getByText(USER, { exact: true }).first().waitFor();
    await system.goto(`${demo.url}/system/audit`);
    await system.getByText(`新建单位：${OWNER}`).first().waitFor();
    await expectNothingInjected(system, 'system pages');

    // The inbox: the overdue-milestone reminder carries the milestone's name.
    await runReminders(demo.database, { now: new Date() });
    const [recipient] = await demo.database.query<{ username: string }>(
      `select u.username from notifications n join users u on u.id = n.user_id where n.title like '%' || $1 || '%' order by u.username limit 1`,
      [MILESTONE],
    );
    expect(recipient, 'someone is reminded of the overdue milestone').toBeDefined();
    const inbox = await logIn(recipient.username);
    await inbox.goto(`${demo.url}/inbox`);
    await inbox.getByText(MILESTONE, { exact: false }).first().waitFor();
    await expectNothingInjected(inbox, 'inbox');
  }, 120_000);
});
