import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestApp, type TestApp } from '../setup/app.js';
import { PASSWORD, SESSION_COOKIE, sessionCookieOf, setCookies } from './support.js';

/** Returns the attributes Lucia v2 sets on a session cookie outside production. */
function expectedAttributes(expires: number) {
  return { path: '/', expires: new Date(expires).toUTCString(), httponly: true, samesite: 'Lax' };
}

describe.each(['test', 'development'])('session cookie with NODE_ENV=%s', (nodeEnv) => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ NODE_ENV: nodeEnv });
  });

  afterAll(() => testApp.close());

  it('is HttpOnly, SameSite=Lax, Path=/ and not Secure after sign-up', async () => {
    const response = await request(testApp.app).post('/signup').type('form').send({ username: 'cookie', password: PASSWORD });

    const cookie = sessionCookieOf(response);
    const session = await testApp.database.models.Session.findById(cookie?.value).lean();
    expect(setCookies(response)).toEqual([{ name: SESSION_COOKIE, value: session?._id, attributes: expectedAttributes(session!.idle_expires) }]);
  });

  it('has the same attributes after sign-in', async () => {
    const response = await request(testApp.app).post('/login').type('form').send({ username: 'cookie', password: PASSWORD });

    const cookie = sessionCookieOf(response);
    const session = await testApp.database.models.Session.findById(cookie?.value).lean();
    expect(setCookies(response)).toEqual([{ name: SESSION_COOKIE, value: session?._id, attributes: expectedAttributes(session!.idle_expires) }]);
  });
});

describe('session cookie with NODE_ENV=production', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ NODE_ENV: 'production' });
  });

  afterAll(() => testApp.close());

  it('is Secure after sign-up', async () => {
    const response = await request(testApp.app).post('/signup').type('form').send({ username: 'secure', password: PASSWORD });

    const cookie = sessionCookieOf(response);
    const session = await testApp.database.models.Session.findById(cookie?.value).lean();
    expect(cookie).toEqual({ name: SESSION_COOKIE, value: session?._id, attributes: { ...expectedAttributes(session!.idle_expires), secure: true } });
  });

  it('is Secure after sign-in', async () => {
    const response = await request(testApp.app).post('/login').type('form').send({ username: 'secure', password: PASSWORD });

    expect(sessionCookieOf(response)?.attributes.secure).toBe(true);
  });
});
