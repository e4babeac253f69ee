import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestApp, type TestApp } from '../setup/app.js';
import { HTMX_HEADERS, PASSWORD, SESSION_COOKIE, cookieHeaderOf, htmlShape, htmxRedirectShape, redirectShape, sessionCookieOf, shapeOf, signUp } from './support.js';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await createTestApp();
});

afterAll(() => testApp.close());

/** Returns the text of the account page's element with the given id. */
function fieldOf(html: string, id: string): string | undefined {
  return new RegExp(`<dd id="${id}">(?:<code>)?([^<]*)`).exec(html)?.[1];
}

describe('GET /', () => {
  it('redirects a visitor without a session to /login', async () => {
    const response = await request(testApp.app).get('/');

    expect(shapeOf(response)).toEqual(redirectShape('/login'));
  });

  it('sends htmx without a session an HX-Redirect to /login', async () => {
    const response = await request(testApp.app).get('/').set(HTMX_HEADERS);

    expect(shapeOf(response)).toEqual(htmxRedirectShape('/login'));
  });

  it('shows the username as typed and the user id', async () => {
    const { cookie } = await signUp(testApp.app, 'MixedCase');
    const key = await testApp.database.models.Key.findById('username:mixedcase').lean();

    const response = await request(testApp.app).get('/').set('Cookie', cookie);

    expect(shapeOf(response)).toEqual(htmlShape(200));
    expect(fieldOf(response.text, 'account-username')).toBe('MixedCase');
    expect(fieldOf(response.text, 'account-user-id')).toBe(key?.user_id);
    expect(response.text).toMatch(/<form id="logout" action="\/logout" method="post"/);
  });

  it('shows the username as typed after a sign-in in another case', async () => {
    await signUp(testApp.app, 'CamelCase');
    const login = await request(testApp.app).post('/login').type('form').send({ username: 'camelcase', password: PASSWORD });

    const response = await request(testApp.app).get('/').set('Cookie', cookieHeaderOf(login));

    expect(fieldOf(response.text, 'account-username')).toBe('CamelCase');
  });

  it('redirects an unknown session id and clears its cookie', async () => {
    const response = await request(testApp.app).get('/').set('Cookie', `${SESSION_COOKIE}=${'0'.repeat(40)}`);

    expect(shapeOf(response)).toEqual(redirectShape('/login'));
    expect(sessionCookieOf(response)?.value).toBe('');
  });

  it('redirects a session whose user was deleted', async () => {
    const { cookie, sessionId } = await signUp(testApp.app, 'deleted');
    const { User, Session } = testApp.database.models;
    const session = await Session.findById(sessionId).lean();
    await User.deleteOne({ _id: session?.user_id });

    const response = await request(testApp.app).get('/').set('Cookie', cookie);

    expect(shapeOf(response)).toEqual(redirectShape('/login'));
  });

  it('redirects a session past its idle expiry', async () => {
    const { cookie, sessionId } = await signUp(testApp.app, 'expired');
    await testApp.database.models.Session.updateOne({ _id: sessionId }, { active_expires: Date.now() - 2000, idle_expires: Date.now() - 1000 });

    const response = await request(testApp.app).get('/').set('Cookie', cookie);

    expect(shapeOf(response)).toEqual(redirectShape('/login'));
  });

  it('renews a session past its active period but within its idle period', async () => {
    const { cookie, sessionId } = await signUp(testApp.app, 'renewed');
    const { Session } = testApp.database.models;
    await Session.updateOne({ _id: sessionId }, { active_expires: Date.now() - 1000 });

    const response = await request(testApp.app).get('/').set('Cookie', cookie);

    expect(response.status).toBe(200);
    const session = await Session.findById(sessionId).lean();
    expect(session?.active_expires).toBeGreaterThan(Date.now());
  });

  it('sends a renewed session a cookie with the new expiry', async () => {
    const { cookie, sessionId } = await signUp(testApp.app, 'recookied');
    const { Session } = testApp.database.models;
    await Session.updateOne({ _id: sessionId }, { active_expires: Date.now() - 1000 });

    const response = await request(testApp.app).get('/').set('Cookie', cookie);

    const renewed = await Session.findById(sessionId).lean();
    const sent = sessionCookieOf(response);
    expect(sent?.value).toBe(sessionId);
    expect(Date.parse(String(sent?.attributes.expires))).toBe(Math.floor(renewed!.idle_expires / 1000) * 1000);
  });
});
