import type { Express } from 'express';
import nunjucks from 'nunjucks';

import { TEMPLATES_DIR } from './paths.js';

/**
 * Makes Nunjucks the app's view engine. Autoescaping is on, so every `{{ value }}`
 * is HTML-escaped; templates are cached in production and reread in development.
 */
export function configureViews(app: Express, production: boolean): nunjucks.Environment {
  const environment = nunjucks.configure(TEMPLATES_DIR, {
    autoescape: true,
    express: app,
    noCache: !production,
    throwOnUndefined: false,
  });
  app.set('view engine', 'njk');
  return environment;
}
