import type { Request, Response } from 'express';

import type { HttpError } from './errors.js';
import { keptValues, pageContext } from './form-page.js';
import { isHtmxRequest } from './htmx.js';

/**
 * Sends an error in the form the client can use:
 * - htmx: the form-error fragment, which htmx swaps into the form's error region;
 * - a client that prefers JSON (its Accept header ranks JSON above HTML): `{ error: { code, message } }`;
 * - a form page posted without JavaScript: the whole page again, with the error and the kept fields;
 * - anything else: the error page.
 * The status is the error's in every case.
 */
export function sendError(req: Request, res: Response, error: HttpError): void {
  res.status(error.status);

  if (isHtmxRequest(req)) {
    res.render('fragments/form-error.njk', { message: error.message });
    return;
  }

  if (req.accepts(['html', 'json']) === 'json') {
    res.json({ error: { code: error.code, message: error.message } });
    return;
  }

  const page = res.locals.formPage;
  if (page && req.method === 'POST') {
    res.render(page.view, pageContext(page, keptValues(page, req.body), error.message));
    return;
  }

  res.render('errors/error.njk', { title: error.message, status: error.status, message: error.message });
}
