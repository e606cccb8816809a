import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { swaggerUI } from '@hono/swagger-ui';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { MODULES } from './modules';
import type { AppDeps } from './platform/http/context';
import { AppError } from './platform/http/errors';
import { authenticate } from './platform/http/middleware';
import { createRouter, publicRoutesOf } from './platform/http/openapi';
import { ROOT, VERSION } from './platform/version';

export const WEB_DIST = path.join(ROOT, 'dist/web');

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
  app.use('*', secureHeaders({ contentSecurityPolicy: undefined, crossOriginEmbedderPolicy: false }));
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
  app.get('/api/docs', swaggerUI({ url: '/api/openapi.json' }));

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
  app.get('*', (c) => {
    const index = path.join(WEB_DIST, 'index.html');
    if (!fs.existsSync(index)) return c.text('网页尚未构建：请运行 `npm run build`。', 503);
    return c.html(fs.readFileSync(index, 'utf8'));
  });
  return app;
}
