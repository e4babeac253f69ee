import express, { type Express } from 'express';

import { createAuthentication } from './auth/index.js';
import { attachAuth } from './auth/middleware.js';
import type { Config } from './config.js';
import type { Database } from './db/connection.js';
import { createAccountRoutes } from './features/account/routes.js';
import { createLoginRoutes } from './features/login/routes.js';
import { createLogoutRoutes } from './features/logout/routes.js';
import { createSignupRoutes } from './features/signup/routes.js';
import { createErrorHandler, notFound } from './http/error-handler.js';
import { logRequests } from './http/request-log.js';
import type { Logger } from './logger.js';
import { configureViews } from './views/nunjucks.js';
import { HTMX_FILE, PUBLIC_DIR } from './views/paths.js';

export type AppDependencies = Readonly<{
  config: Config;
  logger: Logger;
  database: Database;
}>;

// Forms hold two short fields; anything much larger is not a sign-in.
const BODY_LIMIT = '16kb';

/** Builds the Express app. It never listens: main.ts does, and tests use supertest. */
export function createApp({ config, logger, database }: AppDependencies): Express {
  const app = express();
  const production = config.env === 'production';
  const { auth, verifyKey } = createAuthentication(config, database.models, logger);

  app.disable('x-powered-by');
  configureViews(app, production);

  app.use(logRequests(logger));

  app.get('/static/htmx.min.js', (_req, res) => res.sendFile(HTMX_FILE, { maxAge: '1d' }));
  app.use('/static', express.static(PUBLIC_DIR, { maxAge: production ? '1d' : 0 }));

  // extended: false parses with querystring, so `a[b]=c` stays a flat string key, never an object.
  app.use(express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 20 }));
  app.use(express.json({ limit: BODY_LIMIT }));

  app.use(attachAuth(auth));

  app.use(createSignupRoutes(auth));
  app.use(createLoginRoutes(auth, verifyKey));
  app.use(createAccountRoutes());
  app.use(createLogoutRoutes(auth));

  app.use(notFound);
  app.use(createErrorHandler(logger));
  return app;
}
