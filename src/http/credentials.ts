import { z } from 'zod';

import { HttpError } from './errors.js';

export type Credentials = { username: string; password: string };

/** Inclusive length bounds, in UTF-16 code units (JavaScript's String length). */
export type LengthBounds = Readonly<{ min: number; max: number }>;

export type CredentialRules = Readonly<{ username: LengthBounds; password: LengthBounds }>;

/**
 * Reads `username` and `password` from a parsed form or JSON body. The username is
 * checked first, so a body with both wrong reports INVALID_USERNAME. Arrays (a field
 * sent twice), objects, numbers and missing fields are invalid. The password bound
 * also protects the hash from unbounded input, so it must hold before any hashing.
 */
export function parseCredentials(body: unknown, rules: CredentialRules): Credentials {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;

  const username = lengthBetween(rules.username).safeParse(fields.username);
  if (!username.success) throw new HttpError('INVALID_USERNAME');

  const password = lengthBetween(rules.password).safeParse(fields.password);
  if (!password.success) throw new HttpError('INVALID_PASSWORD');

  return { username: username.data, password: password.data };
}

function lengthBetween({ min, max }: LengthBounds) {
  return z.string().min(min).max(max);
}
