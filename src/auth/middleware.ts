import type { RequestHandler } from 'express';

import { HttpError } from '../http/errors.js';
import { redirect } from '../http/htmx.js';
import type { Auth } from './lucia.js';

/** Creates Lucia's per-request object; it validates the session at most once a request. */
export function attachAuth(auth: Auth): RequestHandler {
  return (req, res, next) => {
    res.locals.auth = auth.handleRequest(req, res);
    next();
  };
}

export type MissingSession = 'redirect-to-login' | 'unauthorized';

/**
 * Lets the request through only with a valid session, stored in res.locals.session.
 * Without one, pages redirect to /login and actions fail with NOT_SIGNED_IN (401).
 * Database errors from validate() go to the error handler as server errors.
 */
export function requireSession(whenMissing: MissingSession): RequestHandler {
  return async (req, res, next) => {
    const session = await res.locals.auth.validate();
    if (session) {
      res.locals.session = session;
      next();
      return;
    }

    if (whenMissing === 'unauthorized') throw new HttpError('NOT_SIGNED_IN');
    redirect(req, res, '/login');
  };
}

/** Sends a signed-in visitor from the sign-in and sign-up pages to their account. */
export function redirectSignedIn(target: string): RequestHandler {
  return async (req, res, next) => {
    const session = await res.locals.auth.validate();
    if (session) {
      redirect(req, res, target);
      return;
    }
    next();
  };
}
