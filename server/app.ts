import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { swaggerUI } from '@hono/swagger-ui';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { auditRoutes } from './modules/audit/audit.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { cockpitRoutes } from './modules/cockpit/cockpit.routes';
import { healthRoutes } from './modules/health/health.routes';
import { inboxRoutes } from './modules/inbox/inbox.routes';
import { libraryRoutes } from './modules/libraries/libraries.routes';
import { milestoneRoutes } from './modules/milestones/milestones.routes';
import { monthlyReportRoutes } from './modules/monthly-reports/monthly-reports.routes';
import { orgRoutes } from './modules/org/org.routes';
import { ledgerRoutes } from './modules/projects/ledger.routes';
import { procedureRoutes } from './modules/projects/procedures.routes';
import { projectRoutes } from './modules/projects/projects.routes';
import { targetRoutes } from './modules/targets/targets.routes';
import type { AppDeps } from './platform/http/context';
import { AppError } from './platform/http/errors';
import { authenticate } from './platform/http/middleware';
import { createRouter } from './platform/http/openapi';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_DIST = path.join(ROOT, 'dist/web');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

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
  app.use('*', secureHeaders({ contentSecurityPolicy: undefined, crossOriginEmbedderPolicy: false }));
  const uploadRoute = /^\/api\/(projects\/(import|[^/]+\/documents)|monthly-reports\/(import|[^/]+\/photos))$/;
  const jsonLimit = bodyLimit({
    maxSize: 2 * 1024 * 1024,
    onError: () => {
      throw new AppError('PAYLOAD_TOO_LARGE');
    },
  });
  // Uploads carry their own, larger limits on their routes; reads have no body to limit.
  app.use('/api/*', (c, next) => (c.req.method === 'GET' || uploadRoute.test(c.req.path) ? next() : jsonLimit(c, next)));
  app.use('/api/*', authenticate);

  app.route('/', healthRoutes(VERSION));
  app.route('/', authRoutes());
  app.route('/', orgRoutes());
  app.route('/', auditRoutes());
  app.route('/', ledgerRoutes());
  app.route('/', projectRoutes());
  app.route('/', libraryRoutes());
  app.route('/', procedureRoutes());
  app.route('/', monthlyReportRoutes());
  app.route('/', cockpitRoutes());
  app.route('/', milestoneRoutes());
  app.route('/', inboxRoutes());
  app.route('/', targetRoutes());

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Groundwork 县域项目建设全生命周期管理平台 API', version: VERSION },
    servers: [{ url: '/' }],
  });
  app.get('/api/docs', swaggerUI({ url: '/api/openapi.json' }));

  app.all('/api/*', () => {
    throw new AppError('NOT_FOUND', '接口不存在');
  });

  // The web app: built files, and index.html for every client-side route.
  app.use('/*', serveStatic({ root: path.relative(process.cwd(), WEB_DIST) }));
  app.get('*', (c) => {
    const index = path.join(WEB_DIST, 'index.html');
    if (!fs.existsSync(index)) return c.text('Web app not built: run `npm run build`.', 503);
    return c.html(fs.readFileSync(index, 'utf8'));
  });
  return app;
}
