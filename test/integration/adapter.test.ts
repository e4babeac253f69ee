import { LuciaError, type Adapter } from 'lucia';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAdapter } from '../../src/auth/adapter.js';
import { keySchema, type KeyRecord } from '../../src/db/models/key.js';
import type { Models } from '../../src/db/models/index.js';
import { createTestApp, type TestApp } from '../setup/app.js';
import { HTMX_HEADERS, PASSWORD, errorFragment, formErrorOf, htmxRedirectShape, redirectShape, shapeOf } from './support.js';

let testApp: TestApp;
let adapter: Adapter;

beforeAll(async () => {
  testApp = await createTestApp();
  adapter = createAdapter(testApp.database.models)(LuciaError);
});

afterAll(() => testApp.close());

/**
 * Returns the app's models with a Key model whose every insert is preceded by another
 * writer's insert of the same key id for `otherUserId`. That is a sign-up that loses
 * the race after its `exists` check passed, made deterministic.
 */
function modelsWithRacingWriter(otherUserId: string): Models {
  const schema = keySchema.clone();
  schema.pre('save', async function insertCompetingKey() {
    await testApp.database.models.Key.create({ _id: this._id, user_id: otherUserId, hashed_password: null });
  });
  const RacedKey = testApp.database.connection.model<KeyRecord>('RacedKey', schema, 'keys');
  return { ...testApp.database.models, Key: RacedKey };
}

describe('adapter setUser', () => {
  it('stores the user and its key', async () => {
    await adapter.setUser({ id: 'user-plain', username: 'Plain' }, { id: 'username:plain', user_id: 'user-plain', hashed_password: 'hash' });

    const { User, Key } = testApp.database.models;
    expect(await User.findById('user-plain', { __v: 0 }).lean()).toEqual({ _id: 'user-plain', username: 'Plain' });
    expect(await Key.findById('username:plain', { __v: 0 }).lean()).toEqual({ _id: 'username:plain', user_id: 'user-plain', hashed_password: 'hash' });
  });

  it('rejects an existing key id before inserting the user', async () => {
    await adapter.setUser({ id: 'user-first', username: 'taken' }, { id: 'username:taken', user_id: 'user-first', hashed_password: null });

    const attempt = adapter.setUser({ id: 'user-second', username: 'Taken' }, { id: 'username:taken', user_id: 'user-second', hashed_password: null });

    await expect(attempt).rejects.toThrow(new LuciaError('AUTH_DUPLICATE_KEY_ID'));
    expect(await testApp.database.models.User.exists({ _id: 'user-second' })).toBeNull();
  });

  it('removes the user when another writer inserts the key first', async () => {
    await testApp.database.models.User.create({ _id: 'user-winner', username: 'Raced' });
    const racedAdapter = createAdapter(modelsWithRacingWriter('user-winner'))(LuciaError);

    const attempt = racedAdapter.setUser({ id: 'user-loser', username: 'raced' }, { id: 'username:raced', user_id: 'user-loser', hashed_password: null });

    await expect(attempt).rejects.toThrow(new LuciaError('AUTH_DUPLICATE_KEY_ID'));
    const { User, Key } = testApp.database.models;
    expect(await User.exists({ _id: 'user-loser' })).toBeNull();
    expect(await Key.findById('username:raced', { __v: 0 }).lean()).toEqual({ _id: 'username:raced', user_id: 'user-winner', hashed_password: null });
  });

  it('removes the user and rethrows when the key insert fails otherwise', async () => {
    // An empty user_id fails the key schema's `required` rule after the user is inserted.
    const attempt = adapter.setUser({ id: 'user-badkey', username: 'badkey' }, { id: 'username:badkey', user_id: '', hashed_password: null });

    await expect(attempt).rejects.toThrow(/user_id.*required/);
    await expect(attempt).rejects.not.toBeInstanceOf(LuciaError);
    expect(await testApp.database.models.User.exists({ _id: 'user-badkey' })).toBeNull();
    expect(await testApp.database.models.Key.exists({ _id: 'username:badkey' })).toBeNull();
  });

  it('stores one user and one key when ten calls race', async () => {
    const calls = Array.from({ length: 10 }, (_, i) =>
      adapter.setUser({ id: `user-race-${i}`, username: 'racer' }, { id: 'username:racer', user_id: `user-race-${i}`, hashed_password: null }),
    );

    const results = await Promise.allSettled(calls);

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const reasons = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(reasons.map((reason) => (reason instanceof LuciaError ? reason.message : reason))).toEqual(Array(9).fill('AUTH_DUPLICATE_KEY_ID'));
    const { User, Key } = testApp.database.models;
    const key = await Key.findById('username:racer').lean();
    expect(await User.find({ username: 'racer' }).distinct('_id')).toEqual([key?.user_id]);
  });
});

