import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_INPUTS_FILE, recordBuildInputs, staleBuildReason } from './build-inputs';

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-build-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

function built(root: string, modules: string[]) {
  fs.mkdirSync(path.join(root, 'dist/web'), { recursive: true });
  fs.writeFileSync(path.join(root, 'dist/web/index.html'), '<html></html>');
  fs.writeFileSync(path.join(root, BUILD_INPUTS_FILE), JSON.stringify(recordBuildInputs(root, modules.map((m) => path.join(root, m)))));
}

describe('npm start rebuilds the web app only when its sources changed', () => {
  it('builds when nothing was built, and not again until a source or the lock file changes', () => {
    const root = tree({ 'web/src/main.tsx': 'a', 'common/roles.ts': 'b', 'package-lock.json': '{}', 'vite.config.ts': 'x' });
    expect(staleBuildReason(root)).toBe('尚未构建');
    built(root, ['web/src/main.tsx', 'common/roles.ts', 'node_modules/react/index.js', '\0virtual:x']);
    expect(staleBuildReason(root)).toBeNull();

    fs.writeFileSync(path.join(root, 'common/roles.ts'), 'b2');
    expect(staleBuildReason(root)).toBe('common/roles.ts 已修改');
    built(root, ['web/src/main.tsx', 'common/roles.ts']);
    expect(staleBuildReason(root)).toBeNull();

    fs.writeFileSync(path.join(root, 'package-lock.json'), '{"v":2}');
    expect(staleBuildReason(root)).toBe('package-lock.json 已修改');
  });

  it('does not rebuild for a server file the web app never imports', () => {
    const root = tree({ 'web/src/main.tsx': 'a', 'server/main.ts': 's' });
    built(root, ['web/src/main.tsx']);
    fs.writeFileSync(path.join(root, 'server/main.ts'), 's2');
    expect(staleBuildReason(root)).toBeNull();
    fs.rmSync(path.join(root, 'web/src/main.tsx'));
    expect(staleBuildReason(root)).toBe('web/src/main.tsx 已修改');
  });
});
