import { Router } from 'express';

import type { Auth } from '../../auth/lucia.js';
import { redirectSignedIn } from '../../auth/middleware.js';
import { formPage, pageContext, type FormPage } from '../../http/form-page.js';
import { redirect } from '../../http/htmx.js';
import { SIGNUP_RULES, parseSignup } from './schema.js';
import { signUp } from './service.js';

const SIGNUP_PAGE: FormPage = { view: 'pages/signup.njk', title: 'Sign up', keptFields: ['username'], context: { rules: SIGNUP_RULES } };

export function createSignupRoutes(auth: Auth): Router {
  const router = Router();

  router.get('/signup', redirectSignedIn('/'), (_req, res) => {
    res.render(SIGNUP_PAGE.view, pageContext(SIGNUP_PAGE));
  });

  router.post('/signup', formPage(SIGNUP_PAGE), async (req, res) => {
    const credentials = parseSignup(req.body);

    const session = await signUp(auth, credentials);

    res.locals.auth.setSession(session);
    redirect(req, res, '/');
  });

  return router;
}
