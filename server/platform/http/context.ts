import type { Permission } from '../../../common/permissions';
import type { DataScope, Role } from '../../../common/roles';
import type { Config } from '../config';
import type { Database } from '../db/client';

/** Who is calling: the logged-in user as the services see them. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  dataScope: DataScope;
  divisionCode: string;
  unitId: string | null;
  unitName: string | null;
  permissions: readonly Permission[];
  /** Set by an administrator's reset, or because the password has outlived its lifetime. */
  mustChangePassword: boolean;
  /** When the password expires (null: it does not). */
  passwordExpiresAt: Date | null;
  ip: string | null;
}

/** Shared by every request: the open database and the configuration. */
export interface AppDeps {
  database: Database;
  /** A streaming read replica of `database` (`DATABASE_READ_URL`) for the heavy read-only figures of the cockpit. */
  replica?: Database;
  config: Config;
}

/** Hono environment of the app: what middleware puts on the context. */
export interface AppEnv {
  Variables: {
    deps: AppDeps;
    actor: Actor | null;
    sessionTokenHash: string | null;
    csrfToken: string | null;
    ip: string | null;
  };
}
