import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The browser's API types are derived from the server's zod schemas (`z.output<typeof X>`),
// never declared by hand: a hand-written copy drifts from what the server answers.
const ROOT = path.resolve(import.meta.dirname, '../..');
const API_DIR = path.join(ROOT, 'web/src/api');

/** Declarations of the client itself, not of an API body: its options, handlers and the generic list envelope. */
const CLIENT_PLUMBING = new Set(['client.ts:ClientHandlers', 'client.ts:RequestOptions', 'client.ts:Page']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Hand-written object types in a file: `interface X` and `type X = {`. */
export function handDeclaredTypes(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/^\s*(?:export\s+)?(?:declare\s+)?interface\s+(\w+)/gm)) found.push(match[1]);
  for (const match of source.matchAll(/^\s*(?:export\s+)?type\s+(\w+)(?:<[^>]*>)?\s*=\s*\{/gm)) found.push(match[1]);
  return found;
}

describe('the web app’s API types', () => {
  it('are not declared by hand in web/src/api', () => {
    const declared = fs
      .readdirSync(API_DIR)
      .filter((name) => name.endsWith('.ts'))
      .flatMap((name) => handDeclaredTypes(fs.readFileSync(path.join(API_DIR, name), 'utf8')).map((type) => `${name}:${type}`))
      .filter((entry) => !CLIENT_PLUMBING.has(entry));
    expect(declared, 'derive these from the server schemas: z.output<typeof Schema> / z.input<typeof Body>').toEqual([]);
  });

  it('import server code as types only, so the bundle holds none of it', () => {
    const valueImports = sourceFiles(path.join(ROOT, 'web/src')).flatMap((file) => {
      const source = fs.readFileSync(file, 'utf8');
      return [...source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'((?:\.\.\/)+server\/[^']+)'/gms)].map((m) => `${path.relative(ROOT, file)} → ${m[1]}`);
    });
    expect(valueImports).toEqual([]);
  });

  it('finds a hand-written type when there is one', () => {
    expect(handDeclaredTypes('export interface Project {\n  id: string;\n}\ntype Row = { id: string };\nexport type Alias = z.output<typeof X>;')).toEqual(['Project', 'Row']);
  });
});
