import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { MODULES } from './modules';
import type { AppDeps } from './platform/http/context';
import { mountApiDocs } from './platform/http/api-docs';
import { AppError } from './platform/http/errors';
import { authenticate } from './platform/http/middleware';
import { createRouter, publicRoutesOf } from './platform/http/openapi';
import { ROOT, VERSION } from './platform/version';

export const WEB_DIST = path.join(ROOT, 'dist/web');

/**
 * Scripts come only from our own origin — no inline script, no CDN — so injected markup cannot
 * run (等保: 入侵防范). antd and ECharts set inline styles, which `style-src` allows; photos are
 * previewed from blob: and data: URLs.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** Maps anything thrown during a request to our JSON error body; unknown errors never leak detail. */
function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 400) return new AppError('MALFORMED_JSON', '请求内容格式不正确（JSON 无法解析）');
    if (error.status === 413) return new AppError('PAYLOAD_TOO_LARGE');
    if (error.status === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE');
    if (error.status === 401) return new AppError('UNAUTHENTICATED');
    if (error.status === 404) return new AppError('NOT_FOUND');
  }
  return new AppError('INTERNAL');
}

/** Builds the whole HTTP application: API, OpenAPI document and the web app. */
export function createApp(deps: AppDeps) {
  const app = createRouter();

  app.onError((error, c) => {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') console.error(`[${new Date().toISOString()}] ${c.req.method} ${c.req.path}`, error);
    return c.json(appError.toBody(), appError.status as 400);
  });

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  // JSON answers are compressed for browsers that ask (lists of a few hundred rows shrink ~10×).
  app.use('/api/*', compress());
  // What a signed-in user was shown stays out of every cache (shared computers in a county office).
  app.use('/api/*', async (c, next) => {
    await next();
    if (c.get('actor')) c.res.headers.set('Cache-Control', 'no-store');
  });
  // The policy governs documents; hashed scripts and styles do not need it on every response.
  const documentHeaders = secureHeaders({ contentSecurityPolicy: CONTENT_SECURITY_POLICY, crossOriginEmbedderPolicy: false });
  const assetHeaders = secureHeaders({ crossOriginEmbedderPolicy: false });
  app.use('*', (c, next) => (c.req.path.startsWith('/assets/') ? assetHeaders(c, next) : documentHeaders(c, next)));
  // Request bodies are limited on each route (defineRoute: 2 MB of JSON, or the upload's own limit).
  let publicRoutes: ReturnType<typeof publicRoutesOf> = [];
  app.use('/api/*', authenticate(() => publicRoutes));

  for (const module of MODULES) for (const router of module.routes?.() ?? []) app.route('/', router);
  publicRoutes = publicRoutesOf(app);

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Groundwork 县域项目建设全生命周期管理平台 API', version: VERSION },
    servers: [{ url: '/' }],
  });
  mountApiDocs(app);

  app.all('/api/*', () => {
    throw new AppError('NOT_FOUND', '接口不存在');
  });

  // The web app: built files (sent as their brotli/gzip copies when the browser takes them),
  // and index.html for every client-side route. Hashed assets never change under their name:
  // cached for a year; index.html is revalidated on every load so a new build shows at once.
  app.use('/*', async (c, next) => {
    await next();
    if (c.res.ok) c.res.headers.set('Cache-Control', c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
  app.use('/*', serveStatic({ root: path.relative(process.cwd(), WEB_DIST), precompressed: true }));
  app.get('/assets/*', (c) => c.text('Not found', 404));
  app.get('*', (c) => {
    const index = path.join(WEB_DIST, 'index.html');
    if (!fs.existsSync(index)) return c.text('网页尚未构建：请运行 `npm run build`。', 503);
    return c.html(fs.readFileSync(index, 'utf8'));
  });
  return app;
}
