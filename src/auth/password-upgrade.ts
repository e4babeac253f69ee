import type { Logger } from '../logger.js';
import type { Models } from '../db/models/index.js';
import type { Auth } from './lucia.js';

export type PasswordUpgrade = (options: { userId: string; providerId: string; providerUserId: string; password: string }) => Promise<void>;

/**
 * Creates the step that runs after a successful sign-in: when the stored hash is
 * weaker than the configured one (Lucia's scrypt, or Argon2id with lower costs), it
 * is replaced by a new hash of the password just verified. A failed upgrade is
 * logged and the sign-in goes on, because the old hash still works.
 */
export function createPasswordUpgrade(auth: Auth, models: Models, needsRehash: (hash: string) => boolean, logger: Logger): PasswordUpgrade {
  return async ({ userId, providerId, providerUserId, password }) => {
    try {
      const key = await models.Key.findById(`${providerId}:${providerUserId}`, { hashed_password: 1 }).lean();
      if (!key?.hashed_password || !needsRehash(key.hashed_password)) return;

      await auth.updateKeyPassword(providerId, providerUserId, password);
      logger.info({ userId, providerId }, 'password hash upgraded');
    } catch (error) {
      logger.error({ err: error, userId, providerId }, 'password hash upgrade failed; the old hash stays valid');
    }
  };
}
