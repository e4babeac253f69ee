import { Schema } from 'mongoose';

/**
 * A Lucia key as stored. `_id` is `<provider id>:<provider user id>`, such as
 * `username:alice`; its uniqueness is what makes a username taken.
 */
export type KeyRecord = {
  _id: string;
  user_id: string;
  hashed_password: string | null;
};

export const keySchema = new Schema<KeyRecord>(
  {
    _id: { type: String, required: true },
    user_id: { type: String, required: true, index: true },
    hashed_password: { type: String, default: null },
  },
  { _id: false, collection: 'keys' },
);
