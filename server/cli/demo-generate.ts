/**
 * Generates the demo data set and loads it into an empty database.
 *
 *   npm run demo:generate -- [--seed N] [--counties K] [--database-url URL | --data-dir DIR]
 *
 * Without flags it uses DATABASE_URL, or else the embedded database under DATA_DIR (./data).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateDemoData, MAX_COUNTIES } from '../demo/generate';
import { isDemoLoaded, loadDemoData } from '../demo/load';
import { readConfigOrExit } from '../platform/config';
import { openConfiguredDatabase } from '../platform/db/open-configured';

const USAGE = `用法 usage: npm run demo:generate -- [--seed N] [--counties K] [--database-url URL | --data-dir DIR]
  --seed N            随机种子 seed (默认 default 1)
  --counties K        县的个数 number of counties, 1–${MAX_COUNTIES} (默认 default 1)
  --database-url URL  PostgreSQL 服务器 server (默认 default: DATABASE_URL)
  --data-dir DIR      内置数据库目录 embedded database directory (默认 default: DATA_DIR 或 or ./data)`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function integerFlag(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^-?\d+$/.test(value)) fail(`--${name} 应为整数 must be an integer: ${value}\n\n${USAGE}`);
  return Number(value);
}

let args;
try {
  args = parseArgs({
    options: {
      seed: { type: 'string' },
      counties: { type: 'string' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }).values;
} catch (error) {
  fail(`${(error as Error).message}\n\n${USAGE}`);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (args['database-url'] && args['data-dir']) fail(`--database-url 与 --data-dir 只能选一个 (choose one).\n\n${USAGE}`);

const seed = integerFlag(args.seed, 'seed', 1);
const counties = integerFlag(args.counties, 'counties', 1);
if (counties < 1 || counties > MAX_COUNTIES) fail(`--counties 应在 1–${MAX_COUNTIES} 之间 must be 1–${MAX_COUNTIES}: ${counties}`);

const config = readConfigOrExit();
if (args['database-url']) config.databaseUrl = args['database-url'];
if (args['data-dir']) {
  config.databaseUrl = undefined;
  config.dataDir = path.resolve(args['data-dir']);
}

const started = Date.now();
const database = await openConfiguredDatabase(config);
const where = database.kind === 'embedded' ? `内置数据库 embedded (${path.join(config.dataDir, 'db')})` : 'PostgreSQL 服务器 server';
try {
  if (await isDemoLoaded(database)) {
    console.error(
      `数据库已有用户账号，未载入演示数据。请使用空数据库（换一个 --data-dir 或新建数据库）。\n` +
        `The database already has users; demo data was not loaded. Use an empty database.\n  ${where}`,
    );
    process.exitCode = 1;
  } else {
    const generateStarted = Date.now();
    const data = generateDemoData({ seed, counties });
    const generatedMs = Date.now() - generateStarted;
    const loadStarted = Date.now();
    const counts = await loadDemoData(database, data);
    const loadedMs = Date.now() - loadStarted;
    console.log(`已载入演示数据 demo data loaded — ${where}`);
    console.log(`  种子 seed ${seed}，县 counties ${counties}`);
    console.log(`  行政区划 divisions ${counts.divisions}，单位 units ${counts.units}，用户 users ${counts.users}`);
    console.log(`  项目库 libraries ${counts.libraries}，项目 projects ${counts.projects}，前期手续 procedures ${counts.procedures}，入库申请 requests ${counts.libraryRequests}`);
    console.log(`  生成 generate ${generatedMs} ms，写入 load ${loadedMs} ms，合计 total ${Date.now() - started} ms`);
  }
} finally {
  await database.close();
}
