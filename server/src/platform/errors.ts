import { errorStatus, type ErrorCode } from '@maum/protocol';

export { errorStatus, type ErrorCode };

/**
 * The one error type. Services throw it; the HTTP layer maps `code` to a status through `errorStatus`
 * (protocol/src/errors.ts), and the realtime gateway turns it into an error frame.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  /** Seconds the caller should wait before trying again (`rate_limited`). */
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, message: string, options: { retryAfter?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryAfter = options.retryAfter;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}
