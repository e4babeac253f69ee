import { Router } from 'express';

import { requireSession } from '../../auth/middleware.js';
import { toAccountView } from './view-model.js';

export function createAccountRoutes(): Router {
  const router = Router();

  router.get('/', requireSession('redirect-to-login'), (_req, res) => {
    res.render('pages/account.njk', { title: 'Your account', account: toAccountView(res.locals.session.user) });
  });

  return router;
}
