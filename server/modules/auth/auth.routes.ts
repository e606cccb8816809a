import { deleteCookie, setCookie } from 'hono/cookie';
import { bodyLimit } from 'hono/body-limit';
import { loadActor } from '../../platform/auth/actor';
import { CSRF_COOKIE, SESSION_COOKIE } from '../../platform/auth/sessions';
import type { Config } from '../../platform/config';
import type { AppEnv } from '../../platform/http/context';
import { AppError } from '../../platform/http/errors';
import { clientIp, requireActor } from '../../platform/http/middleware';
import { createRouter, defineRoute, errorResponses } from '../../platform/http/openapi';
import { ChangePasswordBody, LoginBody, LoginResponse, Me } from './auth.schemas';
import { changeOwnPassword, login, logout, presentMe } from './auth.service';
import type { Context } from 'hono';

function setSessionCookies(c: Context<AppEnv>, config: Config, token: string, csrfToken: string): void {
  const secure = config.secureCookies || c.req.header('x-forwarded-proto') === 'https';
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure, path: '/' });
  setCookie(c, CSRF_COOKIE, csrfToken, { httpOnly: false, sameSite: 'Lax', secure, path: '/' });
}

const loginRoute = defineRoute({
  method: 'post',
  path: '/api/auth/login',
  tags: ['认证'],
  summary: '登录',
  permission: null,
  access: 'public',
  middleware: [
    bodyLimit({
      maxSize: 8 * 1024,
      onError: () => {
        throw new AppError('PAYLOAD_TOO_LARGE');
      },
    }),
  ],
  request: { body: { content: { 'application/json': { schema: LoginBody } }, required: true } },
  responses: {
    200: { description: '登录成功', content: { 'application/json': { schema: LoginResponse } } },
    401: errorResponses[401],
    423: { description: '账号已锁定', content: { 'application/json': { schema: errorResponses[401].content['application/json'].schema } } },
    429: { description: '该地址登录失败次数过多，稍后再试', content: { 'application/json': { schema: errorResponses[401].content['application/json'].schema } } },
  },
});

const logoutRoute = defineRoute({
  method: 'post',
  path: '/api/auth/logout',
  tags: ['认证'],
  summary: '退出登录',
  permission: null,
  responses: { 204: { description: '已退出' }, 401: errorResponses[401] },
});

const meRoute = defineRoute({
  method: 'get',
  path: '/api/me',
  tags: ['认证'],
  summary: '当前用户、角色、单位与权限',
  permission: null,
  responses: { 200: { description: '当前用户', content: { 'application/json': { schema: Me } } }, 401: errorResponses[401] },
});

const passwordRoute = defineRoute({
  method: 'post',
  path: '/api/auth/password',
  tags: ['认证'],
  summary: '修改本人密码',
  permission: null,
  request: { body: { content: { 'application/json': { schema: ChangePasswordBody } }, required: true } },
  responses: { 204: { description: '已修改' }, 400: errorResponses[400], 401: errorResponses[401] },
});

/** Login, logout, the current user and password change. */
export function authRoutes() {
  return createRouter()
    .openapi(loginRoute, async (c) => {
      const { database, config } = c.get('deps');
      const body = c.req.valid('json');
      const result = await login(database, config, {
        username: body.username,
        password: body.password,
        ip: clientIp(c),
        userAgent: c.req.header('user-agent') ?? null,
      });
      setSessionCookies(c, config, result.token, result.csrfToken);
      const actor = await loadActor(database.db, result.userId, clientIp(c), config.passwordMaxAgeDays);
      if (!actor) throw new AppError('INVALID_CREDENTIALS');
      return c.json({ user: await presentMe(database.db, actor, result.csrfToken, config.passwordWarnDays), csrfToken: result.csrfToken }, 200);
    })
    .openapi(logoutRoute, async (c) => {
      const actor = requireActor(c);
      await logout(c.get('deps').database, actor, c.get('sessionTokenHash')!);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      deleteCookie(c, CSRF_COOKIE, { path: '/' });
      return c.body(null, 204);
    })
    .openapi(meRoute, async (c) => {
      const actor = requireActor(c);
      const { database, config } = c.get('deps');
      return c.json(await presentMe(database.db, actor, c.get('csrfToken')!, config.passwordWarnDays), 200);
    })
    .openapi(passwordRoute, async (c) => {
      const actor = requireActor(c);
      const body = c.req.valid('json');
      await changeOwnPassword(c.get('deps').database, actor, { ...body, keepSessionHash: c.get('sessionTokenHash')! });
      return c.body(null, 204);
    });
}
