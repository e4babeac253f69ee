import { ERROR_CODES, type ErrorCode } from './error-codes.js';

/** An error with a code from ERROR_CODES; the error handler turns it into a response. */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly code: ErrorCode;
  readonly status: number;

  constructor(code: ErrorCode, options?: ErrorOptions) {
    super(ERROR_CODES[code].message, options);
    this.code = code;
    this.status = ERROR_CODES[code].status;
  }
}

type BodyParserError = Error & { type?: string; status?: number };

/** Maps any thrown value to an HttpError; anything unexpected becomes UNKNOWN (500). */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;

  // Errors from express.json() and express.urlencoded() carry a `type`.
  const type = (error as BodyParserError | null)?.type;
  if (type === 'entity.too.large') return new HttpError('BODY_TOO_LARGE', { cause: error });
  if (type === 'entity.parse.failed' || type === 'parameters.too.many' || type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new HttpError('INVALID_BODY', { cause: error });
  }

  return new HttpError('UNKNOWN', { cause: error });
}
