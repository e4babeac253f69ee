import type { Connection, Model } from 'mongoose';

import { keySchema, type KeyRecord } from './key.js';
import { sessionSchema, type SessionRecord } from './session.js';
import { userSchema, type UserRecord } from './user.js';

export type { KeyRecord, SessionRecord, UserRecord };

export type Models = Readonly<{
  User: Model<UserRecord>;
  Session: Model<SessionRecord>;
  Key: Model<KeyRecord>;
}>;

/**
 * Registers the three models on one connection and builds their indexes.
 * Models are bound to the connection, not to mongoose's global one, so several
 * apps (tests, workers) can run in one process against different databases.
 */
export async function registerModels(connection: Connection): Promise<Models> {
  const models = {
    User: connection.model<UserRecord>('User', userSchema),
    Session: connection.model<SessionRecord>('Session', sessionSchema),
    Key: connection.model<KeyRecord>('Key', keySchema),
  };

  await Promise.all(Object.values(models).map((model) => model.init()));
  return Object.freeze(models);
}
