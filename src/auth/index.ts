import type { Config } from '../config.js';
import type { Models } from '../db/models/index.js';
import type { Logger } from '../logger.js';
import { createAuth, type Auth } from './lucia.js';
import { createPasswordHasher } from './password-hash.js';
import { createPasswordUpgrade, type PasswordUpgrade } from './password-upgrade.js';

export type Authentication = Readonly<{
  auth: Auth;
  upgradePassword: PasswordUpgrade;
}>;

/**
 * Builds Lucia with the configured password hash. With PASSWORD_HASH=lucia-scrypt, Lucia
 * keeps its own scrypt and nothing is upgraded: that mode is the benchmark's reference.
 */
export function createAuthentication(config: Config, models: Models, logger: Logger): Authentication {
  const production = config.env === 'production';

  if (config.passwordHash.algorithm === 'lucia-scrypt') {
    return Object.freeze({ auth: createAuth({ models, production }), upgradePassword: async () => undefined });
  }

  const hasher = createPasswordHasher(config.passwordHash);
  const auth = createAuth({ models, production, passwordHash: { generate: hasher.generate, validate: hasher.validate } });
  return Object.freeze({
    auth,
    upgradePassword: createPasswordUpgrade(auth, models, hasher.needsRehash, logger),
  });
}
