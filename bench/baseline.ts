import type { RequestHandler } from 'express';
import { DEFAULT_SESSION_COOKIE_NAME } from 'lucia';

import type { Models } from '../src/db/models/index.js';

// The same projection as the app's adapter, so both read the same fields.
const PROJECTION = { __v: 0 } as const;

/**
 * Serves the account page the way the app does without Lucia: reads the session by
 * `_id`, then its user by `_id`, and renders the same template with the same values.
 * Missing, unknown or expired (past idle_expires, as in Lucia) sessions get 401, which the benchmark counts as unexpected.
 */
export function createBaselineRoute(models: Models): RequestHandler {
  return async (req, res) => {
    const sessionId = readCookie(req.headers.cookie, DEFAULT_SESSION_COOKIE_NAME);
    const session = sessionId ? await models.Session.findById(sessionId, PROJECTION).lean() : null;
    if (!session || session.idle_expires <= Date.now()) {
      res.status(401).end();
      return;
    }

    const user = await models.User.findById(session.user_id, PROJECTION).lean();
    if (!user) {
      res.status(401).end();
      return;
    }

    res.render('pages/account.njk', { title: 'Your account', account: { userId: user._id, username: user.username } });
  };
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const pair of header?.split(';') ?? []) {
    const separator = pair.indexOf('=');
    if (separator !== -1 && pair.slice(0, separator).trim() === name) return decodeURIComponent(pair.slice(separator + 1).trim());
  }
  return undefined;
}
