/** Every error code the API answers with, and its HTTP status. One list, one table. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  DUPLICATE: 409,
  PERIOD_NOT_STARTED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ACCOUNT_LOCKED: 423,
  TOO_MANY_REQUESTS: 429,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** Default Chinese message per code, used when the thrower gives none. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: '输入有误，请检查后重试',
  MALFORMED_JSON: '请求内容不是有效的 JSON',
  UNAUTHENTICATED: '请先登录',
  INVALID_CREDENTIALS: '用户名或密码错误',
  SESSION_EXPIRED: '登录已超时，请重新登录',
  FORBIDDEN: '您没有执行此操作的权限',
  CSRF_REJECTED: '请求来源校验失败，请刷新页面后重试',
  PASSWORD_CHANGE_REQUIRED: '首次登录须先修改密码',
  NOT_FOUND: '记录不存在或您无权查看',
  CONFLICT: '操作与当前数据状态冲突',
  VERSION_CONFLICT: '该记录已被他人修改，请刷新后再保存',
  DUPLICATE: '记录已存在',
  PERIOD_NOT_STARTED: '该报送期尚未开始，不能填报',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型',
  ACCOUNT_LOCKED: '账号已锁定，请稍后再试',
  TOO_MANY_REQUESTS: '请求过于频繁，请稍后再试',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  INTERNAL: '系统内部错误，请稍后重试或联系管理员',
};

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string; details?: Record<string, unknown> };
}
