import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestApp, type TestApp } from '../setup/app.js';
import {
  HTMX_HEADERS,
  PASSWORD,
  SAME_ORIGIN_HEADERS,
  cookieHeaderOf,
  errorFragment,
  htmlShape,
  htmxRedirectShape,
  redirectShape,
  sessionCookieOf,
  shapeOf,
  signUp,
} from './support.js';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await createTestApp();
});

afterAll(() => testApp.close());

const findSession = (sessionId: string) => testApp.database.models.Session.findById(sessionId).lean();

describe('POST /logout', () => {
  it('rejects a visitor without a session with 401', async () => {
    const response = await request(testApp.app).post('/logout').set(SAME_ORIGIN_HEADERS);

    expect(shapeOf(response)).toEqual(htmlShape(401));
    expect(response.text).toContain('<html');
    expect(response.text).toContain('<h1>You are not signed in</h1>');
  });

  it('sends htmx without a session a 401 fragment', async () => {
    const response = await request(testApp.app).post('/logout').set(SAME_ORIGIN_HEADERS).set(HTMX_HEADERS);

    expect(shapeOf(response)).toEqual(htmlShape(401));
    expect(response.text.trim()).toBe(errorFragment('You are not signed in'));
  });

  it.each([
    { case: 'a foreign Origin', headers: { Host: 'accounts.test', Origin: 'http://attacker.test' } },
    { case: 'an Origin on another port', headers: { Host: 'accounts.test', Origin: 'http://accounts.test:8080' } },
    { case: 'no Origin', headers: { Host: 'accounts.test' } },
  ])('rejects a session cookie with $case', async ({ headers }) => {
    const { cookie, sessionId } = await signUp(testApp.app, 'crosssite');

    const response = await request(testApp.app).post('/logout').set(headers).set('Cookie', cookie);

    expect(shapeOf(response)).toEqual(htmlShape(401));
    expect(await findSession(sessionId)).not.toBeNull();
    const account = await request(testApp.app).get('/').set('Cookie', cookie);
    expect(account.status).toBe(200);

    await testApp.database.models.User.deleteMany({ username: 'crosssite' });
    await testApp.database.models.Key.deleteMany({ _id: 'username:crosssite' });
  });

  it('deletes the session, clears the cookie and redirects', async () => {
    const { cookie, sessionId } = await signUp(testApp.app, 'leaving');

    const response = await request(testApp.app).post('/logout').set(SAME_ORIGIN_HEADERS).set('Cookie', cookie);

    expect(shapeOf(response)).toEqual(redirectShape('/login'));
    const cleared = sessionCookieOf(response);
    expect(cleared?.value).toBe('');
    expect(cleared?.attributes.expires).toBe('Thu, 01 Jan 1970 00:00:00 GMT');
    expect(await findSession(sessionId)).toBeNull();
  });

  it('leaves an old cookie unable to open the account page', async () => {
    const { cookie } = await signUp(testApp.app, 'oldcookie');
    await request(testApp.app).post('/logout').set(SAME_ORIGIN_HEADERS).set('Cookie', cookie);

    const response = await request(testApp.app).get('/').set('Cookie', cookie);

    expect(shapeOf(response)).toEqual(redirectShape('/login'));
  });

  it('sends htmx a 204 with HX-Redirect to /login', async () => {
    const { cookie, sessionId } = await signUp(testApp.app, 'htmxleaving');

    const response = await request(testApp.app).post('/logout').set(SAME_ORIGIN_HEADERS).set(HTMX_HEADERS).set('Cookie', cookie);

    expect(shapeOf(response)).toEqual(htmxRedirectShape('/login'));
    expect(sessionCookieOf(response)?.value).toBe('');
    expect(await findSession(sessionId)).toBeNull();
  });

  it('keeps the same user signed in elsewhere', async () => {
    const first = await signUp(testApp.app, 'twodevices');
    const login = await request(testApp.app).post('/login').type('form').send({ username: 'twodevices', password: PASSWORD });
    const second = cookieHeaderOf(login);

    await request(testApp.app).post('/logout').set(SAME_ORIGIN_HEADERS).set('Cookie', first.cookie);

    const response = await request(testApp.app).get('/').set('Cookie', second);
    expect(response.status).toBe(200);
    expect(await findSession(first.sessionId)).toBeNull();
  });

  it('rejects a second sign-out with the same cookie', async () => {
    const { cookie } = await signUp(testApp.app, 'twice');
    await request(testApp.app).post('/logout').set(SAME_ORIGIN_HEADERS).set('Cookie', cookie);

    const response = await request(testApp.app).post('/logout').set(SAME_ORIGIN_HEADERS).set('Cookie', cookie);

    expect(shapeOf(response)).toEqual(htmlShape(401));
  });
});
