/** The benchmark scenarios; each returns rows for the results table. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generatedProject } from '../server/modules/projects/ledger-fixtures';
import { writeLedger } from '../server/modules/projects/ledger-writer';
import { openDatabase } from '../server/platform/db/client';
import { summarySql } from './hand-sql';
import { peakRssMb, round, rssMb, Session, startServer, stats, throughput, type Stats } from './lib';

export interface Result {
  scenario: string;
  database: 'embedded' | 'postgres';
  dataset: string;
  metric: string;
  value: number;
  unit: string;
  target?: string;
  ok?: boolean;
  stats?: Stats;
}

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
/** Seconds of each throughput run (20 and 100 clients). */
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);

/** What a clerk sees on opening 项目库: the first page, latest changes first. */
const FIRST_PAGE = '/api/projects?page=1&pageSize=20';

/** The project-list queries a clerk runs all day: default page, text search, filters, sorts, deep pages. */
async function listPaths(session: Session): Promise<string[]> {
  const libraries = (await (await session.get('/api/libraries')).json()) as { data: Array<{ id: string }> };
  const libraryId = libraries.data[0]?.id;
  return [
    '/api/projects?page=1&pageSize=20',
    `/api/projects?q=${encodeURIComponent('农田')}&pageSize=20`,
    `/api/projects?q=${encodeURIComponent('光伏')}&stage=construction&pageSize=20`,
    '/api/projects?stage=construction&sort=totalInvestment&order=descend&pageSize=20',
    '/api/projects?band=gte1yi&sector=industry&sort=plannedStart&order=ascend&pageSize=20',
    '/api/projects?sector=agriculture&page=5&pageSize=20',
    ...(libraryId ? [`/api/projects?libraryId=${libraryId}&sort=name&order=ascend&pageSize=50`] : []),
  ];
}

function check(value: number, limit: number) {
  return value < limit;
}

