import { Schema } from 'mongoose';

/**
 * A user as stored: `_id` is Lucia's user id (a string, not an ObjectId, because
 * the adapter and Lucia pass ids around as strings). Attributes sit beside it.
 */
export type UserRecord = {
  _id: string;
  username: string;
};

export const userSchema = new Schema<UserRecord>(
  {
    _id: { type: String, required: true },
    // As typed at sign-up; uniqueness is enforced on the lowercased key id instead.
    username: { type: String, required: true },
  },
  { _id: false, collection: 'users' },
);
