import { z } from 'zod';

import { HttpError } from './errors.js';

export type Credentials = { username: string; password: string };

/** Inclusive length bounds, in UTF-16 code units (JavaScript's String length). */
export type LengthBounds = Readonly<{ min: number; max: number }>;

export type CredentialRules = Readonly<{ username: LengthBounds; password: LengthBounds }>;

/**
 * Creates a parser that reads `username` and `password` from a parsed form or JSON body.
 * The username is checked first, so a body with both wrong reports INVALID_USERNAME.
 * Arrays (a field sent twice), objects, numbers and missing fields are invalid. The
 * password bound also protects the hash from unbounded input, so it must hold before
 * any hashing. The schemas are built once here, not on every request.
 */
export function createCredentialsParser(rules: CredentialRules): (body: unknown) => Credentials {
  const usernameSchema = lengthBetween(rules.username);
  const passwordSchema = lengthBetween(rules.password);

  return (body) => {
    const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;

    const username = usernameSchema.safeParse(fields.username);
    if (!username.success) throw new HttpError('INVALID_USERNAME');

    const password = passwordSchema.safeParse(fields.password);
    if (!password.success) throw new HttpError('INVALID_PASSWORD');

    return { username: username.data, password: password.data };
  };
}

function lengthBetween({ min, max }: LengthBounds) {
  return z.string().min(min).max(max);
}
