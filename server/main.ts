import { serve } from '@hono/node-server';
import { createApp } from './app';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/accounts';
import { generateDemoData } from './demo/generate';
import { isDemoLoaded, loadDemoData } from './demo/load';
import { createFirstAdmin, hasAnyUser } from './modules/org/bootstrap';
import { moduleJobs } from './modules';
import { readConfigOrExit } from './platform/config';
import { startJobs } from './platform/jobs';
import { openDatabase } from './platform/db/client';
import { openConfiguredDatabase } from './platform/db/open-configured';
import { claimDataDir, DataDirBusyError } from './platform/backup/control-file';
import { startMaintenanceListener } from './platform/backup/maintenance';
import { LooseFileModesError, secureDataDirs, tightenTree } from './platform/security/file-modes';

const started = Date.now();
const config = readConfigOrExit();
// The database, uploads and backups are the platform account's alone: 0700/0600, checked at every start.
try {
  secureDataDirs(config.databaseUrl ? [config.filesDir] : [config.dataDir, config.filesDir]);
} catch (error) {
  if (!(error instanceof LooseFileModesError)) throw error;
  console.error(error.message);
  process.exit(1);
}
// The embedded database is single-process: claim its directory, refusing to share it.
let claim: ReturnType<typeof claimDataDir> | null = null;
try {
  claim = config.databaseUrl ? null : claimDataDir(config.dataDir, 'server');
} catch (error) {
  if (!(error instanceof DataDirBusyError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const database = await openConfiguredDatabase(config);

if (config.loadDemo && !(await isDemoLoaded(database))) {
  console.log('首次启动：正在生成并载入演示县数据（只在首次启动时进行）…');
  const demoStarted = Date.now();
  await loadDemoData(database, generateDemoData({ seed: 1, counties: 1 }), (message) => console.log(`  ${message}`));
  console.log(`演示数据载入完成（${((Date.now() - demoStarted) / 1000).toFixed(0)} 秒）。`);
} else if (!config.loadDemo && !(await hasAnyUser(database)) && process.env.GW_ADMIN_PASSWORD) {
  // Read once: the first administrator of a real deployment, who must change the password at first login.
  await createFirstAdmin(database, {
    username: process.env.GW_ADMIN_USERNAME ?? 'admin',
    password: process.env.GW_ADMIN_PASSWORD,
    divisionCode: process.env.GW_DIVISION_CODE ?? '000000',
    divisionName: process.env.GW_DIVISION_NAME ?? '本级',
  });
  console.log('已根据 GW_ADMIN_PASSWORD 创建首个管理员账号（首次登录须修改密码）。');
}

// A read replica serves the cockpit's figures when configured (never migrated: it follows the primary).
const replica = config.databaseReadUrl ? await openDatabase({ url: config.databaseReadUrl }) : undefined;
const app = createApp({ database, replica, config });
const stopJobs = startJobs(moduleJobs({ database, replica, config }));
// `npm run backup` asks the running server (loopback only, token in server.json).
const maintenance = claim ? await startMaintenanceListener({ database, dataDir: config.dataDir, filesDir: config.filesDir, claim }) : null;
const server = serve({ fetch: app.fetch, port: config.port, hostname: process.env.HOST ?? '0.0.0.0' }, (info) => {
  const url = `http://localhost:${info.port}`;
  console.log(`\nGroundwork 县域项目建设全生命周期管理平台 已启动（${Date.now() - started} ms）`);
  console.log(`  地址：${url}`);
  console.log(`  数据库：${database.kind === 'embedded' ? `内置 PostgreSQL（${config.dataDir}）` : `PostgreSQL 服务器${replica ? '（驾驶舱读只读副本）' : ''}`}`);
  console.log(`  接口文档：${url}/api/docs`);
  if (config.loadDemo) {
    console.log(`  演示账号（密码均为 ${DEMO_PASSWORD}）：`);
    for (const account of DEMO_ACCOUNTS) console.log(`    ${account.username.padEnd(14)} ${account.label}`);
  }
  console.log('  按 Ctrl-C 停止。\n');
});

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n收到 ${signal}，正在停止…`);
  stopJobs();
  server.close();
  await maintenance?.close();
  await replica?.close();
  await database.close();
  if (!config.databaseUrl) tightenTree(config.dataDir);
  claim?.release();
  console.log('已停止，数据已保存。');
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
