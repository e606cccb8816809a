import path from 'node:path';

/** Runtime settings, read once from the environment. */
export interface Config {
  port: number;
  /** `postgres://…` for a server; unset for the embedded database. */
  databaseUrl: string | undefined;
  /** `postgres://…` of a read replica of `databaseUrl`, for the cockpit's figures; unset: the primary. */
  databaseReadUrl: string | undefined;
  /** Where the embedded database lives. */
  dataDir: string;
  /** Where uploaded files are stored (default: <dataDir>/files). */
  filesDir: string;
  /** Serve cookies with `Secure` (set when the platform sits behind HTTPS). */
  secureCookies: boolean;
  /** Whether the demo county is loaded on first start. */
  loadDemo: boolean;
  /** Minutes of inactivity after which a session ends. */
  sessionIdleMinutes: number;
  /** Hours after login after which a session ends regardless of activity. */
  sessionAbsoluteHours: number;
}

/** Reads the configuration from `process.env`. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReadUrl: (env.DATABASE_URL && env.DATABASE_READ_URL) || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    filesDir: path.resolve(env.FILES_DIR ?? path.join(env.DATA_DIR ?? 'data', 'files')),
    secureCookies: env.COOKIE_SECURE === 'true',
    loadDemo: env.DEMO !== 'false',
    sessionIdleMinutes: Number(env.SESSION_IDLE_MINUTES ?? 30),
    sessionAbsoluteHours: Number(env.SESSION_ABSOLUTE_HOURS ?? 12),
  };
}
