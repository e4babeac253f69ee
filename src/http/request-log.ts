import { randomUUID } from 'node:crypto';

import type { RequestHandler } from 'express';

import type { Logger } from '../logger.js';

// An incoming X-Request-Id is reused only when it looks like an id, so logs cannot be forged.
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Gives every request an id (X-Request-Id) and logs one line when its response ends:
 * method, path without the query string, status and duration in milliseconds.
 * Bodies, cookies and headers are never logged.
 */
export function logRequests(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('X-Request-Id');
    const requestId = incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.set('X-Request-Id', requestId);

    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ requestId, method: req.method, path: pathOf(req.originalUrl), status: res.statusCode, durationMs: Math.round(durationMs * 10) / 10 }, 'request');
    });
    next();
  };
}

// req.path is relative to the mount point (such as /static) of the router that ended the
// request. The original URL keeps the full path, so the log uses it without the query string.
function pathOf(originalUrl: string): string {
  const queryStart = originalUrl.indexOf('?');
  return queryStart === -1 ? originalUrl : originalUrl.slice(0, queryStart);
}
