import type { AuthRequest, Session } from 'lucia';

import type { FormPage } from './form-page.js';

declare global {
  namespace Express {
    interface Locals {
      /** Lucia's per-request object, set by attachAuth. */
      auth: AuthRequest<Lucia.Auth>;
      /** Validates the session cookie once a request; set by attachAuth. */
      validateSession: () => Promise<Session | null>;
      /** The validated session, set by requireSession. */
      session: Session;
      /** The page to render again with its error, for forms posted without htmx. */
      formPage?: FormPage;
      /** Per-request id, also sent as X-Request-Id and logged with every line. */
      requestId: string;
    }
  }
}
