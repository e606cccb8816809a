import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../../server/platform/db/client';
import { buildWebIfStale } from './build-web';

declare module 'vitest' {
  export interface ProvidedContext {
    templatePath: string;
    templateDatabase: string;
  }
}

export const TEMPLATE_DB = 'gw_test_template';

/**
 * Migrates one template database for the whole run: a data-dir dump for the embedded
 * engine, or a `TEMPLATE` database on the PostgreSQL server named by DATABASE_URL.
 * Each test file then starts from a copy (~0.4 s) instead of migrating afresh.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  let templateFile = '';
  if (url) {
    const admin = await openDatabase({ url, poolSize: 1 });
    await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.query(`create database ${TEMPLATE_DB}`);
    await admin.close();
    const template = await openDatabase({ url: withDatabase(url, TEMPLATE_DB), poolSize: 1 });
    await migrateDatabase(template);
    await template.close();
    project.provide('templateDatabase', TEMPLATE_DB);
    project.provide('templatePath', '');
  } else {
    const database = await openDatabase();
    await migrateDatabase(database);
    const dump = await database.pglite!.dumpDataDir('none');
    const dir = path.resolve('.tmp');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `template-${process.pid}.tar`);
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    templateFile = file;
    await database.close();
    project.provide('templatePath', file);
    project.provide('templateDatabase', '');
  }
  if (process.env.SKIP_WEB_BUILD !== 'true') await buildWebIfStale();
  return async () => {
    if (templateFile) fs.rmSync(templateFile, { force: true });
  };
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
