/**
 * `npm start`: builds the web app only when its sources changed since the last build (a restart
 * takes a second, not a rebuild), then starts the server.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../platform/version';
import { staleBuildReason } from '../platform/web/build-inputs';

const reason = staleBuildReason(ROOT);
if (reason) {
  console.log(`正在构建网页（${reason}），约需 10 秒…`);
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('网页构建失败，请查看上面的错误信息。');
    process.exit(result.status ?? 1);
  }
  console.log(`网页构建完成（${((Date.now() - started) / 1000).toFixed(1)} 秒）。`);
}
await import('../main');
