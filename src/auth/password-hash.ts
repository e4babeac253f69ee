/**
 * Password hashing for Lucia's `passwordHash` option: new hashes are Argon2id
 * PHC strings, and hashes written by Lucia 2's default scrypt still validate,
 * so a database created before the switch keeps working.
 *
 * Every Argon2 and scrypt call runs on the libuv thread pool behind a FIFO
 * limit, so the event loop never computes a hash. Hash memory peaks near
 * `maxConcurrentHashes` times the cost of one hash, which is `memoryCost` KiB
 * for Argon2id and 32 MiB for Lucia's scrypt.
 *
 * Callers must bound the password length before calling `generate` or
 * `validate`. This module hashes whatever it is given.
 */
import { scrypt, timingSafeEqual } from 'node:crypto';
import { hash, verify, parseOptions, type Algorithm } from '@node-rs/argon2';

import { createConcurrencyLimit, type ConcurrencyLimit } from './hash-queue.js';

export type PasswordHashOptions = {
  /** Argon2id memory cost in KiB (`m=` in the PHC string). */
  memoryCost: number;
  /** Argon2id passes over memory (`t=`). */
  timeCost: number;
  /** Argon2id lanes (`p=`). */
  parallelism: number;
  /** Maximum number of Argon2 or scrypt computations running at once. */
  maxConcurrentHashes: number;
};

/** Argon2id cost parameters, a subset of `PasswordHashOptions`. */
type Argon2idCost = Pick<PasswordHashOptions, 'memoryCost' | 'timeCost' | 'parallelism'>;

export type PasswordHasher = {
  /** Hashes the NFKC-normalised password into an Argon2id PHC string. */
  generate(password: string): Promise<string>;
  /** Checks a password against an Argon2id, `s2:` scrypt or two-part scrypt hash. */
  validate(password: string, hash: string): Promise<boolean>;
  /** Reports whether a hash that just validated should be replaced by `generate`. */
  needsRehash(hash: string): boolean;
};

/** Argon2id minimum in OWASP's Password Storage Cheat Sheet (2023): 19 MiB, 2 passes, 1 lane. */
export const DEFAULT_ARGON2ID_COST: Readonly<Argon2idCost> = Object.freeze({
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
});

/**
 * Creates a hasher whose `generate` and `validate` can be passed to
 * `lucia({ passwordHash: { generate, validate } })`. Argon2id parameters
 * that are left out default to `DEFAULT_ARGON2ID_COST`.
 */
export function createPasswordHasher(
  options: Partial<Argon2idCost> & Pick<PasswordHashOptions, 'maxConcurrentHashes'>,
): PasswordHasher {
  const settings: PasswordHashOptions = { ...DEFAULT_ARGON2ID_COST, ...options };
  assertValidOptions(settings);
  const limit = createConcurrencyLimit(settings.maxConcurrentHashes);

  return {
    generate: (password) => generateArgon2id(limit, settings, password),
    validate: (password, storedHash) => validateAnyFormat(limit, password, storedHash),
    needsRehash: (storedHash) => needsRehash(settings, storedHash),
  };
}

function assertValidOptions(options: PasswordHashOptions): void {
  for (const name of ['memoryCost', 'timeCost', 'parallelism', 'maxConcurrentHashes'] as const) {
    const value = options[name];
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(
        `Invalid password hash option ${name}=${String(value)}: pass a positive integer.`,
      );
    }
  }

  // @node-rs/argon2 rejects less than 8 KiB per lane with "Memory cost is too small".
  if (options.memoryCost < 8 * options.parallelism) {
    throw new Error(
      `Invalid password hash option memoryCost=${options.memoryCost}: ` +
        `Argon2 needs at least 8 KiB per lane, so use ${8 * options.parallelism} or more ` +
        `for parallelism=${options.parallelism}.`,
    );
  }
}

// @node-rs/argon2 types its algorithms as an ambient `const enum`, which
// `isolatedModules` builds cannot reference, so the value of Argon2id (2) is
// written here and checked against the enum type.
const ARGON2ID: Algorithm = 2 satisfies Algorithm.Argon2id;

