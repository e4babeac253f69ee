import { Schema } from 'mongoose';

/** A Lucia session as stored. Both expiry fields are Unix times in milliseconds. */
export type SessionRecord = {
  _id: string;
  user_id: string;
  active_expires: number;
  idle_expires: number;
};

export const sessionSchema = new Schema<SessionRecord>(
  {
    _id: { type: String, required: true },
    user_id: { type: String, required: true, index: true },
    active_expires: { type: Number, required: true },
    idle_expires: { type: Number, required: true },
  },
  { _id: false, collection: 'sessions' },
);
