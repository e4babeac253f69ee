import type { Config } from '../config.js';
import type { Models } from '../db/models/index.js';
import type { Logger } from '../logger.js';
import { createAuth, type Auth } from './lucia.js';
import { createPasswordHasher } from './password-hash.js';
import { createVerifyKey, validateNotingStrength, type VerifyKey } from './password-upgrade.js';

export type Authentication = Readonly<{
  auth: Auth;
  verifyKey: VerifyKey;
}>;

/**
 * Builds Lucia with the configured password hash. With PASSWORD_HASH=lucia-scrypt, Lucia
 * keeps its own scrypt and nothing is upgraded: that mode is the benchmark's reference.
 */
export function createAuthentication(config: Config, models: Models, logger: Logger): Authentication {
  const production = config.env === 'production';

  let auth: Auth;
  if (config.passwordHash.algorithm === 'lucia-scrypt') {
    auth = createAuth({ models, production });
  } else {
    const hasher = createPasswordHasher(config.passwordHash);
    auth = createAuth({ models, production, passwordHash: { generate: hasher.generate, validate: validateNotingStrength(hasher) } });
  }

  return Object.freeze({ auth, verifyKey: createVerifyKey(auth, logger) });
}