async function generateArgon2id(
  limit: ConcurrencyLimit,
  cost: Argon2idCost,
  password: string,
): Promise<string> {
  const normalized = password.normalize('NFKC');
  const { memoryCost, timeCost, parallelism } = cost;

  return limit.run(() =>
    hash(normalized, { algorithm: ARGON2ID, memoryCost, timeCost, parallelism }),
  );
}

/** Returns false, without hashing, for any hash this module cannot parse. */
async function validateAnyFormat(
  limit: ConcurrencyLimit,
  password: string,
  storedHash: string,
): Promise<boolean> {
  const normalized = password.normalize('NFKC');

  if (parseArgon2idCost(storedHash) !== undefined) {
    return limit.run(() => verify(storedHash, normalized));
  }

  const scryptHash = parseScryptHash(storedHash);
  if (scryptHash === undefined) {
    return false;
  }

  const derivedKey = await limit.run(() =>
    deriveScryptKey(normalized, scryptHash.salt, scryptHash.blockSize),
  );
  return timingSafeEqual(derivedKey, scryptHash.key);
}

/**
 * Reports whether a stored hash is weaker than the configured policy: every
 * scrypt hash, and Argon2id hashes with a lower m, t or p. Unparsable hashes
 * return false because `validate` returns false for them, so no sign-in can
 * succeed with one and reach the rehash step.
 */
function needsRehash(policy: Argon2idCost, storedHash: string): boolean {
  if (parseScryptHash(storedHash) !== undefined) {
    return true;
  }

  const cost = parseArgon2idCost(storedHash);
  if (cost === undefined) {
    return false;
  }

  return (
    cost.memoryCost < policy.memoryCost ||
    cost.timeCost < policy.timeCost ||
    cost.parallelism < policy.parallelism
  );
}

function parseArgon2idCost(storedHash: string): Argon2idCost | undefined {
  if (!storedHash.startsWith('$argon2id$')) {
    return undefined;
  }

  try {
    const { memoryCost, timeCost, parallelism } = parseOptions(storedHash);
    return { memoryCost, timeCost, parallelism };
  } catch {
    // parseOptions throws on any malformed PHC string, which is not a match.
    return undefined;
  }
}

/**
 * Lucia 2's scrypt hashes: `s2:<salt>:<key>` with r=16, and the older
 * `<salt>:<key>` with r=8. Both use N=16384, p=1, a 64-byte key written as
 * lowercase hex, and the UTF-8 bytes of the salt string itself as the salt.
 */
type ScryptHash = { salt: string; key: Buffer; blockSize: 8 | 16 };

const SCRYPT_COST = 16384;
const SCRYPT_KEY_BYTES = 64;
const LOWERCASE_HEX_KEY = /^[0-9a-f]{128}$/;

// Node 20.20 (OpenSSL 3) needs 128 * r * (N + p + 2) bytes, measured as the
// smallest `maxmem` that works: 32 MiB plus 6 KiB at r=16, just above Node's
// default `maxmem` of 32 MiB. The limit of 64 MiB leaves headroom.
const SCRYPT_MAX_MEMORY_BYTES = 64 * 1024 * 1024;

function parseScryptHash(storedHash: string): ScryptHash | undefined {
  const parts = storedHash.split(':');
  let candidate: { salt: string; hexKey: string; blockSize: 8 | 16 } | undefined;
  if (parts.length === 2) {
    candidate = { salt: parts[0]!, hexKey: parts[1]!, blockSize: 8 };
  } else if (parts.length === 3 && parts[0] === 's2') {
    candidate = { salt: parts[1]!, hexKey: parts[2]!, blockSize: 16 };
  }

  // Lucia compares hex strings exactly, so a key in any other spelling never
  // matched there either.
  if (candidate === undefined || !LOWERCASE_HEX_KEY.test(candidate.hexKey)) {
    return undefined;
  }

  const { salt, hexKey, blockSize } = candidate;
  return { salt, key: Buffer.from(hexKey, 'hex'), blockSize };
}

function deriveScryptKey(password: string, salt: string, blockSize: 8 | 16): Promise<Buffer> {
  const options = { N: SCRYPT_COST, r: blockSize, p: 1, maxmem: SCRYPT_MAX_MEMORY_BYTES };

  return new Promise((resolve, reject) => {
    scrypt(password, salt, SCRYPT_KEY_BYTES, options, (error, key) => {
      if (error) {
        reject(error);
        return;
      }
      resolve(key);
    });
  });
}
