import type { RequestHandler } from 'express';

/** A page with a form, rendered again with its error when the form is posted without htmx. */
export type FormPage = Readonly<{
  view: string;
  title: string;
  /** Body fields echoed back into the form. Never list a password field. */
  keptFields: readonly string[];
  /** Fixed template values, such as the length rules the form shows. */
  context: Readonly<Record<string, unknown>>;
}>;

/** Marks the route's form page, for the error handler. */
export function formPage(page: FormPage): RequestHandler {
  return (_req, res, next) => {
    res.locals.formPage = page;
    next();
  };
}

/** Picks the kept fields from a parsed body; anything that is not a string becomes ''. */
export function keptValues(page: FormPage, body: unknown): Record<string, string> {
  const source = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const field of page.keptFields) {
    const value = source[field];
    values[field] = typeof value === 'string' ? value : '';
  }
  return values;
}

/** Builds the page's template values, with an optional error and the values to show in the form. */
export function pageContext(page: FormPage, values: Record<string, string> = {}, error?: string): Record<string, unknown> {
  return { ...page.context, title: page.title, values, error };
}
