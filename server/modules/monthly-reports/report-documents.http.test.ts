import JSZip from 'jszip';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/client';
import { buildDivision, buildUnit, buildUser } from '../../../tests/support/factories';
import { createTestApp, TestClient } from '../../../tests/support/test-app';
import { createTestDatabase } from '../../../tests/support/test-db';
import { projects } from '../projects/projects.tables';
import { monthlyReports } from './monthly-reports.tables';

let database: Database;
let drc: TestClient;
const COUNTY = '620923';

/** What each project completed in each period (万元): 2023 for the same quarter last year, 2024 the year reported on. */
const AMOUNTS: Record<string, Record<string, number>> = {
  dam: { '2023-07': 300, '2023-08': 320, '2023-09': 280, '2024-01': 200, '2024-03': 150, '2024-04': 400, '2024-05': 420, '2024-06': 380, '2024-07': 510, '2024-08': 530, '2024-09': 490 },
  park: { '2023-07': 100, '2023-08': 90, '2023-09': 110, '2024-01': 80, '2024-03': 60, '2024-04': 120, '2024-05': 100, '2024-06': 90, '2024-07': 140, '2024-08': 160, '2024-09': 150.5 },
};
const sum = (periods: string[]) => Object.values(AMOUNTS).reduce((a, byPeriod) => a + periods.reduce((b, p) => b + (byPeriod[p] ?? 0), 0), 0);

async function docxText(res: Response): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(await res.arrayBuffer())).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
}
const filenameOf = (res: Response) => decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? '');

beforeAll(async () => {
  database = await createTestDatabase();
  const app = createTestApp(database);
  await buildDivision(database, { code: COUNTY, name: '河东县' });
  const drcUnit = await buildUnit(database, { divisionCode: COUNTY, name: '河东县发展和改革局', kind: 'drc' });
  const water = await buildUnit(database, { divisionCode: COUNTY, name: '河东县水务局', kind: 'department' });
  const owner = await buildUnit(database, { divisionCode: COUNTY, name: '河东县城市建设投资有限公司', kind: 'owner' });
  drc = await new TestClient(app).login((await buildUser(database, { role: 'drc', unitId: drcUnit.id, divisionCode: COUNTY })).username);
  const clerk = await new TestClient(app).login((await buildUser(database, { role: 'department', unitId: water.id, divisionCode: COUNTY })).username);
  const ids: Record<string, string> = {};
  for (const [key, name, sector] of [
    ['dam', '东河水库除险加固工程', 'infrastructure'],
    ['park', '东河湿地公园', 'services'],
  ] as const) {
    const res = await clerk.post('/api/projects', { name, ownerUnitId: owner.id, sector, totalInvestment: '20000' });
    expect(res.status).toBe(201);
    ids[key] = (await res.json()).id;
    await database.db.update(projects).set({ stage: 'construction', actualStart: '2023-03-01' }).where(eq(projects.id, ids[key]));
  }
  for (const [key, byPeriod] of Object.entries(AMOUNTS)) {
    for (const [period, amount] of Object.entries(byPeriod)) {
      await database.db.insert(monthlyReports).values({ divisionCode: COUNTY, projectId: ids[key], period, revision: 1, status: 'approved', stage: 'construction', investedThisPeriod: String(amount), progressText: '主体施工', progressPct: 50 });
    }
  }
});
afterAll(() => database.close());

describe('analysis reports through the API', () => {
  it("writes the quarterly report from the quarter's own months, labelled preliminary while the period is open", async () => {
    const res = await drc.get('/api/summaries/2024-09/quarterly.docx');
    expect(res.status).toBe(200);
    expect(filenameOf(res)).toBe('河东县2024年第三季度项目建设分析报告（初步）.docx');
    const text = (await docxText(res)).join('\n');
    const q3 = sum(['2024-07', '2024-08', '2024-09']);
    const q2 = sum(['2024-04', '2024-05', '2024-06']);
    const lastYear = sum(['2023-07', '2023-08', '2023-09']);
    // 1,980.5万元 against 1,510万元 (+31.2%) and 1,200万元 last year (+65.0%).
    expect(q3).toBe(1980.5);
    expect(text).toContain(`完成投资1,980.5万元，较第二季度（1,510万元）增长${(((q3 - q2) / q2) * 100).toFixed(1)}%，较上年同期（1,200万元）增长${(((q3 - lastYear) / lastYear) * 100).toFixed(1)}%`);
    expect(text).toContain('7月完成650万元、8月完成690万元、9月完成640.5万元');
    expect(text).toContain('河东县2024年第三季度项目建设分析报告（初步）');
    expect(text).toContain('本报告数据为初步数据，报送期尚未关闭');
    expect(text).toContain('县委、县政府：');

    const month = await docxText(await drc.get('/api/summaries/2024-09/report.docx'));
    expect(month.join('\n')).not.toContain('较第二季度');
  });

  it('drops the preliminary label once the period is closed, and addresses the report as asked', async () => {
    expect((await drc.post('/api/periods/2024-09/close')).status).toBe(200);
    const res = await drc.get(`/api/summaries/2024-09/report.docx?addressee=${encodeURIComponent('市发展和改革委员会')}`);
    expect(res.status).toBe(200);
    expect(filenameOf(res)).toBe('河东县2024年1—9月项目建设运行分析报告.docx');
    const text = await docxText(res);
    expect(text.join('\n')).not.toContain('初步');
    expect(text).toContain('市发展和改革委员会：');
    expect(filenameOf(await drc.get('/api/summaries/2024-09/quarterly.docx'))).toBe('河东县2024年第三季度项目建设分析报告.docx');
  });

  it('refuses a quarterly report for a month that does not end a quarter, naming the field', async () => {
    const res = await drc.get('/api/summaries/2024-08/quarterly.docx');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ field: 'period' });
  });
});
