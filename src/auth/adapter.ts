import { mongoose as mongooseAdapter } from '@lucia-auth/adapter-mongoose';
import type { Adapter, InitializeAdapter, KeySchema, LuciaErrorConstructor, SessionSchema, UserSchema } from 'lucia';

import { isDuplicateKeyError } from '../db/errors.js';
import type { Models } from '../db/models/index.js';

// Mongoose adds `__v`; Lucia's records have no such field.
const PROJECTION = { __v: 0 } as const;

/**
 * Builds Lucia's adapter from @lucia-auth/adapter-mongoose 3.0.1 with two reads and one write replaced:
 * - `getSessionAndUser` reads the session, then its user, by `_id`. The upstream
 *   `getSessionAndUserBySessionId` uses `$lookup`, which FerretDB v1 lacks, so it is removed.
 * - `setUser` removes the user it created when the key insert fails. Upstream deletes a key by
 *   the user's id instead, which leaves an orphaned user behind when two sign-ups race for one name.
 */
export function createAdapter(models: Models): InitializeAdapter<Adapter> {
  // The upstream types want Model<UserDoc>; ours are the same shape with typed attributes.
  const initializeUpstream = mongooseAdapter(models as unknown as Parameters<typeof mongooseAdapter>[0]);

  return (LuciaError) => {
    const { getSessionAndUserBySessionId: _lookup, ...upstream } = initializeUpstream(LuciaError) as Adapter & {
      getSessionAndUserBySessionId?: unknown;
    };

    return {
      ...upstream,
      getSessionAndUser: (sessionId) => readSessionAndUser(models, sessionId),
      setUser: (user, key) => insertUserWithKey(models, LuciaError, user, key),
    };
  };
}

async function readSessionAndUser(models: Models, sessionId: string): Promise<[SessionSchema, UserSchema] | [null, null]> {
  const session = await models.Session.findById(sessionId, PROJECTION).lean();
  if (!session) return [null, null];

  const user = await models.User.findById(session.user_id, PROJECTION).lean();
  if (!user) return [null, null];

  const { _id: id, ...sessionFields } = session;
  const { _id: userId, ...userAttributes } = user;
  return [
    { ...sessionFields, id },
    { ...userAttributes, id: userId },
  ];
}

/**
 * Inserts the user, then its key. A key id that exists already, or that another
 * request inserts first, removes the new user and throws AUTH_DUPLICATE_KEY_ID.
 * Neither MongoDB without a replica set nor FerretDB v1 has transactions, so the
 * removal is a compensating delete. The unique `_id` of keys decides the race.
 */
async function insertUserWithKey(models: Models, LuciaError: LuciaErrorConstructor, user: UserSchema, key: KeySchema | null): Promise<void> {
  if (key && (await models.Key.exists({ _id: key.id }))) throw new LuciaError('AUTH_DUPLICATE_KEY_ID');

  const { id: userId, ...attributes } = user;
  await models.User.create({ ...attributes, _id: userId });
  if (!key) return;

  try {
    await models.Key.create({ _id: key.id, user_id: key.user_id, hashed_password: key.hashed_password });
  } catch (error) {
    await removeUserAfterFailedKey(models, userId, error);
    if (isDuplicateKeyError(error)) throw new LuciaError('AUTH_DUPLICATE_KEY_ID');
    throw error;
  }
}

async function removeUserAfterFailedKey(models: Models, userId: string, keyError: unknown): Promise<void> {
  try {
    await models.User.deleteOne({ _id: userId });
  } catch (deleteError) {
    throw new AggregateError([keyError, deleteError], `Inserting the key failed, and removing user ${userId} failed too: delete it by hand`);
  }
}
