import type { ErrorCode } from '../../../common/errors';
import { ERROR_MESSAGES } from '../../../common/errors';

/** An error answer of the API, parsed from `{error:{code,message,field,details}}`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK';
  readonly field?: string;
  readonly details?: Record<string, unknown>;

  constructor(options: {
    status: number;
    code: ErrorCode | 'NETWORK';
    message: string;
    field?: string;
    details?: Record<string, unknown>;
  }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.field = options.field;
    this.details = options.details;
  }
}

/** Whether a thrown value is an API error (optionally of the given code). */
export function isApiError(value: unknown, code?: ApiError['code']): value is ApiError {
  return value instanceof ApiError && (code === undefined || value.code === code);
}

const CSRF_COOKIE = 'gw_csrf';
const CSRF_HEADER = 'X-CSRF-Token';
let csrfToken: string | null = null;

/** Remembers the CSRF token the server gave at login or in `/api/me`. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

function readCsrfCookie(): string | null {
  const hit = document.cookie.split('; ').find((part) => part.startsWith(`${CSRF_COOKIE}=`));
  return hit ? decodeURIComponent(hit.slice(CSRF_COOKIE.length + 1)) : null;
}

interface ClientHandlers {
  /** A call other than login answered 401: the session is gone. */
  onUnauthenticated: (error: ApiError) => void;
  /** The server refuses everything until the user changes the initial password. */
  onPasswordChangeRequired: (error: ApiError) => void;
}

let handlers: ClientHandlers | null = null;

/** Installs what the app does when the session ends or a password change is forced. */
export function setClientHandlers(next: ClientHandlers | null): void {
  handlers = next;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** Do not run the global 401 handler (login, and the first `/api/me` probe). */
  isSessionProbe?: boolean;
  /** Cancels the request; an aborted call rejects with the signal's reason (an `AbortError`), never an ApiError. */
  signal?: AbortSignal;
}

function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function parseError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const error = (body as { error?: { code?: string; message?: string; field?: string; details?: Record<string, unknown> } } | null)?.error;
  const code = (error?.code ?? (response.status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED')) as ErrorCode;
  return new ApiError({
    status: response.status,
    code,
    message: error?.message || ERROR_MESSAGES[code] || `请求失败（${response.status}）`,
    field: error?.field,
    details: error?.details,
  });
}

/** Calls the JSON API with the session cookie and the CSRF header; throws ApiError on failure. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const token = csrfToken ?? readCsrfCookie();
    if (token) headers[CSRF_HEADER] = token;
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (reason) {
    // A cancelled call is not a network failure: let the caller see the abort and ignore it.
    if (options.signal?.aborted) throw reason;
    throw new ApiError({ status: 0, code: 'NETWORK', message: '无法连接服务器，请检查网络后重试' });
  }

  if (!response.ok) {
    const error = await parseError(response);
    if (error.status === 401 && !options.isSessionProbe) handlers?.onUnauthenticated(error);
    if (error.code === 'PASSWORD_CHANGE_REQUIRED') handlers?.onPasswordChangeRequired(error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A page of a list endpoint. */
export interface Page<T> {
  data: T[];
  total: number;
}

/** Sends a file as `multipart/form-data` (field `file`) with the CSRF header; throws ApiError on failure. */
export async function apiUpload<T>(path: string, file: File | Blob, options: { query?: Query; fieldName?: string; fileName?: string } = {}): Promise<T> {
  const form = new FormData();
  if (options.fileName) form.append(options.fieldName ?? 'file', file, options.fileName);
  else form.append(options.fieldName ?? 'file', file);
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = csrfToken ?? readCsrfCookie();
  if (token) headers[CSRF_HEADER] = token;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), { method: 'POST', headers, credentials: 'same-origin', body: form });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK', message: '无法连接服务器，请检查网络后重试' });
  }
  if (!response.ok) {
    const error = await parseUploadError(response);
    if (error.status === 401) handlers?.onUnauthenticated(error);
    if (error.code === 'PASSWORD_CHANGE_REQUIRED') handlers?.onPasswordChangeRequired(error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The URL of a GET endpoint with query parameters (empty values dropped), for downloads. */
export function apiUrl(path: string, query?: Query): string {
  return buildUrl(path, query);
}

/** Like parseError, but keeps a body without an `error` envelope (e.g. `{problems}`) as details. */
async function parseUploadError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const envelope = (body as { error?: { code?: string; message?: string; field?: string; details?: Record<string, unknown> } } | null)?.error;
  const code = (envelope?.code ?? (response.status >= 500 ? 'INTERNAL' : response.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED')) as ErrorCode;
  const details = envelope ? envelope.details : body && typeof body === 'object' ? (body as Record<string, unknown>) : undefined;
  return new ApiError({
    status: response.status,
    code,
    message: envelope?.message || ERROR_MESSAGES[code] || `请求失败（${response.status}）`,
    field: envelope?.field,
    details,
  });
}
