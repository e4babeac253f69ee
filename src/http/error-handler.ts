import type { ErrorRequestHandler, RequestHandler } from 'express';

import type { Logger } from '../logger.js';
import { HttpError, toHttpError } from './errors.js';
import { sendError } from './respond.js';

/** Turns every unmatched route into NOT_FOUND, for the error handler. */
export const notFound: RequestHandler = (_req, _res, next) => {
  next(new HttpError('NOT_FOUND'));
};

/**
 * The one error handler: logs server errors once, with the request id, and sends the
 * response through sendError. Client errors (4xx) are logged by the request log only.
 */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    const httpError = toHttpError(error);
    if (httpError.status >= 500) {
      logger.error({ err: httpError.cause ?? httpError, requestId: res.locals.requestId, method: req.method, path: req.path }, 'request failed');
    }

    // Express closes the connection when the response has started; nothing else can be sent.
    if (res.headersSent) {
      next(error);
      return;
    }

    try {
      sendError(req, res, httpError);
    } catch (renderError) {
      logger.error({ err: renderError, requestId: res.locals.requestId }, 'error response failed to render');
      res.status(httpError.status).type('text/plain').send(httpError.message);
    }
  };
}
