import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../version';

const run = promisify(execFile);

/** Every module's public API and definition: each must load first, on its own, in a fresh process. */
function entryPoints(): string[] {
  const dir = path.join(ROOT, 'server/modules');
  return fs
    .readdirSync(dir)
    .filter((m) => fs.statSync(path.join(dir, m)).isDirectory())
    .flatMap((m) => [`server/modules/${m}/index.ts`, `server/modules/${m}/${m}.module.ts`])
    .filter((f) => fs.existsSync(path.join(ROOT, f)));
}

describe('module import order', () => {
  // Modules import each other's index.ts; a cycle in which a file uses an import while it is
  // still loading (a schema built from another module's schema) fails only for some entry points.
  it('loads every module file first without touching a binding before it is initialised', async () => {
    const failures: string[] = [];
    const files = entryPoints();
    expect(files.length).toBeGreaterThanOrEqual(20);
    for (let i = 0; i < files.length; i += 4) {
      await Promise.all(
        files.slice(i, i + 4).map(async (file) => {
          try {
            await run(process.execPath, ['--import', 'tsx', '-e', `await import(${JSON.stringify(`./${file}`)})`], { cwd: ROOT, timeout: 60_000 });
          } catch (error) {
            const stderr = String((error as { stderr?: string }).stderr ?? error);
            failures.push(`${file}: ${stderr.split('\n').find((l) => /Error/.test(l)) ?? stderr.slice(0, 200)}`);
          }
        }),
      );
    }
    expect(failures).toEqual([]);
  }, 240_000);
});