/** County set on the embedded database: list latency, start time, idle RSS, 10,000-row import. */
export async function countyEmbedded(): Promise<Result[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-bench-'));
  const results: Result[] = [];
  try {
    const first = await startServer({ DATA_DIR: dataDir, PORT: '0' });
    results.push({ scenario: 'first start (demo county load)', database: 'embedded', dataset: 'county', metric: 'time', value: first.startMs, unit: 'ms' });
    await first.stop();
    const server = await startServer({ DATA_DIR: dataDir, PORT: '0' });
    results.push({ scenario: 'server start on existing data', database: 'embedded', dataset: 'county', metric: 'time', value: server.startMs, unit: 'ms', target: '< 3000 ms', ok: check(server.startMs, 3000) });
    results.push({ scenario: 'server RSS at idle', database: 'embedded', dataset: 'county', metric: 'rss', value: rssMb(server.child.pid!), unit: 'MB' });
    const drc = await new Session(server.url).login('drc');
    const total = ((await (await drc.get('/api/projects?pageSize=1')).json()) as { total: number }).total;
    const list = await drc.timeGets(await listPaths(drc), REQUESTS);
    results.push({ scenario: `project list, filtered + sorted (${total} projects)`, database: 'embedded', dataset: 'county', metric: 'p95', value: list.p95, unit: 'ms', target: '< 100 ms', ok: check(list.p95, 100), stats: list });
    const summaryRuns = await summaryScenarios(drc, 'embedded', 'county', 150);
    results.push(...summaryRuns.results);
    // Load last among the reads: a loaded server is still draining requests when the load stops.
    results.push(...(await loadRows(drc, [FIRST_PAGE], 'project list, first page', 'embedded', 'county', server.child.pid!)));
    results.push(...(await loadRows(drc, await listPaths(drc), 'project list, searches and filters in turn', 'embedded', 'county', server.child.pid!)));

    const ledger = await writeLedger(
      Array.from({ length: 10_000 }, (_, i) => ({ ...generatedProject(i), name: `基准导入项目第${i + 1}号`, fundCentral: null })),
      { title: '基准台账' },
    );
    const form = () => {
      const f = new FormData();
      f.append('file', new File([new Uint8Array(ledger)], 'bench.xlsx'));
      return f;
    };
    let t = performance.now();
    const preview = await drc.post('/api/projects/import', form());
    const previewMs = performance.now() - t;
    const summary = ((await preview.json()) as { summary?: unknown; canCommit?: boolean });
    if (!summary.canCommit) throw new Error(`import preview refused: ${JSON.stringify(summary).slice(0, 500)}`);
    t = performance.now();
    const commit = await drc.post('/api/projects/import?commit=true', form());
    const commitMs = performance.now() - t;
    if (commit.status !== 200) throw new Error(`import commit: ${commit.status} ${await commit.text()}`);
    const importMs = previewMs + commitMs;
    const peak = peakRssMb(server.child.pid!);
    results.push({ scenario: 'import 10,000-row ledger: preview', database: 'embedded', dataset: 'county', metric: 'time', value: round(previewMs), unit: 'ms' });
    results.push({ scenario: 'import 10,000-row ledger: commit', database: 'embedded', dataset: 'county', metric: 'time', value: round(commitMs), unit: 'ms' });
    results.push({ scenario: 'import 10,000-row ledger: preview + commit', database: 'embedded', dataset: 'county', metric: 'time', value: round(importMs), unit: 'ms', target: '< 15000 ms', ok: check(importMs, 15_000) });
    results.push({ scenario: 'import rows per second', database: 'embedded', dataset: 'county', metric: 'throughput', value: Math.round(10_000 / (importMs / 1000)), unit: 'rows/s' });
    results.push({ scenario: 'server peak RSS (through the import)', database: 'embedded', dataset: 'county', metric: 'peak rss', value: peak, unit: 'MB', target: '< 1024 MB', ok: check(peak, 1024) });
    t = performance.now();
    const again = await drc.post('/api/projects/import?commit=true', form());
    if (again.status !== 200) throw new Error(`re-import: ${again.status}`);
    results.push({ scenario: 're-import of the same 10,000 rows (updates)', database: 'embedded', dataset: 'county', metric: 'time', value: round(performance.now() - t), unit: 'ms' });
    await server.stop();
    // The hand-written query on the same data, now that the server has let go of it.
    const database = await openDatabase({ dataDir: path.join(dataDir, 'db') });
    const hand = await timeSql((text) => database.query(text), summarySql('990121', summaryRuns.period));
    await database.close();
    results.push(ratioRow('embedded', 'county', summaryRuns.summary, hand));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}

/** The latest closed period's summary, the cockpit and the Word report, timed over HTTP. */
async function summaryScenarios(session: Session, database: Result['database'], dataset: string, targetMs: number) {
  const periods = (await (await session.get('/api/periods')).json()) as { data: Array<{ period: string; status: string }> };
  const period = [...periods.data].reverse().find((p) => p.status === 'closed')?.period ?? periods.data[0].period;
  const year = period.slice(0, 4);
  // The period is closed: the first request computes and keeps the summary, the rest read it.
  const cold = await timeOnce(session, `/api/summaries/${period}`);
  const summary = await session.timeGets([`/api/summaries/${period}`], REQUESTS);
  const cockpit = await session.timeGets([`/api/cockpit?year=${year}`], Math.max(20, REQUESTS / 4));
  const docx = await session.timeGets([`/api/summaries/${period}/report.docx`], 10);
  const results: Result[] = [
    { scenario: `monthly summary ${period}, first computation (then kept: the period is closed)`, database, dataset, metric: 'time', value: cold, unit: 'ms' },
    { scenario: `monthly summary ${period}`, database, dataset, metric: 'p95', value: summary.p95, unit: 'ms', target: `< ${targetMs} ms`, ok: check(summary.p95, targetMs), stats: summary },
    { scenario: `cockpit ${year}`, database, dataset, metric: 'p95', value: cockpit.p95, unit: 'ms', target: `< ${targetMs} ms`, ok: check(cockpit.p95, targetMs), stats: cockpit },
    { scenario: 'monthly analysis report (.docx)', database, dataset, metric: 'max', value: docx.max, unit: 'ms', target: '< 3000 ms', ok: check(docx.max, 3000), stats: docx },
  ];
  return { period, summary, results };
}

/**
 * Throughput of `paths` with 20 and then 100 concurrent clients, and the server's RSS under
 * that load. `minRps` (for 20 clients) is the target where it names one.
 */
async function loadRows(session: Session, paths: string[], label: string, database: Result['database'], dataset: string, pid: number, minRps?: number): Promise<Result[]> {
  const rows: Result[] = [];
  for (const connections of [20, 100]) {
    const run = await throughput(session, paths, connections, LOAD_SECONDS, pid);
    if (run.failures) throw new Error(`${label} under ${connections} clients: ${run.failures} failed requests (${run.failureDetail})`);
    const target = connections === 20 && minRps ? minRps : undefined;
    rows.push({
      scenario: `${label}: throughput with ${connections} clients for ${LOAD_SECONDS} s (latency p50 ${run.latency.p50} / p97.5 ${run.latency.p97_5} / max ${run.latency.max} ms)`,
      database,
      dataset,
      metric: 'throughput',
      value: run.requestsPerSecond,
      unit: 'req/s',
      ...(target ? { target: `≥ ${target} req/s`, ok: run.requestsPerSecond >= target } : {}),
    });
    rows.push({ scenario: `server peak RSS under ${connections} clients (${label})`, database, dataset, metric: 'rss', value: run.peakRssMb, unit: 'MB' });
  }
  return rows;
}

/** Times one GET, the first of its kind. */
async function timeOnce(session: Session, path: string): Promise<number> {
  const t = performance.now();
  const res = await session.get(path);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  return round(performance.now() - t);
}

/** Times a raw SQL text over repeated runs (after a warm-up). */
async function timeSql(query: (text: string) => Promise<unknown>, text: string, runs = 50): Promise<Stats> {
  await query(text);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await query(text);
    samples.push(performance.now() - t);
  }
  return stats(samples);
}

