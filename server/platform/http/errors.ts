import { ERROR_MESSAGES, ERROR_STATUS, type ErrorBody, type ErrorCode } from '../../../common/errors';

/** An error the API reports to its caller: a code from the one list, a Chinese message, maybe a field. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  /** Extra structured detail for the client (e.g. when a lock ends). */
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message?: string, options: { field?: string; details?: Record<string, unknown> } = {}) {
    super(message ?? ERROR_MESSAGES[code]);
    this.code = code;
    this.field = options.field;
    this.details = options.details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field ? { field: this.field } : {}),
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
}

/** Throws NOT_FOUND: used both for missing records and for records outside the caller's scope. */
export function notFound(message?: string): never {
  throw new AppError('NOT_FOUND', message);
}

/** Throws FORBIDDEN. */
export function forbidden(message?: string): never {
  throw new AppError('FORBIDDEN', message);
}
