import type { Request, Response } from 'express';

/** Tells whether htmx sent the request, so the response must be a fragment or an HX-Redirect. */
export function isHtmxRequest(req: Request): boolean {
  return req.get('HX-Request') === 'true';
}

/**
 * Sends the visitor to `target`. htmx ignores the headers of a 3xx (fetch follows it
 * and htmx would swap the next page into the form), so htmx gets a 204 with HX-Redirect.
 */
export function redirect(req: Request, res: Response, target: string): void {
  if (isHtmxRequest(req)) {
    res.set('HX-Redirect', target).status(204).end();
    return;
  }
  res.redirect(302, target);
}
