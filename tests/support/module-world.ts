import fs from 'node:fs';
import path from 'node:path';
import type { Role } from '../../common/roles';
import type { Database } from '../../server/platform/db/client';
import { ROOT } from '../../server/platform/version';
import type { TestClient } from './test-app';

/** What a module's test world sees of one county of the authorization world. */
export interface WorldCounty {
  code: string;
  /** Every name made in the county starts with it (it doubles as a leak marker). */
  name: string;
  units: Record<'drc' | 'government' | 'department' | 'departmentOther' | 'commerce' | 'township' | 'townshipOther' | 'inspector' | 'owner' | 'ownerOther' | 'spare', string>;
  users: Record<Role, { id: string; username: string }>;
  /** A 发改局 user who is no caller under test: makes the records. */
  clerk: TestClient;
  /** The county's 发改局 user, for approvals the clerk may not give itself. */
  reviewer: TestClient;
  /** The project inside the narrow scopes of the county's department, township and owner users, and the one outside them. */
  in: { project: string };
  other: { project: string };
}

/** A module's records of one county, by record kind: one in the callers' scope and, for project-bound kinds, one on the other project. */
export type WorldRecords = Record<string, { in: string; other?: string }>;

/** Builds a module's records in one county through the public API. */
export type ModuleWorld = (input: { database: Database; county: WorldCounty }) => Promise<WorldRecords>;

/** Declares a module's test world (`server/modules/<m>/<m>.world.ts`, export `world`): found by the authorization matrix without any list to edit. */
export function defineWorld(build: ModuleWorld): ModuleWorld {
  return build;
}

/** Every module's test world, in module-folder order. */
export async function moduleWorlds(): Promise<Array<{ module: string; build: ModuleWorld }>> {
  const dir = path.join(ROOT, 'server/modules');
  const found: Array<{ module: string; build: ModuleWorld }> = [];
  for (const module of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, module, `${module}.world.ts`);
    if (!fs.existsSync(file)) continue;
    const { world } = (await import(file)) as { world?: ModuleWorld };
    if (!world) throw new Error(`${file} must export \`world\` (defineWorld)`);
    found.push({ module, build: world });
  }
  return found;
}
