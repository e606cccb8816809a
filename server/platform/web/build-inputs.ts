import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * What a web build was made from: every source file Vite read (outside node_modules) and the
 * files that decide how it was built, each with its SHA-1. The build writes it beside
 * `dist/web` (not inside: it is not served); `npm start` compares it with the tree to decide
 * whether the web app must be rebuilt — so a start after a pull rebuilds, a plain restart does not.
 */
export interface BuildInputs {
  files: Record<string, string>;
}

/** Files that change a build without being one of its modules. */
export const BUILD_CONFIG_FILES = ['vite.config.ts', 'package-lock.json', 'web/index.html'];

export const BUILD_INPUTS_FILE = 'dist/build-inputs.json';

function sha1(file: string): string | null {
  try {
    return createHash('sha1').update(fs.readFileSync(file)).digest('hex');
  } catch {
    return null;
  }
}

/** The inputs record of a build from its module ids (absolute paths; virtual ids are skipped). */
export function recordBuildInputs(root: string, moduleIds: Iterable<string>): BuildInputs {
  const files: Record<string, string> = {};
  const add = (absolute: string) => {
    const relative = path.relative(root, absolute).split(path.sep).join('/');
    if (relative.startsWith('..') || relative.includes('node_modules/')) return;
    const hash = sha1(absolute);
    if (hash) files[relative] = hash;
  };
  for (const id of moduleIds) if (!id.startsWith('\0') && path.isAbsolute(id.split('?')[0])) add(id.split('?')[0]);
  for (const file of BUILD_CONFIG_FILES) add(path.join(root, file));
  return { files };
}

/**
 * Why the web app must be (re)built, or null when `dist/web` is up to date: the first changed,
 * added or removed input is named, so the start can say why it builds.
 */
export function staleBuildReason(root: string): string | null {
  if (!fs.existsSync(path.join(root, 'dist/web/index.html'))) return '尚未构建';
  let inputs: BuildInputs;
  try {
    inputs = JSON.parse(fs.readFileSync(path.join(root, BUILD_INPUTS_FILE), 'utf8')) as BuildInputs;
  } catch {
    return '缺少构建记录';
  }
  for (const file of BUILD_CONFIG_FILES) if (fs.existsSync(path.join(root, file)) && !(file in inputs.files)) return `${file} 为新增`;
  for (const [file, hash] of Object.entries(inputs.files)) {
    if (sha1(path.join(root, file)) !== hash) return `${file} 已修改`;
  }
  return null;
}
