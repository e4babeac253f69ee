import { Router } from 'express';

import type { Auth } from '../../auth/lucia.js';
import { redirectSignedIn } from '../../auth/middleware.js';
import type { VerifyKey } from '../../auth/password-upgrade.js';
import { formPage, pageContext, type FormPage } from '../../http/form-page.js';
import { redirect } from '../../http/htmx.js';
import { LOGIN_RULES, parseLogin } from './schema.js';
import { logIn } from './service.js';

const LOGIN_PAGE: FormPage = { view: 'pages/login.njk', title: 'Sign in', keptFields: ['username'], context: { rules: LOGIN_RULES } };

export function createLoginRoutes(auth: Auth, verifyKey: VerifyKey): Router {
  const router = Router();

  router.get('/login', redirectSignedIn('/'), (_req, res) => {
    res.render(LOGIN_PAGE.view, pageContext(LOGIN_PAGE));
  });

  router.post('/login', formPage(LOGIN_PAGE), async (req, res) => {
    const credentials = parseLogin(req.body);

    const session = await logIn(auth, verifyKey, credentials);

    res.locals.auth.setSession(session);
    redirect(req, res, '/');
  });

  return router;
}
