import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Hook } from '@hono/zod-openapi';
import { AppError } from './errors';
import type { Permission } from '../../../common/permissions';
import type { AppEnv } from './context';
import { requirePermission } from './middleware';

z.config(z.locales.zhCN());

/** Turns the first zod issue into our 400 answer, naming the field. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (result.success) return;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  const message = issue ? `${field ? `字段 ${field}：` : ''}${issue.message}` : undefined;
  throw new AppError('VALIDATION_FAILED', message, { field });
};

/** A router whose every input is validated by its zod schema, failing with our error body. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

/** The error body schema, for documenting error answers. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'VALIDATION_FAILED' }),
      message: z.string().openapi({ example: '输入有误，请检查后重试' }),
      field: z.string().optional(),
    }),
  })
  .openapi('Error');

/** Standard error answers, to spread into a route's `responses`. */
export const errorResponses = {
  400: { description: '输入有误', content: { 'application/json': { schema: ErrorSchema } } },
  401: { description: '未登录', content: { 'application/json': { schema: ErrorSchema } } },
  403: { description: '无权限', content: { 'application/json': { schema: ErrorSchema } } },
  404: { description: '不存在或不在数据范围内', content: { 'application/json': { schema: ErrorSchema } } },
  409: { description: '版本冲突', content: { 'application/json': { schema: ErrorSchema } } },
} as const;

type RouteConfig = Parameters<typeof createRoute>[0];
type Middleware = ReturnType<typeof requirePermission>;

/**
 * Declares a route with the permission it needs (or `null` when any logged-in user may call
 * it). The permission is enforced by middleware and written into the OpenAPI document as
 * `x-permission`, so tests can walk every route against the role table.
 */
export function defineRoute<R extends Omit<RouteConfig, 'middleware'>>(
  config: R & { permission: Permission | null; middleware?: Middleware[] },
) {
  const { permission, middleware = [], ...rest } = config;
  const guards = permission ? [requirePermission(permission)] : [];
  return createRoute({
    ...rest,
    middleware: [...guards, ...middleware],
    'x-permission': permission,
  } as unknown as R & { 'x-permission': Permission | null });
}

/** A JSON response of a route, for `responses`. */
export function jsonResponse<T extends z.ZodTypeAny>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** A required JSON request body, to spread into `request`. */
export function jsonBody<T extends z.ZodTypeAny>(schema: T) {
  return { body: { content: { 'application/json': { schema } }, required: true } };
}
