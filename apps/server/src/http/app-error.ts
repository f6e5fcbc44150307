import { ERROR_CODES, type ErrorCode } from '@yss/contracts';

/**
 * The one error type business code throws. `detail` is for people (Chinese, says what to do next);
 * `code` is for programs and never changes meaning.
 */
export class AppError extends Error {
  readonly status: number;
  readonly title: string;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly errors?: { path: string; message: string }[],
  ) {
    super(`${code}: ${detail}`);
    const spec = ERROR_CODES[code];
    this.status = spec.status;
    this.title = spec.title;
  }
}
