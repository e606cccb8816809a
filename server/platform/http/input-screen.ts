import { createMiddleware } from 'hono/factory';
import { AppError } from './errors';

/** Deepest nesting of arrays and objects a JSON body may have (our deepest schema needs 6). */
export const MAX_JSON_DEPTH = 32;

/**
 * The nesting depth of a JSON text, by one pass over its characters without parsing it, so a
 * megabyte of `[[[[…` is refused in milliseconds instead of occupying the event loop.
 */
export function jsonDepth(text: string, stopAbove = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 91 /* [ */ || ch === 123 /* { */) {
      if (++depth > deepest && (deepest = depth) > stopAbove) return deepest;
    } else if (ch === 93 /* ] */ || ch === 125 /* } */) depth--;
  }
  return deepest;
}

/** The path (`a.b[2]`) of the first string holding a NUL character, or null. */
export function nulPath(value: unknown, at = ''): string | null {
  if (typeof value === 'string') return value.includes('\0') ? at || '(body)' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], `${at}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\0')) return at ? `${at}.${key}` : key;
      const found = nulPath(item, at ? `${at}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

const NUL_MESSAGE = '输入中含有不允许的控制字符（NUL），请删除后重试';

/**
 * Refuses, with a 400 naming the field, what PostgreSQL cannot store and what would stall the
 * server: NUL characters in the query, path or JSON body, and JSON nested deeper than
 * MAX_JSON_DEPTH. Runs after the route's body limit, before validation parses the body.
 */
export const screenInput = createMiddleware(async (c, next) => {
  const url = new URL(c.req.url);
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    throw new AppError('VALIDATION_FAILED', '请求地址的编码不正确');
  }
  if (path.includes('\0')) throw new AppError('VALIDATION_FAILED', NUL_MESSAGE);
  for (const [key, value] of url.searchParams) {
    if (key.includes('\0') || value.includes('\0')) throw new AppError('VALIDATION_FAILED', NUL_MESSAGE, { field: key.replace(/\0/g, '') });
  }
  if (c.req.header('content-type')?.startsWith('application/json')) {
    const text = await c.req.text();
    if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) throw new AppError('VALIDATION_FAILED', `请求内容的嵌套层级过深（最多 ${MAX_JSON_DEPTH} 层）`);
    if (text.includes('\0') || /\\u0000/i.test(text)) {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new AppError('MALFORMED_JSON', '请求内容格式不正确（JSON 无法解析）');
      }
      const field = nulPath(body);
      if (field) throw new AppError('VALIDATION_FAILED', NUL_MESSAGE, { field });
    }
  }
  await next();
});
