import type { Session } from 'lucia';

import type { Auth } from '../../auth/lucia.js';
import { isKeyTakenError } from '../../auth/errors.js';
import { USERNAME_PROVIDER_ID, toProviderUserId } from '../../auth/key.js';
import type { Credentials } from '../../http/credentials.js';
import { HttpError } from '../../http/errors.js';

/** Creates a user with a username key and returns a new session. Throws USERNAME_TAKEN for a taken name in any case. */
export async function signUp(auth: Auth, { username, password }: Credentials): Promise<Session> {
  let userId: string;
  try {
    const user = await auth.createUser({
      key: { providerId: USERNAME_PROVIDER_ID, providerUserId: toProviderUserId(username), password },
      attributes: { username },
    });
    userId = user.userId;
  } catch (error) {
    if (isKeyTakenError(error)) throw new HttpError('USERNAME_TAKEN', { cause: error });
    throw error;
  }

  return auth.createSession({ userId, attributes: {} });
}
