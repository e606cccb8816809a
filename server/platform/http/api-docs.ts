import fs from 'node:fs';
import path from 'node:path';
import type { Hono } from 'hono';
import { ROOT } from '../version';
import type { AppEnv } from './context';

/** The files of swagger-ui-dist the page loads, served from our origin (never a public CDN). */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};
const DIST = path.join(ROOT, 'node_modules/swagger-ui-dist');

const PAGE = `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <title>Groundwork 接口文档</title>
    <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/api/docs/init.js"></script>
  </body>
</html>
`;

// A file, not an inline script: the Content-Security-Policy allows scripts from our origin only.
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n`;

/** The interactive API documentation at /api/docs (Swagger UI from node_modules, under the app's CSP). */
export function mountApiDocs(app: Hono<AppEnv>): void {
  app.get('/api/docs', (c) => c.html(PAGE));
  app.get('/api/docs/init.js', (c) => c.body(INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  app.get('/api/docs/assets/:file', (c) => {
    const file = c.req.param('file');
    const type = ASSETS[file];
    if (!type) return c.json({ error: { code: 'NOT_FOUND', message: '文件不存在' } }, 404);
    return c.body(fs.readFileSync(path.join(DIST, file)), 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
  });
}