function ratioRow(database: Result['database'], dataset: string, endpoint: Stats, hand: Stats): Result {
  const ratio = round(endpoint.p95 / hand.p95);
  return { scenario: `summary endpoint ÷ best hand-written SQL (p95 ${endpoint.p95} ms ÷ ${hand.p95} ms)`, database, dataset, metric: 'ratio', value: ratio, unit: '×', target: '≤ 1.5×', ok: ratio <= 1.5, stats: hand };
}

/** Province set (100 counties) on PostgreSQL: one county's clerk and the province roll-up. DATABASE_URL names an empty database. */
export async function provincePostgres(databaseUrl: string, dataset = 'province'): Promise<Result[]> {
  const results: Result[] = [];
  const t = performance.now();
  const { run } = await import('./lib');
  await run(process.execPath, ['--import', 'tsx', 'server/cli/demo-generate.ts', '--seed', '1', '--counties', '100', '--database-url', databaseUrl]);
  results.push({ scenario: 'load province demo set (100 counties)', database: 'postgres', dataset, metric: 'time', value: Math.round(performance.now() - t), unit: 'ms' });
  const server = await startServer({ DATABASE_URL: databaseUrl, PORT: '0', DEMO: 'false' });
  results.push({ scenario: 'server start on existing data', database: 'postgres', dataset, metric: 'time', value: server.startMs, unit: 'ms', target: '< 3000 ms', ok: check(server.startMs, 3000) });
  try {
    const county = await new Session(server.url).login('drc');
    const countyTotal = ((await (await county.get('/api/projects?pageSize=1')).json()) as { total: number }).total;
    const countyList = await county.timeGets(await listPaths(county), REQUESTS);
    results.push({ scenario: `project list, one county inside the province (${countyTotal} projects)`, database: 'postgres', dataset, metric: 'p95', value: countyList.p95, unit: 'ms', target: '< 150 ms', ok: check(countyList.p95, 150), stats: countyList });
    const province = await new Session(server.url).login('province_admin');
    const provinceTotal = ((await (await province.get('/api/projects?pageSize=1')).json()) as { total: number }).total;
    const provinceList = await province.timeGets(await listPaths(province), REQUESTS);
    results.push({ scenario: `project list, whole province (${provinceTotal} projects)`, database: 'postgres', dataset, metric: 'p95', value: provinceList.p95, unit: 'ms', target: '< 150 ms', ok: check(provinceList.p95, 150), stats: provinceList });
    const countySummary = await summaryScenarios(county, 'postgres', `${dataset} (one county)`, 300);
    results.push(...countySummary.results);
    const provinceDrc = await new Session(server.url).login('province_drc');
    const rollupCold = await timeOnce(provinceDrc, `/api/summaries/${countySummary.period}?divisionCode=990000`);
    results.push({ scenario: `province roll-up ${countySummary.period}, first computation (then kept)`, database: 'postgres', dataset, metric: 'time', value: rollupCold, unit: 'ms' });
    const rollup = await provinceDrc.timeGets([`/api/summaries/${countySummary.period}?divisionCode=990000`], Math.max(20, REQUESTS / 4));
    results.push({ scenario: `province roll-up summary ${countySummary.period} (100 counties)`, database: 'postgres', dataset, metric: 'p95', value: rollup.p95, unit: 'ms', target: '< 1500 ms', ok: check(rollup.p95, 1500), stats: rollup });
    const direct = await openDatabase({ url: databaseUrl, poolSize: 1 });
    results.push(ratioRow('postgres', `${dataset} (one county)`, countySummary.summary, await timeSql((text) => direct.query(text), summarySql('990121', countySummary.period))));
    results.push(ratioRow('postgres', `${dataset} roll-up`, rollup, await timeSql((text) => direct.query(text), summarySql('99%', countySummary.period), 20)));
    await direct.close();
    // Load last: a loaded server is still draining requests when the load stops.
    results.push(...(await loadRows(county, [FIRST_PAGE], 'project list (first page), one county', 'postgres', dataset, server.child.pid!, 500)));
    results.push(...(await loadRows(county, await listPaths(county), 'project list, searches and filters in turn, one county', 'postgres', dataset, server.child.pid!)));
    results.push(...(await loadRows(province, [FIRST_PAGE], 'project list (first page), whole province', 'postgres', dataset, server.child.pid!)));
    results.push({ scenario: 'server RSS after the load runs', database: 'postgres', dataset, metric: 'rss', value: rssMb(server.child.pid!), unit: 'MB' });
  } finally {
    await server.stop();
  }
  return results;
}
