/**
 * `npm run bench`: builds its own data sets and measures the targets the issues name.
 * County set on the embedded database in this process's children; the province set on a
 * PostgreSQL 15 server that `scripts/with-postgres.sh` starts and stops around
 * `bench/province.ts` — once with plain tables, once hash-partitioned by division_code; the
 * monthly batch-entry workbook at 10,000 rows (`bench/report-workbook.ts`). Writes
 * bench/results/latest.md and latest.json; a run of named parts (`npm run bench -- county
 * report-workbook`) writes bench/results/partial-<parts>.md and .json instead.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './lib';
import { reportWorkbook } from './report-workbook';
import { countyEmbedded, type Result } from './scenarios';
import { webFirstLoad } from './web';

const only = process.argv.slice(2);
/** Hash partitions per business table in the partitioned province run. */
const PARTITIONS = 16;
const results: Result[] = [];
const resultsDir = path.resolve('bench/results');
fs.mkdirSync(resultsDir, { recursive: true });

if (!only.length || only.includes('county')) results.push(...(await countyEmbedded()));
if (!only.length || only.includes('web')) results.push(...(await webFirstLoad()));
/** The province set on its own throw-away PostgreSQL server, plain or hash-partitioned. */
async function province(partitions?: number): Promise<Result[]> {
  const fragment = path.join(os.tmpdir(), `gw-bench-province-${process.pid}.json`);
  const env = partitions ? { DATABASE_PARTITIONS: String(partitions) } : {};
  await run('bash', ['scripts/with-postgres.sh', process.execPath, '--import', 'tsx', 'bench/province.ts', fragment], env);
  const rows = JSON.parse(fs.readFileSync(fragment, 'utf8')) as Result[];
  fs.rmSync(fragment, { force: true });
  // The targets are the plain layout's; the partitioned run measures what the layout costs.
  return partitions ? rows.map(({ target: _target, ok: _ok, ...row }) => row) : rows;
}

if (!only.length || only.includes('province')) results.push(...(await province()));
if (!only.length || only.includes('province-partitioned')) results.push(...(await province(PARTITIONS)));
if (!only.length || only.includes('report-workbook')) results.push(...(await reportWorkbook()));

const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim();
  } catch {
    return 'unknown';
  }
})();
const meta = { at: new Date().toISOString(), commit, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 1e9), node: process.version };
// A run of some scenarios keeps its own file: latest.* stay the last full run.
const outName = only.length ? `partial-${only.join('+')}` : 'latest';
fs.writeFileSync(path.join(resultsDir, `${outName}.json`), `${JSON.stringify({ meta, results }, null, 2)}\n`);

const lines = [
  '# Benchmark results',
  '',
  `Run ${meta.at} at commit \`${commit}\` on ${meta.cpus} × ${meta.cpuModel}, ${meta.memoryGb} GB, Node ${meta.node}. Reproduce with \`npm run bench\`.`,
  '',
  'Throughput runs use autocannon on loopback (keep-alive clients, 10 s each, responses slower than 30 s count as failed). The hash-partitioned province run carries no targets: it measures what that layout costs (docs/SCALING.md).',
  '',
  '| scenario | database | data set | value | target | p50 / p95 / max (ms) | |',
  '|---|---|---|---|---|---|---|',
  ...results.map((r) => {
    const s = r.stats ? `${r.stats.p50} / ${r.stats.p95} / ${r.stats.max} (n=${r.stats.n})` : '';
    const verdict = r.ok === undefined ? '' : r.ok ? '✅' : '❌';
    return `| ${r.scenario} | ${r.database} | ${r.dataset} | ${r.metric} ${r.value} ${r.unit} | ${r.target ?? ''} | ${s} | ${verdict} |`;
  }),
  '',
];
fs.writeFileSync(path.join(resultsDir, `${outName}.md`), lines.join('\n'));
console.log(lines.join('\n'));
