import { scryptSync } from 'node:crypto';

import { generateLuciaPasswordHash, validateLuciaPasswordHash } from 'lucia/utils';
import { describe, it, expect } from 'vitest';

import {
  createPasswordHasher,
  type PasswordHashOptions,
} from '../../src/auth/password-hash.js';

// A low Argon2 cost keeps the tests fast where the cost itself is not tested.
const FAST_OPTIONS: PasswordHashOptions = {
  memoryCost: 1024,
  timeCost: 1,
  parallelism: 1,
  maxConcurrentHashes: 2,
};

const PASSWORD = 'correct horse battery staple';

/** Builds Lucia 2's two-part hash `<salt>:<hex key>`: scrypt N=16384, r=8, p=1. */
function createTwoPartScryptHash(password: string, salt = 'k3v9q0x2m7a1c8d4'): string {
  const key = scryptSync(password.normalize('NFKC'), salt, 64, { N: 16384, r: 8, p: 1 });
  return `${salt}:${key.toString('hex')}`;
}

type HashFormat = 'argon2id' | 's2' | 'two-part';

function createHashInFormat(format: HashFormat, password: string): Promise<string> {
  if (format === 'argon2id') {
    return createPasswordHasher(FAST_OPTIONS).generate(password);
  }
  if (format === 's2') {
    return generateLuciaPasswordHash(password);
  }
  return Promise.resolve(createTwoPartScryptHash(password));
}

