import type { RequestHandler, Response } from 'express';
import type { Session } from 'lucia';

import { HttpError } from '../http/errors.js';
import { redirect } from '../http/htmx.js';
import type { Auth } from './lucia.js';

/**
 * Creates Lucia's per-request object and `res.locals.validateSession`, which validates
 * the session cookie at most once a request.
 */
export function attachAuth(auth: Auth): RequestHandler {
  return (req, res, next) => {
    res.locals.auth = auth.handleRequest(req, res);

    let validation: Promise<Session | null> | undefined;
    res.locals.validateSession = () => (validation ??= validateAndRenewCookie(auth, res));
    next();
  };
}

/**
 * Lucia 2.7.7 renews an idle session in the database under the same id, and its
 * request object skips the cookie because the id did not change, so the browser would
 * drop the cookie at its old expiry. A renewed (fresh) session gets a new cookie here.
 */
async function validateAndRenewCookie(auth: Auth, res: Response): Promise<Session | null> {
  const session = await res.locals.auth.validate();
  if (session?.fresh) res.append('Set-Cookie', auth.createSessionCookie(session).serialize());
  return session;
}

export type MissingSession = 'redirect-to-login' | 'unauthorized';

/**
 * Lets the request through only with a valid session, stored in res.locals.session.
 * Without one, pages redirect to /login and actions fail with NOT_SIGNED_IN (401).
 * Database errors from validate() go to the error handler as server errors.
 */
export function requireSession(whenMissing: MissingSession): RequestHandler {
  return async (req, res, next) => {
    const session = await res.locals.validateSession();
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
    const session = await res.locals.validateSession();
    if (session) {
      redirect(req, res, target);
      return;
    }
    next();
  };
}
