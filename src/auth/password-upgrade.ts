import { AsyncLocalStorage } from 'node:async_hooks';

import type { Key } from 'lucia';

import type { Logger } from '../logger.js';
import type { Auth } from './lucia.js';
import type { PasswordHasher } from './password-hash.js';

/** The strength of the hash that one `useKey` call accepted. */
type AcceptedHash = { weak: boolean };

// Lucia reads the key and calls `validate` inside useKey without returning the hash, so
// validate notes its strength here instead of the sign-in reading the key a second time.
const acceptedHashes = new AsyncLocalStorage<AcceptedHash>();

/**
 * Wraps the hasher's `validate` for Lucia's `passwordHash` option: a successful check
 * of a hash weaker than the configured one is noted for the surrounding verifyKey call.
 */
export function validateNotingStrength(hasher: PasswordHasher): PasswordHasher['validate'] {
  return async (password, hash) => {
    const valid = await hasher.validate(password, hash);
    const accepted = acceptedHashes.getStore();
    if (valid && accepted && hasher.needsRehash(hash)) accepted.weak = true;
    return valid;
  };
}

/** Lucia's `useKey`, followed by a hash upgrade when the stored hash was weak. */
export type VerifyKey = (providerId: string, providerUserId: string, password: string) => Promise<Key>;

/**
 * Creates verifyKey. After a successful check of a weak hash (Lucia's scrypt, or Argon2id
 * with lower costs) the key gets a new hash of the password just verified. A failed
 * upgrade is logged and the sign-in goes on, because the old hash still works.
 * With Lucia's own hashing, validate is not wrapped, so nothing is upgraded.
 */
export function createVerifyKey(auth: Auth, logger: Logger): VerifyKey {
  return async (providerId, providerUserId, password) => {
    const accepted: AcceptedHash = { weak: false };
    const key = await acceptedHashes.run(accepted, () => auth.useKey(providerId, providerUserId, password));

    if (accepted.weak) await upgradeHash(auth, logger, key, password);
    return key;
  };
}

async function upgradeHash(auth: Auth, logger: Logger, key: Key, password: string): Promise<void> {
  try {
    await auth.updateKeyPassword(key.providerId, key.providerUserId, password);
    logger.info({ userId: key.userId, providerId: key.providerId }, 'password hash upgraded');
  } catch (error) {
    logger.error({ err: error, userId: key.userId, providerId: key.providerId }, 'password hash upgrade failed; the old hash stays valid');
  }
}
