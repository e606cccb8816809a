/**
 * The monthly batch-entry workbook at the 10,000-row target (issue 10, item 8): the demo county
 * with 10,000 more projects in 前期, so its 发改局 has over 10,000 projects to report. Times the
 * template download and the filled file's import (preview, commit), samples the server's memory
 * during each, and measures the 10,000-row ledger import of the same projects on the same
 * server as the reference (its time and memory are the targets issues 3 and 5 set).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { generatedProject } from '../server/modules/projects/ledger-fixtures';
import { writeLedger } from '../server/modules/projects/ledger-writer';
import { peakRssMb, round, rssMb, Session, startServer } from './lib';
import type { Result } from './scenarios';

const ROWS = 10_000;

/** Runs `step` while sampling the server's RSS every 50 ms: its duration and how far RSS rose above where it started. */
async function measured<T>(pid: number, step: () => Promise<T>): Promise<{ value: T; ms: number; riseMb: number }> {
  const start = rssMb(pid);
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
  const t = performance.now();
  try {
    const value = await step();
    return { value, ms: round(performance.now() - t), riseMb: Math.max(peak, rssMb(pid)) - start };
  } finally {
    clearInterval(sampler);
  }
}

function upload(session: Session, url: string, bytes: Uint8Array<ArrayBuffer>, name: string): Promise<Response> {
  const form = new FormData();
  form.append('file', new File([bytes], name));
  return session.post(url, form);
}

async function ok(res: Response, what: string): Promise<Response> {
  if (res.status !== 200) throw new Error(`${what}: ${res.status} ${(await res.text()).slice(0, 500)}`);
  return res;
}

/** Fills 本月完成投资 and 形象进度 on every project row of a downloaded template (in the bench's process, not measured). */
async function fillTemplate(bytes: ArrayBuffer): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  const sheet = workbook.worksheets[0];
  sheet.eachRow((row, r) => {
    if (r <= 3) return;
    row.getCell(7).value = 10 + (r % 90);
    row.getCell(8).value = 30;
    row.getCell(9).value = '主体施工';
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The batch-entry workbook scenario on the embedded database (its own server and data). */
export async function reportWorkbook(): Promise<Result[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-bench-workbook-'));
  const results: Result[] = [];
  const row = (scenario: string, metric: string, value: number, unit: string, target?: { text: string; ok: boolean }): Result => ({
    scenario,
    database: 'embedded',
    dataset: 'county + 10,000 projects',
    metric,
    value,
    unit,
    ...(target ? { target: target.text, ok: target.ok } : {}),
  });
  const server = await startServer({ DATA_DIR: dataDir, PORT: '0' });
  try {
    const pid = server.child.pid!;
    const drc = await new Session(server.url).login('drc');
    const { current: period } = (await (await drc.get('/api/periods')).json()) as { current: string };

    // The reference: the same 10,000 projects arrive by the ledger import.
    const ledger = await writeLedger(
      Array.from({ length: ROWS }, (_, i) => ({ ...generatedProject(i), name: `基准月报项目第${i + 1}号`, fundCentral: null, stage: '前期' })),
      { title: '基准台账' },
    );
    const ledgerPreview = await measured(pid, async () => ok(await upload(drc, '/api/projects/import', new Uint8Array(ledger), 'ledger.xlsx'), 'ledger preview'));
    const ledgerCommit = await measured(pid, async () => ok(await upload(drc, '/api/projects/import?commit=true', new Uint8Array(ledger), 'ledger.xlsx'), 'ledger commit'));
    const ledgerMs = ledgerPreview.ms + ledgerCommit.ms;
    const peakBefore = peakRssMb(pid);

    const template = await measured(pid, async () => (await ok(await drc.get(`/api/monthly-reports/template.xlsx?period=${period}`), 'template')).arrayBuffer());
    const filled = await fillTemplate(template.value);
    const preview = await measured(pid, async () => {
      const res = await ok(await upload(drc, `/api/monthly-reports/import?period=${period}`, filled, 'reports.xlsx'), 'report import preview');
      return (await res.json()) as { records: unknown[]; problems: unknown[]; canCommit: boolean };
    });
    if (!preview.value.canCommit) throw new Error(`report import preview refused: ${JSON.stringify(preview.value.problems).slice(0, 500)}`);
    const rows = preview.value.records.length;
    if (rows < ROWS) throw new Error(`the template held ${rows} projects, fewer than the ${ROWS} in scope`);
    const commit = await measured(pid, async () => (await (await ok(await upload(drc, `/api/monthly-reports/import?period=${period}&commit=true`, filled, 'reports.xlsx'), 'report import commit')).json()) as { saved: number });
    if (commit.value.saved !== rows) throw new Error(`report import saved ${commit.value.saved} of ${rows}`);
    const peak = peakRssMb(pid);
    const totalMs = template.ms + preview.ms + commit.ms;
    const label = `batch-entry workbook, ${rows.toLocaleString('en-US')} rows (${period})`;
    const ratio = round(totalMs / ledgerMs);
    results.push(
      row(`${label}: template download (${Math.round(template.value.byteLength / 1024)} kB)`, 'time', template.ms, 'ms'),
      row(`${label}: import preview`, 'time', preview.ms, 'ms'),
      row(`${label}: import commit (drafts, history, audit)`, 'time', commit.ms, 'ms'),
      row(`${label}: template + preview + commit`, 'time', round(totalMs), 'ms', { text: '< 15000 ms', ok: totalMs < 15_000 }),
      row(`${label} ÷ the 10,000-row ledger import on the same server (${round(totalMs)} ms ÷ ${round(ledgerMs)} ms)`, 'ratio', ratio, '×'),
      row(`${label}: RSS rise during template / preview / commit`, 'rss', Math.max(template.riseMb, preview.riseMb, commit.riseMb), 'MB'),
      row(`reference: RSS rise during the 10,000-row ledger import, preview / commit (${ledgerPreview.riseMb} / ${ledgerCommit.riseMb} MB)`, 'rss', Math.max(ledgerPreview.riseMb, ledgerCommit.riseMb), 'MB'),
      row(`server peak RSS through the workbook (${peakBefore} MB after the ledger import)`, 'peak rss', peak, 'MB', { text: '< 1024 MB', ok: peak < 1024 }),
    );
    console.log(
      `workbook: template ${template.ms} ms (+${template.riseMb} MB), preview ${preview.ms} ms (+${preview.riseMb} MB), commit ${commit.ms} ms (+${commit.riseMb} MB); ledger ${ledgerMs} ms (+${ledgerPreview.riseMb}/${ledgerCommit.riseMb} MB); peak ${peak} MB`,
    );
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}
