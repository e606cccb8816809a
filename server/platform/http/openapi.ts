import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Hook } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from './errors';
import type { Permission } from '../../../common/permissions';
import type { AppEnv } from './context';
import { screenInput } from './input-screen';
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

/** The largest JSON body any route takes. */
export const MAX_JSON_BYTES = 2 * 1024 * 1024;

/** An upload route's limit: the file's size (the multipart envelope gets 64 kB on top) and what the file is, for the message. */
export interface UploadLimit {
  maxBytes: number;
  /** What is uploaded, in the refusal: 「单个文件」「台账文件」「单张照片」. */
  what: string;
  /** The form field holding the file (default `file`). */
  field?: string;
}

/** Who may call a route: anyone (`public`), any logged-in user (`null`), or holders of a permission. */
export type RouteAccess = 'public' | Permission | null;

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

function isMultipart(config: { request?: { body?: { content?: Record<string, unknown> } } }): boolean {
  return Boolean(config.request?.body?.content && 'multipart/form-data' in config.request.body.content);
}

/** A body limit answering our 413 with a Chinese message (naming the file field for uploads). */
function limitBody(maxSize: number, message?: string, field?: string) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError('PAYLOAD_TOO_LARGE', message, field ? { field } : undefined);
    },
  });
}

/**
 * Declares a route with who may call it. `permission` is enforced by middleware and written
 * into the OpenAPI document as `x-permission` (null: any logged-in user); `access: 'public'`
 * opens it to callers without a session (`x-access`). Every body is limited on the route: a
 * JSON body to 2 MB; a multipart body must declare `upload: { maxBytes, what }` (`x-upload-max-bytes`),
 * and a route with a multipart body and no limit is refused when it is defined.
 */
export function defineRoute<R extends Omit<RouteConfig, 'middleware'>>(
  config: R & { permission: Permission | null; access?: 'public'; upload?: UploadLimit; middleware?: Middleware[] },
) {
  const { permission, access, upload, middleware = [], ...rest } = config;
  const label = `${rest.method.toUpperCase()} ${rest.path}`;
  if (access === 'public' && permission !== null) throw new Error(`${label}: a public route takes no permission`);
  const multipart = isMultipart(rest);
  if (multipart && !upload) throw new Error(`${label}: an upload route must declare upload.maxBytes`);
  if (upload && !multipart) throw new Error(`${label}: upload is declared but the body is not multipart/form-data`);
  const limit = upload
    ? limitBody(upload.maxBytes + 64 * 1024, `${upload.what}不能超过 ${formatMegabytes(upload.maxBytes)}`, upload.field ?? 'file')
    : limitBody(MAX_JSON_BYTES);
  const guards = permission ? [requirePermission(permission)] : [];
  return createRoute({
    ...rest,
    middleware: [limit, ...guards, ...middleware, screenInput],
    'x-permission': permission,
    ...(access ? { 'x-access': access } : {}),
    ...(upload ? { 'x-upload-max-bytes': upload.maxBytes } : {}),
  } as unknown as R & { 'x-permission': Permission | null });
}

/** The routes of an OpenAPI router open to callers without a session (`access: 'public'`), as `METHOD path` with Hono's `:param`. */
export function publicRoutesOf(app: OpenAPIHono<AppEnv>): Array<{ method: string; path: RegExp }> {
  return app.openAPIRegistry.definitions.flatMap((d) => {
    if (d.type !== 'route' || (d.route as { 'x-access'?: string })['x-access'] !== 'public') return [];
    const pattern = d.route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
    return [{ method: d.route.method.toUpperCase(), path: new RegExp(`^${pattern}$`) }];
  });
}

/** A JSON response of a route, for `responses`. */
export function jsonResponse<T extends z.ZodTypeAny>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** A required JSON request body, to spread into `request`. */
export function jsonBody<T extends z.ZodTypeAny>(schema: T) {
  return { body: { content: { 'application/json': { schema } }, required: true } };
}