describe('adapter getSessionAndUser', () => {
  it('returns the session and its user without Mongoose fields', async () => {
    await adapter.setUser({ id: 'user-reader', username: 'Reader' }, null);
    await adapter.setSession({ id: 'session-reader', user_id: 'user-reader', active_expires: 2_000_000_000_000, idle_expires: 2_100_000_000_000 });

    const result = await adapter.getSessionAndUser!('session-reader');

    expect(result).toEqual([
      { id: 'session-reader', user_id: 'user-reader', active_expires: 2_000_000_000_000, idle_expires: 2_100_000_000_000 },
      { id: 'user-reader', username: 'Reader' },
    ]);
  });

  it('returns no session for an unknown id', async () => {
    const result = await adapter.getSessionAndUser!('session-unknown');

    expect(result).toEqual([null, null]);
  });

  it('returns no session when the user was deleted', async () => {
    await adapter.setUser({ id: 'user-gone', username: 'Gone' }, null);
    await adapter.setSession({ id: 'session-gone', user_id: 'user-gone', active_expires: 2_000_000_000_000, idle_expires: 2_100_000_000_000 });
    await adapter.deleteUser('user-gone');

    const result = await adapter.getSessionAndUser!('session-gone');

    expect(result).toEqual([null, null]);
  });
});

describe('20 parallel sign-ups of one name', () => {
  it('create exactly one user, key and session', async () => {
    const posts = Array.from({ length: 20 }, () => request(testApp.app).post('/signup').type('form').send({ username: 'Crowd', password: PASSWORD }));

    const responses = await Promise.all(posts);

    const successes = responses.filter((response) => response.status === 302);
    const rejections = responses.filter((response) => response.status === 400);
    expect(successes.map(shapeOf)).toEqual([redirectShape('/')]);
    expect(rejections.map((response) => formErrorOf(response.text, 'signup'))).toEqual(Array(19).fill(errorFragment('Username already taken')));
    const { User, Key, Session } = testApp.database.models;
    expect(await Key.countDocuments({ _id: 'username:crowd' })).toBe(1);
    expect(await User.countDocuments({ username: 'Crowd' })).toBe(1);
    const key = await Key.findById('username:crowd').lean();
    expect(await User.find({ username: 'Crowd' }).distinct('_id')).toEqual([key?.user_id]);
    expect(await Session.countDocuments({ user_id: key?.user_id })).toBe(1);
  });

  it('create exactly one user in mixed letter case over htmx', async () => {
    // Every request spells the name differently: bit i of the index upper-cases letter i.
    const spellings = Array.from({ length: 20 }, (_, index) =>
      [...'mixedcrowd'].map((letter, position) => ((index >> position) & 1 ? letter.toUpperCase() : letter)).join(''),
    );
    const posts = spellings.map((username) => request(testApp.app).post('/signup').set(HTMX_HEADERS).type('form').send({ username, password: PASSWORD }));

    const responses = await Promise.all(posts);

    const successes = responses.filter((response) => response.status === 204);
    const rejections = responses.filter((response) => response.status === 400);
    expect(successes.map(shapeOf)).toEqual([htmxRedirectShape('/')]);
    expect(rejections.map((response) => response.text.trim())).toEqual(Array(19).fill(errorFragment('Username already taken')));
    const { User, Key } = testApp.database.models;
    expect(await Key.countDocuments({ _id: 'username:mixedcrowd' })).toBe(1);
    expect(await User.countDocuments({ username: { $in: spellings } })).toBe(1);
    const key = await Key.findById('username:mixedcrowd').lean();
    expect(await User.find({ username: { $in: spellings } }).distinct('_id')).toEqual([key?.user_id]);
  });

});
