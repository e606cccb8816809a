import fs from 'node:fs';
import path from 'node:path';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { z } from '@hono/zod-openapi';
import { ROLES } from '../../../common/roles';
import { createApp } from '../../app';
import { CATALOGS, PERMISSIONS, ROLE_PERMISSIONS } from '../../modules/catalog';
import { MODULES } from '../../modules';
import { readConfig } from '../config';
import type { AppDeps } from '../http/context';
import { defineRoute } from '../http/openapi';
import { ROOT } from '../version';
import { attachmentKinds } from '../attachments/attachment-kinds';
import { PLATFORM_TABLES } from '../db/partitioning';
import { tablesOf, type ModuleDefinition } from './define-module';

interface Operation {
  'x-permission'?: string | null;
  'x-access'?: string;
  'x-upload-max-bytes'?: number;
  requestBody?: { content: Record<string, unknown> };
}

async function openApiDocument(): Promise<{ paths: Record<string, Record<string, Operation>> }> {
  const app = createApp({ database: null, config: readConfig({}) } as unknown as AppDeps);
  return (await app.request('/api/openapi.json')).json();
}

function operations(doc: { paths: Record<string, Record<string, Operation>> }) {
  return Object.entries(doc.paths).flatMap(([p, methods]) => Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${p}`, op })));
}

/** Every `*.tables.ts` file under server/, imported: the tables drizzle-kit generates migrations from. */
async function tablesOnDisk(): Promise<Map<string, string>> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.tables.ts')) files.push(full);
    }
  };
  walk(path.join(ROOT, 'server'));
  const found = new Map<string, string>();
  for (const file of files) {
    const exports = (await import(file)) as Record<string, unknown>;
    for (const table of tablesOf({ tables: exports } as unknown as ModuleDefinition)) found.set(getTableConfig(table).name, path.relative(ROOT, file));
  }
  return found;
}

/** Problems with a business table's keys: each primary and unique key must hold division_code. */
function keyProblems(table: PgTable): string[] {
  const config = getTableConfig(table);
  const problems: string[] = [];
  const hasDivision = (columns: Array<{ name: string }>) => columns.some((c) => c.name === 'division_code');
  const inlinePk = config.columns.filter((c) => c.primary);
  if (inlinePk.length && !hasDivision(inlinePk)) problems.push(`${config.name}: primary key (${inlinePk.map((c) => c.name).join(', ')}) without division_code`);
  for (const pk of config.primaryKeys) if (!hasDivision(pk.columns)) problems.push(`${config.name}: primary key without division_code`);
  for (const u of config.uniqueConstraints) if (!hasDivision(u.columns)) problems.push(`${config.name}: unique key ${u.name ?? ''} without division_code`);
  for (const c of config.columns) if (c.isUnique && c.name !== 'division_code') problems.push(`${config.name}: unique column ${c.name} without division_code`);
  for (const i of config.indexes) {
    const columns = i.config.columns as Array<{ name?: string }>;
    if (i.config.unique && !columns.some((c) => c.name === 'division_code')) problems.push(`${config.name}: unique index ${i.config.name} without division_code`);
  }
  if (!config.columns.some((c) => c.name === 'division_code')) problems.push(`${config.name}: no division_code column`);
  return problems;
}

describe('module manifests', () => {
  it('list each module once, with its catalog in the catalog list', () => {
    const names = MODULES.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    const catalogs = Object.values(CATALOGS) as unknown[];
    for (const m of MODULES) {
      const hasDeclarations = Object.keys(m.catalog.permissions).length + Object.keys(m.catalog.auditActions).length + Object.keys(m.catalog.entityLabels).length > 0;
      if (hasDeclarations) expect(catalogs, `the catalog of module ${m.name} is missing from server/modules/catalog.ts`).toContain(m.catalog);
    }
    for (const catalog of catalogs) expect(MODULES.some((m) => m.catalog === catalog), 'a catalog in server/modules/catalog.ts belongs to no module').toBe(true);
  });

  it('declare each attachment kind once, with a limit', () => {
    const kinds = attachmentKinds();
    expect(kinds.map((k) => k.kind)).toContain('project');
    for (const k of kinds) expect(k.maxBytes, k.kind).toBeGreaterThan(0);
  });

  it('grant every declared permission to at least one role, and only known roles', () => {
    for (const p of PERMISSIONS) expect(ROLES.some((r) => ROLE_PERMISSIONS[r].includes(p)), `${p} is held by no role`).toBe(true);
  });

  it('declare every table on disk in exactly one module', async () => {
    const onDisk = await tablesOnDisk();
    const declared = new Map<string, string>();
    for (const m of MODULES) {
      for (const table of tablesOf(m)) {
        const name = getTableConfig(table).name;
        expect(declared.has(name) ? `${name} declared by ${declared.get(name)} and ${m.name}` : '').toBe('');
        declared.set(name, m.name);
      }
    }
    expect([...onDisk.keys()].filter((t) => !declared.has(t)).map((t) => `${t} (${onDisk.get(t)}) belongs to no module`)).toEqual([]);
  });

  it('keep division_code in every key of every business table', () => {
    const problems = MODULES.flatMap((m) => tablesOf(m).filter((t) => !(m.referenceTables ?? []).includes(getTableConfig(t).name)).flatMap(keyProblems));
    expect(problems).toEqual([]);
  });

  it('name as reference tables exactly the tables partitioning leaves alone', () => {
    const declared = MODULES.flatMap((m) => m.referenceTables ?? []).sort();
    expect(declared).toEqual([...PLATFORM_TABLES].sort());
  });

  it('find a business table whose key lacks division_code', async () => {
    const { pgTable, uuid, char } = await import('drizzle-orm/pg-core');
    const bad = pgTable('bad_things', { id: uuid('id').primaryKey(), divisionCode: char('division_code', { length: 6 }).notNull() });
    expect(keyProblems(bad)).toEqual(['bad_things: primary key (id) without division_code']);
  });
});

describe('routes built from the modules', () => {
  it('need a permission some role holds, or none', async () => {
    const doc = await openApiDocument();
    const orphans = operations(doc).filter(({ op }) => op['x-permission'] && !ROLES.some((r) => (ROLE_PERMISSIONS[r] as readonly string[]).includes(op['x-permission']!)));
    expect(orphans.map((o) => `${o.key} needs ${o.op['x-permission']}`)).toEqual([]);
  });

  it('limit every upload', async () => {
    const doc = await openApiDocument();
    const uploads = operations(doc).filter(({ op }) => op.requestBody && 'multipart/form-data' in op.requestBody.content);
    expect(uploads.length).toBeGreaterThanOrEqual(4);
    expect(uploads.filter(({ op }) => !(op['x-upload-max-bytes']! > 0)).map((u) => u.key)).toEqual([]);
  });

  it('are public only where declared: login and health', async () => {
    const doc = await openApiDocument();
    expect(operations(doc).filter(({ op }) => op['x-access'] === 'public').map((o) => o.key).sort()).toEqual(['GET /api/health', 'POST /api/auth/login']);
  });

  it('refuse an upload route without a limit when it is defined', () => {
    const form = z.object({ file: z.any() });
    expect(() =>
      defineRoute({
        method: 'post',
        path: '/api/things/{id}/files',
        permission: 'document.upload',
        request: { body: { content: { 'multipart/form-data': { schema: form } }, required: true } },
        responses: { 201: { description: 'ok' } },
      }),
    ).toThrow('an upload route must declare upload.maxBytes');
  });

  it('refuse a public route that also names a permission', () => {
    expect(() => defineRoute({ method: 'get', path: '/api/x', permission: 'project.read', access: 'public', responses: { 200: { description: 'ok' } } })).toThrow('a public route takes no permission');
  });
});
