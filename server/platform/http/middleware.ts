import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Permission } from '../../../common/permissions';
import { CSRF_HEADER, SESSION_COOKIE, resolveSession } from '../auth/sessions';
import type { AppEnv } from './context';
import { AppError } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The API's own description and its documentation page, readable without a session only when
 * `API_DOCS_PUBLIC` allows it (the demo does; a production deployment keeps them behind login).
 * Every other public route says so on its definition (`access: 'public'`).
 */
const DOCUMENTATION_ROUTES: ReadonlyArray<{ method: string; path: RegExp }> = [
  { method: 'GET', path: /^\/api\/openapi\.json$/ },
  { method: 'GET', path: /^\/api\/docs(\/.*)?$/ },
];

/** Routes a user who must change their password may still call. */
const PASSWORD_CHANGE_ROUTES = new Set(['/api/me', '/api/auth/logout', '/api/auth/password']);

/**
 * The caller's address: the socket's, or — behind a trusted reverse proxy (`TRUST_PROXY`) —
 * the address that proxy saw. X-Forwarded-For grows left to right and only its right end is
 * written by our own proxies: `TRUST_PROXY=true` (one proxy) takes the right-most entry,
 * `TRUST_PROXY=2` the second from the right (two proxies in a chain). The left-most entry is
 * whatever the client sent and is never used.
 */
export function clientIp(c: { req: { header(name: string): string | undefined }; env: unknown }): string | null {
  const forwarded = c.req.header('x-forwarded-for');
  const hops = trustedProxyHops(process.env.TRUST_PROXY);
  if (forwarded && hops > 0) {
    const entries = forwarded.split(',').map((e) => e.trim()).filter(Boolean);
    const seen = entries[entries.length - hops];
    if (seen) return seen.slice(0, 64);
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? null;
}

/** How many reverse proxies in front of the server append to X-Forwarded-For (0: none trusted). */
export function trustedProxyHops(setting: string | undefined): number {
  if (!setting || setting === 'false') return 0;
  if (setting === 'true') return 1;
  const hops = Number(setting);
  return Number.isInteger(hops) && hops > 0 ? hops : 0;
}

/**
 * Resolves the session cookie into an actor, refuses /api calls without one (unless the route
 * is public: `publicRoutes` is read on each request, so it may be filled once the routes are
 * mounted), and checks the CSRF token on every state-changing request.
 */
export const authenticate = (publicRoutes: () => ReadonlyArray<{ method: string; path: RegExp }>) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const { database, config } = c.get('deps');
    const ip = clientIp(c);
    c.set('ip', ip);
    c.set('actor', null);
    c.set('sessionTokenHash', null);
    c.set('csrfToken', null);
    const method = c.req.method;
    const path = c.req.path;

    const token = getCookie(c, SESSION_COOKIE);
    let expired = false;
    if (token) {
      const session = await resolveSession(database.db, config, token, ip);
      if (session.status === 'valid') {
        const actor = session.actor;
        if (actor) {
          c.set('actor', actor);
          c.set('sessionTokenHash', session.tokenHash);
          c.set('csrfToken', session.csrfToken);
        }
      } else if (session.status === 'expired') {
        expired = true;
      }
    }

    const matches = (r: { method: string; path: RegExp }) => r.method === method && r.path.test(path);
    const isPublic = (config.apiDocsPublic && DOCUMENTATION_ROUTES.some(matches)) || publicRoutes().some(matches);
    if (!path.startsWith('/api/') || isPublic) {
      if (!SAFE_METHODS.has(method)) checkSameOrigin(c.req.header('origin'), c.req.header('host'));
      return next();
    }
    const actor = c.get('actor');
    if (!actor) throw new AppError(expired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    if (!SAFE_METHODS.has(method) && c.req.header(CSRF_HEADER) !== c.get('csrfToken')) {
      throw new AppError('CSRF_REJECTED');
    }
    if (actor.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(path)) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
    return next();
  });

// Login has no session yet, so no CSRF token: a cross-site form post is refused by its Origin.
function checkSameOrigin(origin: string | undefined, host: string | undefined): void {
  if (!origin || !host) return;
  try {
    if (new URL(origin).host !== host) throw new AppError('CSRF_REJECTED');
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('CSRF_REJECTED');
  }
}

/** Returns the logged-in actor (the authenticate middleware guarantees one on non-public routes). */
export function requireActor(c: { get(key: 'actor'): AppEnv['Variables']['actor'] }) {
  const actor = c.get('actor');
  if (!actor) throw new AppError('UNAUTHENTICATED');
  return actor;
}

/** Route middleware: the caller's role must hold the permission. */
export function requirePermission(permission: Permission) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const actor = requireActor(c);
    if (!actor.permissions.includes(permission)) throw new AppError('FORBIDDEN');
    return next();
  });
}
