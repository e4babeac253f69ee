import { LuciaError } from 'lucia';

import { isDuplicateKeyError } from '../db/errors.js';

/**
 * Tells whether creating a user or key failed because its key id exists. The adapter
 * throws AUTH_DUPLICATE_KEY_ID when it finds the conflict itself, and passes the
 * server's duplicate key error through when a concurrent insert wins the race.
 */
export function isKeyTakenError(error: unknown): boolean {
  return (error instanceof LuciaError && error.message === 'AUTH_DUPLICATE_KEY_ID') || isDuplicateKeyError(error);
}

/** Tells whether `useKey` failed because of an unknown key id or a wrong password. */
export function isInvalidCredentialsError(error: unknown): boolean {
  return error instanceof LuciaError && (error.message === 'AUTH_INVALID_KEY_ID' || error.message === 'AUTH_INVALID_PASSWORD');
}
