import { lucia, type Configuration } from 'lucia';
import { express } from 'lucia/middleware';

import type { Models } from '../db/models/index.js';
import { createAdapter } from './adapter.js';

export type AuthOptions = {
  models: Models;
  /** Lucia's `env`: PROD marks the session cookie Secure. */
  production: boolean;
  /** Omitted: Lucia's own scrypt, kept as the benchmark's reference. */
  passwordHash?: Configuration['passwordHash'];
};

/**
 * Creates the Lucia instance. Lucia's origin check (csrfProtection) stays on, so
 * `validate()` on a POST whose Origin header differs from its Host returns no session.
 */
export function createAuth(options: AuthOptions) {
  return lucia({
    adapter: createAdapter(options.models),
    env: options.production ? 'PROD' : 'DEV',
    middleware: express(),
    ...(options.passwordHash ? { passwordHash: options.passwordHash } : {}),
    getUserAttributes: (databaseUser) => ({ username: databaseUser.username }),
  });
}

export type Auth = ReturnType<typeof createAuth>;
