import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { projects } from '../../server/modules/projects/projects.tables';
import { readCentralDirectory } from '../../server/platform/documents/xlsx-guard';
import { readConfig } from '../../server/platform/config';
import type { Database } from '../../server/platform/db/client';
import { tableDigests } from '../support/table-digests';
import { buildDivision, buildUnit, buildUser } from '../support/factories';
import { TestClient, type TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-db';
import { buildZip, deflatedRepeat, sheetXml, workbookParts } from '../support/zip-builder';

const COUNTY = '620921';
const MB = 1024 * 1024;
/** No upload may take longer, however hostile. */
const MAX_SECONDS = 10;
/** How much the server process may grow over all the hostile uploads together. */
const MAX_RSS_GROWTH = 600 * MB;

let database: Database;
let app: TestApp;
let filesDir: string;
let clerk: TestClient;
let ids: { project: string; report: string; period: string };

beforeAll(async () => {
  database = await createTestDatabase();
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-import-fuzz-'));
  app = createApp({ database, config: { ...readConfig({}), filesDir } });
  await buildDivision(database, { code: COUNTY, name: '河西县' });
  const department = await buildUnit(database, { divisionCode: COUNTY, name: '河西县住房和城乡建设局', kind: 'department' });
  const owner = await buildUnit(database, { divisionCode: COUNTY, name: '河西县城市建设投资有限公司', kind: 'owner' });
  clerk = await new TestClient(app).login((await buildUser(database, { role: 'department', unitId: department.id, divisionCode: COUNTY })).username);
  const project = (await (await clerk.post('/api/projects', { name: '城区雨污分流改造工程', ownerUnitId: owner.id, sector: 'infrastructure', totalInvestment: '5000' })).json()) as { id: string };
  await database.db.update(projects).set({ stage: 'construction', actualStart: '2024-03-01' }).where(eq(projects.id, project.id));
  const { current: period } = (await (await clerk.get('/api/periods')).json()) as { current: string };
  const draft = await clerk.request('PUT', `/api/monthly-reports/${project.id}/${period}`, { version: 0, investedThisPeriod: '10', progressText: '管网铺设', progressPct: 40 });
  expect(draft.status).toBe(200);
  ids = { project: project.id, report: ((await draft.json()) as { id: string }).id, period };
});
afterAll(async () => {
  await database.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
});

interface Case {
  name: string;
  filename: string;
  /** A File, a text value, or no `file` field at all. */
  file: Buffer | string | null;
  /** A whole, well-formed archive: an attachment route may rightly store it. */
  isWholeArchive?: boolean;
}

const column = (n: number): string => (n <= 26 ? String.fromCharCode(64 + n) : column(Math.floor((n - 1) / 26)) + column(((n - 1) % 26) + 1));

async function rezip(real: Buffer, change: (zip: JSZip) => void): Promise<Buffer> {
  const zip = await JSZip.loadAsync(real);
  change(zip);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Every hostile file: not an .xlsx at all, a broken one, a bomb, an absurd sheet, nothing, too much. */
async function hostileFiles(real: Buffer): Promise<Case[]> {
  const largest = readCentralDirectory(real).sort((a, b) => b.compressedSize - a.compressedSize)[0];
  const flipped = Buffer.from(real);
  const dataStart = largest.localOffset + 30 + flipped.readUInt16LE(largest.localOffset + 26) + flipped.readUInt16LE(largest.localOffset + 28);
  for (let i = 0; i < 16; i++) flipped[dataStart + Math.floor(largest.compressedSize / 2) + i] ^= 0xff;
  const zeros = Buffer.alloc(MB);
  const emptyCells = Array.from({ length: 10_000 }, (_, r) => `<row r="${r + 1}">${Array.from({ length: 100 }, (_, c) => `<c r="${column(c + 1)}${r + 1}" s="0"/>`).join('')}</row>`).join('');
  return [
    { name: 'an empty file', filename: '台账.xlsx', file: Buffer.alloc(0) },
    { name: 'random bytes named .xlsx', filename: '台账.xlsx', file: randomBytes(64 * 1024) },
    { name: 'random bytes behind a zip signature', filename: '月报.xlsx', file: Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), randomBytes(64 * 1024)]) },
    { name: 'a .docx renamed .xlsx', filename: '说明.xlsx', file: buildZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'word/document.xml', data: '<w:document/>' }]) },
    { name: 'a plain zip renamed .xlsx', filename: '资料.xlsx', file: buildZip([{ name: '说明.txt', data: '项目资料' }]) },
    { name: 'a PNG renamed .xlsx', filename: '照片.xlsx', file: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(4096)]) },
    { name: 'an old .xls / password-protected workbook', filename: '旧表.xlsx', file: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(8192)]) },
    { name: 'a real .xlsx cut in half', filename: '台账（半）.xlsx', file: real.subarray(0, Math.floor(real.length / 2)) },
    { name: 'a real .xlsx without its last bytes', filename: '台账.xlsx', file: real.subarray(0, real.length - 10) },
    { name: 'a real .xlsx with 16 bytes of a part flipped', filename: '台账.xlsx', file: flipped },
    {
      name: 'a real .xlsx with its worksheet XML broken',
      filename: '台账.xlsx',
      file: await rezip(real, (zip) => zip.file('xl/worksheets/sheet1.xml', '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>99999</v></c><c r="B1"')),
      isWholeArchive: true,
    },
    { name: 'a real .xlsx with its workbook XML replaced by garbage', filename: '台账.xlsx', file: await rezip(real, (zip) => zip.file('xl/workbook.xml', '<<<不是XML&&&')), isWholeArchive: true },
    { name: 'a real .xlsx without its workbook part', filename: '台账.xlsx', file: await rezip(real, (zip) => zip.remove('xl/workbook.xml')) },
    { name: 'a zip bomb: a 300 MB worksheet', filename: '炸弹.xlsx', file: buildZip(workbookParts(deflatedRepeat(zeros, 300))) },
    {
      name: 'a zip bomb whose declared size lies',
      filename: '炸弹.xlsx',
      file: buildZip([...workbookParts(sheetXml('')).slice(0, 4), { name: 'xl/worksheets/sheet1.xml', deflated: deflatedRepeat(zeros, 300), declaredSize: 4096 }]),
    },
    { name: 'a zip bomb: 60 MB of zeros, 1000 to 1', filename: '炸弹.xlsx', file: buildZip(workbookParts(deflatedRepeat(zeros, 60))) },
    { name: 'five thousand parts', filename: '部件.xlsx', file: buildZip([...workbookParts(sheetXml('')), ...Array.from({ length: 5000 }, (_, i) => ({ name: `xl/media/image${i}.png`, data: 'x' }))]) },
    {
      name: 'a 150 MB shared-strings part',
      filename: '字符串.xlsx',
      file: buildZip([...workbookParts(sheetXml('')), { name: 'xl/sharedStrings.xml', deflated: deflatedRepeat(Buffer.from('<si><t>炸弹炸弹</t></si>'.repeat(40_000)), 150) }]),
    },
    { name: 'an encrypted part', filename: '加密.xlsx', file: buildZip(workbookParts(sheetXml('')).map((p) => ({ ...p, flags: 0x1 }))) },
    {
      name: 'a sheet reaching row 1,048,576 and column XFD',
      filename: '大表.xlsx',
      file: buildZip(workbookParts(sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>说明</t></is></c></row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>末</t></is></c></row>', 'A1:XFD1048576'))),
      isWholeArchive: true,
    },
    { name: 'a sheet of a million empty cells', filename: '空单元格.xlsx', file: buildZip(workbookParts(sheetXml(emptyCells, 'A1:CV10000'))), isWholeArchive: true },
    { name: 'a sheet of 2.5 million empty cells', filename: '空单元格.xlsx', file: buildZip(workbookParts(deflatedRepeat(Buffer.from(emptyCells.slice(0, emptyCells.length / 100)), 250))), isWholeArchive: true },
    { name: 'a file over every size limit', filename: '超大.xlsx', file: Buffer.concat([real, Buffer.alloc(31 * MB)]) },
    { name: 'a real .xlsx named .xls', filename: '台账.xls', file: real },
    { name: 'random bytes named .png', filename: '现场照片😀.png', file: randomBytes(32 * 1024) },
    { name: 'a zip bomb named .jpg', filename: '现场照片.jpg', file: buildZip(workbookParts(deflatedRepeat(zeros, 300))) },
    { name: 'an empty .jpg', filename: '现场照片.jpg', file: Buffer.alloc(0) },
    { name: 'a text value instead of a file', filename: '台账.xlsx', file: '<script>alert(1)</script>' },
    { name: 'no file field at all', filename: '台账.xlsx', file: null },
  ];
}

