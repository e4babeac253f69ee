import type { Key, Session } from 'lucia';

import { isInvalidCredentialsError } from '../../auth/errors.js';
import { USERNAME_PROVIDER_ID, toProviderUserId } from '../../auth/key.js';
import type { Auth } from '../../auth/lucia.js';
import type { VerifyKey } from '../../auth/password-upgrade.js';
import type { Credentials } from '../../http/credentials.js';
import { HttpError } from '../../http/errors.js';

/**
 * Checks the password against the username key, upgrading a weak hash, and returns a new
 * session. An unknown username and a wrong password both throw INCORRECT_CREDENTIALS, so
 * the response does not tell which names exist.
 */
export async function logIn(auth: Auth, verifyKey: VerifyKey, { username, password }: Credentials): Promise<Session> {
  const providerUserId = toProviderUserId(username);

  let key: Key;
  try {
    key = await verifyKey(USERNAME_PROVIDER_ID, providerUserId, password);
  } catch (error) {
    if (isInvalidCredentialsError(error)) throw new HttpError('INCORRECT_CREDENTIALS', { cause: error });
    throw error;
  }

  return auth.createSession({ userId: key.userId, attributes: {} });
}
