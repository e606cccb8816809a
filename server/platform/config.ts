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
  /** Whether the OpenAPI document and /api/docs are readable without login (default: only with the demo). */
  apiDocsPublic: boolean;
  /** Days a password lasts before its owner must change it (0: never expires). */
  passwordMaxAgeDays: number;
  /** Days before expiry from which the user is warned. */
  passwordWarnDays: number;
  /** Sessions one user may hold at once; a new login ends the least recently used beyond it (0: no limit). */
  maxSessionsPerUser: number;
  /** Megabytes of attachments one user may have uploaded in all (0: no quota). */
  uploadQuotaMb: number;
}

/** A setting the platform cannot run with; the start names every one of them. */
export class ConfigError extends Error {}

/**
 * Reads the configuration from `process.env`, refusing any setting it cannot use — a typo
 * such as `SESSION_IDLE_MINUTES=1min` would otherwise silently turn a control off.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}=${raw}：应为 ${min}–${max} 之间的整数`);
      return fallback;
    }
    return value;
  };
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (raw !== 'true' && raw !== 'false') problems.push(`${name}=${raw}：应为 true 或 false`);
    return raw === 'true';
  };
  const url = (name: string): string | undefined => {
    const raw = env[name];
    if (!raw) return undefined;
    if (!/^postgres(ql)?:\/\//.test(raw)) problems.push(`${name}：应为 postgres:// 开头的数据库地址`);
    return raw;
  };
  const proxy = env.TRUST_PROXY;
  if (proxy && !/^(true|false|[1-9]\d?)$/.test(proxy)) problems.push(`TRUST_PROXY=${proxy}：应为 true、false 或代理层数（1–99）`);
  const databaseUrl = url('DATABASE_URL');
  const config: Config = {
    port: integer('PORT', 3000, 0, 65535),
    databaseUrl,
    databaseReadUrl: (databaseUrl && url('DATABASE_READ_URL')) || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    filesDir: path.resolve(env.FILES_DIR ?? path.join(env.DATA_DIR ?? 'data', 'files')),
    secureCookies: flag('COOKIE_SECURE', false),
    loadDemo: env.DEMO === undefined || env.DEMO === '' ? true : flag('DEMO', true),
    sessionIdleMinutes: integer('SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: integer('SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 7),
    apiDocsPublic: false,
    passwordMaxAgeDays: integer('PASSWORD_MAX_AGE_DAYS', 90, 0, 3650),
    passwordWarnDays: integer('PASSWORD_WARN_DAYS', 14, 0, 90),
    maxSessionsPerUser: integer('MAX_SESSIONS_PER_USER', 5, 0, 100),
    uploadQuotaMb: integer('UPLOAD_QUOTA_MB', 2048, 0, 1_048_576),
  };
  config.apiDocsPublic = flag('API_DOCS_PUBLIC', config.loadDemo);
  if (problems.length) throw new ConfigError(`配置有误，拒绝启动：\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return config;
}

/** The configuration for a command or the server: a bad setting is printed and the process ends (exit 1). */
export function readConfigOrExit(): Config {
  try {
    return readConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/** The per-user upload quota in bytes, for `uploadAttachment`, or undefined when there is none. */
export function uploadQuotaBytes(config: Pick<Config, 'uploadQuotaMb'>): number | undefined {
  return config.uploadQuotaMb > 0 ? config.uploadQuotaMb * 1024 * 1024 : undefined;
}