interface UploadRoute {
  url: string;
  /** Stores what it is given (an attachment) rather than reading it. */
  isStorage: boolean;
}

/** Every multipart route of the OpenAPI document, with its path filled in and, for imports, both preview and commit. */
function uploadRoutes(spec: { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> }; parameters?: Array<{ name: string; in: string }> }>> }): UploadRoute[] {
  const routes: UploadRoute[] = [];
  for (const [template, methods] of Object.entries(spec.paths)) {
    const op = methods.post;
    if (!op?.requestBody?.content?.['multipart/form-data']) continue;
    const url = template.replace('{id}', template.startsWith('/api/monthly-reports/') ? ids.report : ids.project);
    const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    const base = query.includes('period') ? `${url}?period=${ids.period}` : url;
    routes.push({ url: base, isStorage: !query.includes('commit') });
    if (query.includes('commit')) routes.push({ url: `${base}${base.includes('?') ? '&' : '?'}commit=true`, isStorage: false });
  }
  return routes;
}

describe('hostile uploads to every import and upload route', () => {
  it('answers each with a clear Chinese 4xx on the file field, quickly, without blowing memory, and changes nothing', async () => {
    const spec = await (await app.request('/api/openapi.json')).json();
    const routes = uploadRoutes(spec);
    expect(routes.map((r) => r.url.replace(/\?.*/, '').replace(/[0-9a-f-]{36}/, ':id')).sort()).toEqual(
      expect.arrayContaining(['/api/projects/import', '/api/projects/import', '/api/monthly-reports/import', '/api/monthly-reports/import', '/api/projects/:id/documents', '/api/monthly-reports/:id/photos']),
    );
    const real = Buffer.from(await (await clerk.get('/api/projects/template.xlsx')).arrayBuffer());
    const cases = await hostileFiles(real);
    const before = await tableDigests(database, ['sessions']);
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const failures: string[] = [];
    const slowest: Array<{ label: string; ms: number }> = [];
    for (const route of routes) {
      for (const c of cases) {
        if (route.isStorage && c.isWholeArchive) continue;
        const form = new FormData();
        if (c.file !== null) form.append('file', typeof c.file === 'string' ? c.file : new File([new Uint8Array(c.file)], c.filename));
        const label = `${route.url.replace(/[0-9a-f-]{36}/, ':id')} ← ${c.name}`;
        const started = performance.now();
        const res = await clerk.request('POST', route.url, form);
        const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; field?: string } } | null;
        const ms = performance.now() - started;
        slowest.push({ label, ms });
        rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
        if (res.status < 400 || res.status >= 500) failures.push(`${label} → ${res.status}`);
        else if (!body?.error?.code || !/[\u4e00-\u9fff]/.test(body.error.message ?? '') || body.error.field !== 'file') failures.push(`${label} → ${res.status} ${JSON.stringify(body)}`);
        if (ms > MAX_SECONDS * 1000) failures.push(`${label} took ${Math.round(ms)} ms`);
      }
    }
    expect(failures).toEqual([]);
    expect(rssPeak - rssBefore, `slowest: ${JSON.stringify(slowest.sort((a, b) => b.ms - a.ms).slice(0, 3))}`).toBeLessThan(MAX_RSS_GROWTH);
    expect(await tableDigests(database, ['sessions'])).toEqual(before);
    // Nothing was left in the files directory either.
    expect(fs.readdirSync(filesDir, { recursive: true }).filter((f) => fs.statSync(path.join(filesDir, String(f))).isFile())).toEqual([]);
  }, 240_000);

  it('reads well-formed but absurd workbooks (a value in row 1,048,576 and column XFD) in bounded time, and refuses to commit them', async () => {
    const workbookOf = async (res: Response) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await res.arrayBuffer());
      return workbook;
    };
    const batch = await workbookOf(await clerk.get(`/api/monthly-reports/template.xlsx?period=${ids.period}`));
    batch.worksheets[0].getCell('I1048576').value = '形象进度已完成';
    batch.worksheets[0].getCell('XFD4').value = '末';
    const ledger = await workbookOf(await clerk.get('/api/projects/template.xlsx'));
    ledger.worksheets[0].getCell('XFD1048576').value = '末';
    const files = { '/api/monthly-reports/import': Buffer.from(await batch.xlsx.writeBuffer()), '/api/projects/import': Buffer.from(await ledger.xlsx.writeBuffer()) };
    const before = await tableDigests(database, ['sessions']);
    for (const [url, bytes] of Object.entries(files)) {
      for (const isCommit of [false, true]) {
        const form = new FormData();
        form.append('file', new File([new Uint8Array(bytes)], '大表.xlsx'));
        const query = [url.includes('monthly') ? `period=${ids.period}` : '', isCommit ? 'commit=true' : ''].filter(Boolean).join('&');
        const started = performance.now();
        const res = await clerk.request('POST', `${url}?${query}`, form);
        const body = (await res.json()) as { error?: { code: string; message: string; field?: string }; canCommit?: boolean };
        expect(performance.now() - started, `${url} ${query}`).toBeLessThan(MAX_SECONDS * 1000);
        if (isCommit || res.status !== 200) {
          expect([res.status, body.error?.field, /[\u4e00-\u9fff]/.test(body.error?.message ?? '')], `${url} ${query}`).toEqual([400, 'file', true]);
        } else expect(body.canCommit).toBe(false);
      }
    }
    expect(await tableDigests(database, ['sessions'])).toEqual(before);
  }, 60_000);
});
