import { scrypt } from 'node:crypto';
import { promisify } from 'node:util';

import * as argon2 from '@node-rs/argon2';
import { generateLuciaPasswordHash, generateRandomString, validateLuciaPasswordHash } from 'lucia/utils';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { createPasswordHasher } from '../../src/auth/password-hash.js';
import { createTestApp, type TestApp } from '../setup/app.js';

// Wraps the Argon2 functions the app calls, so a test can tell whether any hashing ran.
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@node-rs/argon2')>();
  return { ...actual, hash: vi.fn(actual.hash), verify: vi.fn(actual.verify) };
});

// The PHC string of the default cost: m=19456 KiB, t=2, p=1, then salt and hash in unpadded base64.
const CURRENT_ARGON2ID = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;
const INCORRECT_CREDENTIALS = 'Incorrect username or password';
const INVALID_PASSWORD = 'Invalid password';

const scryptAsync = promisify(scrypt) as (password: string, salt: string, length: number, options: object) => Promise<Buffer>;

/** Lucia 2's older `<salt>:<hex key>` form: scrypt N=16384, r=8, p=1, 64-byte key, NFKC input. */
async function twoPartScryptHash(password: string): Promise<string> {
  const salt = generateRandomString(16);
  const key = await scryptAsync(password.normalize('NFKC'), salt, 64, { N: 16384, r: 8, p: 1 });
  return `${salt}:${key.toString('hex')}`;
}

/** Argon2id hashes below the default cost of m=19456 KiB, t=2. */
const weakerArgon2id = {
  lowerMemory: (password: string) => createPasswordHasher({ memoryCost: 8192, maxConcurrentHashes: 1 }).generate(password),
  lowerTime: (password: string) => createPasswordHasher({ timeCost: 1, maxConcurrentHashes: 1 }).generate(password),
};

const currentArgon2id = (password: string) => createPasswordHasher({ maxConcurrentHashes: 1 }).generate(password);

type HashFactory = (password: string) => Promise<string>;

const LEGACY_FORMATS: Array<[string, HashFactory]> = [
  ['s2 scrypt', generateLuciaPasswordHash],
  ['two-part scrypt', twoPartScryptHash],
  ['Argon2id with lower m', weakerArgon2id.lowerMemory],
  ['Argon2id with lower t', weakerArgon2id.lowerTime],
];

const ALL_FORMATS: Array<[string, HashFactory]> = [...LEGACY_FORMATS, ['current Argon2id', currentArgon2id]];

/** Stores a user with a username key, the way the adapter does, but with a hash of the caller's choice. */
async function insertUser(testApp: TestApp, username: string, hashedPassword: string): Promise<void> {
  const { User, Key } = testApp.database.models;
  const userId = generateRandomString(15);

  await User.create({ _id: userId, username });
  await Key.create({ _id: `username:${username.toLowerCase()}`, user_id: userId, hashed_password: hashedPassword });
}

async function storedHash(testApp: TestApp, username: string): Promise<string | null | undefined> {
  const key = await testApp.database.models.Key.findById(`username:${username.toLowerCase()}`).lean();
  return key?.hashed_password;
}

function signIn(testApp: TestApp, username: string, password: string) {
  return request(testApp.app).post('/login').type('form').send({ username, password });
}

function signUp(testApp: TestApp, username: string, password: string) {
  return request(testApp.app).post('/signup').type('form').send({ username, password });
}

let userCount = 0;
function newUsername(): string {
  userCount += 1;
  return `user${userCount}`;
}

describe('password upgrade on sign-in', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('two-part fixture validates with Lucia', async () => {
    const hash = await twoPartScryptHash('correct horse');

    const valid = await validateLuciaPasswordHash('correct horse', hash);

    expect(valid).toBe(true);
  });

  it('weaker fixtures carry lower costs', async () => {
    const lowerMemory = await weakerArgon2id.lowerMemory('correct horse');
    const lowerTime = await weakerArgon2id.lowerTime('correct horse');

    expect(lowerMemory).toMatch(/^\$argon2id\$v=19\$m=8192,t=2,p=1\$/);
    expect(lowerTime).toMatch(/^\$argon2id\$v=19\$m=19456,t=1,p=1\$/);
  });

  it.each(LEGACY_FORMATS)('upgrades %s to current Argon2id', async (_format, makeHash) => {
    const username = newUsername();
    await insertUser(testApp, username, await makeHash('correct horse'));

    const response = await signIn(testApp, username, 'correct horse');

    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/');
    expect(await storedHash(testApp, username)).toMatch(CURRENT_ARGON2ID);
  });

  it.each(LEGACY_FORMATS)('signs in again after upgrading %s', async (_format, makeHash) => {
    const username = newUsername();
    await insertUser(testApp, username, await makeHash('correct horse'));
    await signIn(testApp, username, 'correct horse');
    const upgraded = await storedHash(testApp, username);

    const response = await signIn(testApp, username, 'correct horse');

    expect(response.status).toBe(302);
    expect(await storedHash(testApp, username)).toBe(upgraded);
  });

  it('leaves a current Argon2id hash unchanged', async () => {
    const username = newUsername();
    const hash = await currentArgon2id('correct horse');
    await insertUser(testApp, username, hash);

    const response = await signIn(testApp, username, 'correct horse');

    expect(response.status).toBe(302);
    expect(await storedHash(testApp, username)).toBe(hash);
  });

  it.each(ALL_FORMATS)('rejects a wrong password against %s', async (_format, makeHash) => {
    const username = newUsername();
    const hash = await makeHash('correct horse');
    await insertUser(testApp, username, hash);

    const response = await signIn(testApp, username, 'correct horsf');

    expect(response.status).toBe(400);
    expect(response.text).toContain(INCORRECT_CREDENTIALS);
    expect(await storedHash(testApp, username)).toBe(hash);
  });
});

