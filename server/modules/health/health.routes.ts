import { z } from '@hono/zod-openapi';
import { createRouter, defineRoute } from '../../platform/http/openapi';
import { VERSION } from '../../platform/version';

const Health = z
  .object({
    status: z.literal('ok'),
    database: z.enum(['embedded', 'postgres']),
    /** Only for a signed-in administrator: the version tells an attacker which flaws to try. */
    version: z.string().optional(),
    time: z.string(),
  })
  .openapi('Health');

const healthRoute = defineRoute({
  method: 'get',
  path: '/api/health',
  tags: ['系统'],
  summary: '健康检查',
  permission: null,
  access: 'public',
  responses: { 200: { description: '服务正常', content: { 'application/json': { schema: Health } } } },
});

/** Liveness and which database is behind the server. */
export function healthRoutes() {
  return createRouter().openapi(healthRoute, async (c) => {
    const { database } = c.get('deps');
    await database.query('select 1');
    const isAdmin = c.get('actor')?.role === 'admin';
    return c.json({ status: 'ok' as const, database: database.kind, ...(isAdmin ? { version: VERSION } : {}), time: new Date().toISOString() }, 200);
  });
}
