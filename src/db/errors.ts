import mongoose from 'mongoose';

// The server's code for a unique index violation, on MongoDB and FerretDB alike.
const DUPLICATE_KEY_CODE = 11000;

/** Tells whether an insert or update failed because a unique index (such as `_id`) already has the value. */
export function isDuplicateKeyError(error: unknown): boolean {
  if (error instanceof mongoose.mongo.MongoServerError) return error.code === DUPLICATE_KEY_CODE;

  // Errors rethrown by another library lose their class but keep the server's text.
  return error instanceof Error && error.message.startsWith('E11000');
}