// Each pair is one password in two forms that NFKC maps to the same string.
const UNNORMALISED_PASSWORDS: Array<[string, string, string]> = [
  ['decomposed and composed é', 'cafe\u0301 au lait', 'caf\u00e9 au lait'],
  ['full-width and ASCII letters', '\uff30\uff41\uff53\uff53\uff17\uff17', 'Pass77'],
  ['ligature and letters', 'o\ufb03ce key', 'office key'],
];

describe('password normalisation', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it.each(UNNORMALISED_PASSWORDS)('signs up and in with %s', async (_case, typedAtSignUp, typedAtSignIn) => {
    const username = newUsername();
    await signUp(testApp, username, typedAtSignUp);

    const response = await signIn(testApp, username, typedAtSignIn);

    expect(typedAtSignUp).not.toBe(typedAtSignIn);
    expect(response.status).toBe(302);
  });

  it.each(UNNORMALISED_PASSWORDS)('signs in to an s2 hash with %s', async (_case, typedAtSignUp, typedAtSignIn) => {
    const username = newUsername();
    await insertUser(testApp, username, await generateLuciaPasswordHash(typedAtSignUp));

    const legacyResponse = await signIn(testApp, username, typedAtSignIn);
    const upgradedResponse = await signIn(testApp, username, typedAtSignUp);

    expect(legacyResponse.status).toBe(302);
    expect(await storedHash(testApp, username)).toMatch(/^\$argon2id\$/);
    expect(upgradedResponse.status).toBe(302);
  });
});

describe('password length', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());
  beforeEach(() => {
    vi.mocked(argon2.hash).mockClear();
    vi.mocked(argon2.verify).mockClear();
  });

  it('accepts 255 characters', async () => {
    const username = newUsername();
    const password = 'p'.repeat(255);

    const signUpResponse = await signUp(testApp, username, password);
    const signInResponse = await signIn(testApp, username, password);

    expect(signUpResponse.status).toBe(302);
    expect(signInResponse.status).toBe(302);
    expect(argon2.hash).toHaveBeenCalledTimes(1);
    expect(argon2.verify).toHaveBeenCalledTimes(1);
  });

  it('rejects 256 characters at sign-up before hashing', async () => {
    const username = newUsername();

    const response = await signUp(testApp, username, 'p'.repeat(256));

    expect(response.status).toBe(400);
    expect(response.text).toContain(INVALID_PASSWORD);
    expect(argon2.hash).not.toHaveBeenCalled();
    expect(await testApp.database.models.User.countDocuments({ username })).toBe(0);
    expect(await storedHash(testApp, username)).toBeUndefined();
  });

  it('rejects 256 characters at sign-in before hashing', async () => {
    const username = newUsername();
    const hash = await currentArgon2id('p'.repeat(255));
    await insertUser(testApp, username, hash);
    vi.mocked(argon2.hash).mockClear();

    const response = await signIn(testApp, username, 'p'.repeat(256));

    expect(response.status).toBe(400);
    expect(response.text).toContain(INVALID_PASSWORD);
    expect(argon2.verify).not.toHaveBeenCalled();
    expect(argon2.hash).not.toHaveBeenCalled();
    expect(await storedHash(testApp, username)).toBe(hash);
  });
});

describe('PASSWORD_HASH=lucia-scrypt', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp({ PASSWORD_HASH: 'lucia-scrypt' });
  });
  afterAll(() => testApp.close());

  it('stores an s2 hash at sign-up', async () => {
    const username = newUsername();

    const response = await signUp(testApp, username, 'correct horse');

    expect(response.status).toBe(302);
    expect(await storedHash(testApp, username)).toMatch(/^s2:[a-z0-9]{16}:[0-9a-f]{128}$/);
  });

  it.each([
    ['s2 scrypt', generateLuciaPasswordHash],
    ['two-part scrypt', twoPartScryptHash],
  ])('keeps %s after sign-in', async (_format, makeHash) => {
    const username = newUsername();
    const hash = await makeHash('correct horse');
    await insertUser(testApp, username, hash);

    const response = await signIn(testApp, username, 'correct horse');

    expect(response.status).toBe(302);
    expect(await storedHash(testApp, username)).toBe(hash);
  });
});
