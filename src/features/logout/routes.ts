import { Router } from 'express';

import type { Auth } from '../../auth/lucia.js';
import { requireSession } from '../../auth/middleware.js';
import { redirect } from '../../http/htmx.js';

export function createLogoutRoutes(auth: Auth): Router {
  const router = Router();

  // requireSession runs Lucia's origin check: a cross-site POST has no session and gets 401.
  router.post('/logout', requireSession('unauthorized'), async (req, res) => {
    await auth.invalidateSession(res.locals.session.sessionId);

    res.locals.auth.setSession(null);
    redirect(req, res, '/login');
  });

  return router;
}
