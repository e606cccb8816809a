import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../server/platform/version';
import { staleBuildReason } from '../../server/platform/web/build-inputs';

/** Builds the web app for the browser tests when its sources changed since the last build (as `npm start` does). */
export async function buildWebIfStale(): Promise<void> {
  if (!staleBuildReason(ROOT)) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}