describe('generate', () => {
  it('uses OWASP Argon2id cost by default', async () => {
    const hasher = createPasswordHasher({ maxConcurrentHashes: 1 });

    const hash = await hasher.generate(PASSWORD);

    expect(hash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
  });

  it('writes the configured cost', async () => {
    const hasher = createPasswordHasher({ ...FAST_OPTIONS, timeCost: 3, parallelism: 2 });

    const hash = await hasher.generate(PASSWORD);

    expect(hash.startsWith('$argon2id$v=19$m=1024,t=3,p=2$')).toBe(true);
  });

  it('salts every hash', async () => {
    const hasher = createPasswordHasher(FAST_OPTIONS);

    const first = await hasher.generate(PASSWORD);
    const second = await hasher.generate(PASSWORD);

    expect(first).not.toBe(second);
  });

  it('new hash validates', async () => {
    const hasher = createPasswordHasher(FAST_OPTIONS);

    const hash = await hasher.generate(PASSWORD);

    await expect(hasher.validate(PASSWORD, hash)).resolves.toBe(true);
  });

  it('255-character password round-trips', async () => {
    const hasher = createPasswordHasher(FAST_OPTIONS);
    const password = 'pässwörd-'.repeat(28) + 'xyz';

    const hash = await hasher.generate(password);

    expect(password).toHaveLength(255);
    await expect(hasher.validate(password, hash)).resolves.toBe(true);
  });

  it('completes calls queued beyond the limit', async () => {
    const hasher = createPasswordHasher({ ...FAST_OPTIONS, maxConcurrentHashes: 1 });
    const passwords = ['one', 'two', 'three', 'four', 'five', 'six'];

    const hashes = await Promise.all(passwords.map((password) => hasher.generate(password)));
    const results = await Promise.all(
      passwords.map((password, index) => hasher.validate(password, hashes[index]!)),
    );

    expect(results).toEqual([true, true, true, true, true, true]);
  });
});

describe('Lucia scrypt hashes', () => {
  it('Lucia s2 hash validates', async () => {
    const hasher = createPasswordHasher(FAST_OPTIONS);
    const luciaHash = await generateLuciaPasswordHash(PASSWORD);

    const valid = await hasher.validate(PASSWORD, luciaHash);

    expect(luciaHash.startsWith('s2:')).toBe(true);
    expect(valid).toBe(true);
  });

  it('Lucia s2 hash is upgraded to Argon2id', async () => {
    const hasher = createPasswordHasher(FAST_OPTIONS);
    const luciaHash = await generateLuciaPasswordHash(PASSWORD);

    const valid = await hasher.validate(PASSWORD, luciaHash);
    const upgrade = hasher.needsRehash(luciaHash);
    const replacement = await hasher.generate(PASSWORD);

    expect(valid).toBe(true);
    expect(upgrade).toBe(true);
    expect(hasher.needsRehash(replacement)).toBe(false);
    await expect(hasher.validate(PASSWORD, replacement)).resolves.toBe(true);
  });

  it('two-part fixture matches Lucia', async () => {
    const twoPartHash = createTwoPartScryptHash(PASSWORD);

    const valid = await validateLuciaPasswordHash(PASSWORD, twoPartHash);

    expect(valid).toBe(true);
  });

  it('two-part hash validates', async () => {
    const hasher = createPasswordHasher(FAST_OPTIONS);
    const twoPartHash = createTwoPartScryptHash(PASSWORD);

    const valid = await hasher.validate(PASSWORD, twoPartHash);

    expect(valid).toBe(true);
  });

  it('two-part hash needs rehash', () => {
    const hasher = createPasswordHasher(FAST_OPTIONS);
    const twoPartHash = createTwoPartScryptHash(PASSWORD);

    const upgrade = hasher.needsRehash(twoPartHash);

    expect(upgrade).toBe(true);
  });
});

describe('wrong password', () => {
  it.each<HashFormat>(['argon2id', 's2', 'two-part'])('fails against %s', async (format) => {
    const hasher = createPasswordHasher(FAST_OPTIONS);
    const hash = await createHashInFormat(format, PASSWORD);

    const valid = await hasher.validate('correct horse battery stapler', hash);

    expect(valid).toBe(false);
  });
});

describe('NFKC normalisation', () => {
  // Each pair is [a string NFKC changes, its NFKC form].
  const equivalentPairs: Array<[label: string, unnormalised: string, normalised: string]> = [
    ['fi ligature', 'pass\uFB01sh', 'passfish'],
    ['full-width digits', 'pin\uFF11\uFF12\uFF13\uFF14', 'pin1234'],
    ['decomposed Å', 'A\u030Angstro\u0308m', '\u00C5ngstr\u00F6m'],
  ];
  const cases = equivalentPairs.flatMap(([label, unnormalised, normalised]) =>
    (['argon2id', 's2', 'two-part'] as const).flatMap((format) => [
      { label, format, direction: 'unnormalised hash', hashed: unnormalised, typed: normalised },
      { label, format, direction: 'normalised hash', hashed: normalised, typed: unnormalised },
    ]),
  );

  it.each(equivalentPairs)('%s fixture changes under NFKC', (_label, unnormalised, normalised) => {
    const result = unnormalised.normalize('NFKC');

    expect(unnormalised).not.toBe(normalised);
    expect(result).toBe(normalised);
  });

  it.each(cases)('$label, $direction, $format', async ({ format, hashed, typed }) => {
    const hasher = createPasswordHasher(FAST_OPTIONS);
    const hash = await createHashInFormat(format, hashed);

    const valid = await hasher.validate(typed, hash);

    expect(valid).toBe(true);
  });
});

describe('needsRehash for Argon2id', () => {
  const policy = { memoryCost: 2048, timeCost: 2, parallelism: 2, maxConcurrentHashes: 2 };

  it.each([
    ['lower memoryCost', { memoryCost: 1024 }, true],
    ['lower timeCost', { timeCost: 1 }, true],
    ['lower parallelism', { parallelism: 1 }, true],
    ['same cost', {}, false],
    ['higher cost', { memoryCost: 4096, timeCost: 3, parallelism: 4 }, false],
  ])('%s gives %s', async (_label, change, expected) => {
    const hasher = createPasswordHasher(policy);
    const hash = await createPasswordHasher({ ...policy, ...change }).generate(PASSWORD);

    const upgrade = hasher.needsRehash(hash);

    expect(upgrade).toBe(expected);
  });
});

describe('malformed hashes', () => {
  const malformedHashes: Array<[label: string, hash: string]> = [
    ['empty string', ''],
    ['s2 without key', 's2:x'],
    ['s2 with non-hex key', `s2:k3v9q0x2m7a1c8d4:${'g'.repeat(128)}`],
    ['s2 with short key', 's2:k3v9q0x2m7a1c8d4:abcdef'],
    ['two-part with uppercase key', `k3v9q0x2m7a1c8d4:${'AB'.repeat(64)}`],
    ['unknown version', `s3:k3v9q0x2m7a1c8d4:${'ab'.repeat(64)}`],
    ['bcrypt', '$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy'],
    ['Argon2id with bad salt', '$argon2id$v=19$m=19456,t=2,p=1$garbage'],
    ['Argon2i', '$argon2i$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXoxMjM0NTY'],
    ['random text', 'not a hash \u{1F643} at all'],
  ];

  it.each(malformedHashes)('%s fails validation', async (_label, hash) => {
    const hasher = createPasswordHasher(FAST_OPTIONS);

    const validation = hasher.validate(PASSWORD, hash);

    await expect(validation).resolves.toBe(false);
  });

  it.each(malformedHashes)('%s needs no rehash', (_label, hash) => {
    const hasher = createPasswordHasher(FAST_OPTIONS);

    const upgrade = hasher.needsRehash(hash);

    expect(upgrade).toBe(false);
  });
});

describe('options', () => {
  it.each([0, -2, 1.5, Number.NaN])('rejects maxConcurrentHashes %s', (value) => {
    const create = (): unknown => createPasswordHasher({ maxConcurrentHashes: value });

    expect(create).toThrow(`maxConcurrentHashes=${String(value)}`);
  });

  it.each(['memoryCost', 'timeCost', 'parallelism'] as const)('rejects zero %s', (name) => {
    const create = (): unknown => createPasswordHasher({ ...FAST_OPTIONS, [name]: 0 });

    expect(create).toThrow(`${name}=0`);
  });

  it('rejects memoryCost below 8 KiB per lane', () => {
    const create = (): unknown =>
      createPasswordHasher({ ...FAST_OPTIONS, memoryCost: 15, parallelism: 2 });

    expect(create).toThrow('memoryCost=15');
  });
});
