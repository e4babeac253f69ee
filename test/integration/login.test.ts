import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestApp, type TestApp } from '../setup/app.js';
import {
  HTMX_HEADERS,
  PASSWORD,
  POST_MODES,
  expectFormRejection,
  formErrorOf,
  htmlShape,
  htmxRedirectShape,
  ofLength,
  redirectShape,
  sessionCookieOf,
  shapeOf,
  signUp,
  usernameInputValueOf,
} from './support.js';

// A username and password of the maximum lengths sign-up accepts, signed up once for the whole file.
const LONG_USERNAME = ofLength(31, 'LongName');
const LONG_PASSWORD = ofLength(255, 'LongPassword');

let testApp: TestApp;
let aliceId: string;

beforeAll(async () => {
  testApp = await createTestApp();
  await signUp(testApp.app, 'Alice');
  await signUp(testApp.app, LONG_USERNAME, LONG_PASSWORD);

  const key = await testApp.database.models.Key.findById('username:alice').lean();
  aliceId = key!.user_id;
});

afterAll(() => testApp.close());

const countSessions = () => testApp.database.models.Session.countDocuments();

describe('GET /login', () => {
  it('renders the whole sign-in page', async () => {
    const response = await request(testApp.app).get('/login');

    expect(shapeOf(response)).toEqual(htmlShape(200));
    expect(response.text).toContain('<html');
    expect(response.text).toMatch(/<form id="login"[^>]* action="\/login" method="post"[^>]* hx-post="\/login"/);
    expect(formErrorOf(response.text, 'login')).toBe('');
    expect(usernameInputValueOf(response.text, 'login')).toBe('');
  });

  it('redirects a signed-in user to /', async () => {
    const { cookie } = await signUp(testApp.app, 'loginpage');

    const plain = await request(testApp.app).get('/login').set('Cookie', cookie);
    const htmx = await request(testApp.app).get('/login').set('Cookie', cookie).set(HTMX_HEADERS);

    expect(shapeOf(plain)).toEqual(redirectShape('/'));
    expect(shapeOf(htmx)).toEqual(htmxRedirectShape('/'));
  });
});

describe('POST /login', () => {
  it('creates a session for the right password', async () => {
    const response = await request(testApp.app).post('/login').type('form').send({ username: 'Alice', password: PASSWORD });

    expect(shapeOf(response)).toEqual(redirectShape('/'));
    const sessionId = sessionCookieOf(response)?.value;
    const session = await testApp.database.models.Session.findById(sessionId).lean();
    expect(session?.user_id).toBe(aliceId);
  });

  it('sends htmx a 204 with HX-Redirect', async () => {
    const response = await request(testApp.app).post('/login').set(HTMX_HEADERS).type('form').send({ username: 'Alice', password: PASSWORD });

    expect(shapeOf(response)).toEqual(htmxRedirectShape('/'));
    const session = await testApp.database.models.Session.findById(sessionCookieOf(response)?.value).lean();
    expect(session?.user_id).toBe(aliceId);
  });

  it('accepts a JSON body', async () => {
    const response = await request(testApp.app).post('/login').send({ username: 'Alice', password: PASSWORD });

    expect(shapeOf(response)).toEqual(redirectShape('/'));
    expect(sessionCookieOf(response)?.value).toMatch(/^[a-z0-9]{40}$/);
  });

  it.each(['alice', 'ALICE', 'aLiCe'])('signs in as %s with another letter case', async (username) => {
    const response = await request(testApp.app).post('/login').type('form').send({ username, password: PASSWORD });

    expect(shapeOf(response)).toEqual(redirectShape('/'));
    const session = await testApp.database.models.Session.findById(sessionCookieOf(response)?.value).lean();
    expect(session?.user_id).toBe(aliceId);
  });

  it('gives each sign-in its own session', async () => {
    const first = await request(testApp.app).post('/login').type('form').send({ username: 'Alice', password: PASSWORD });
    const second = await request(testApp.app).post('/login').type('form').send({ username: 'Alice', password: PASSWORD });

    expect(sessionCookieOf(first)?.value).not.toBe(sessionCookieOf(second)?.value);
  });

  describe.each(POST_MODES)('$name post with wrong credentials', (mode) => {
    it.each([
      { case: 'a wrong password', username: 'Alice', password: 'wrong password' },
      { case: 'an unknown username', username: 'Nobody', password: PASSWORD },
      { case: 'a password in another letter case', username: 'Alice', password: PASSWORD.toUpperCase() },
    ])('rejects $case', async ({ username, password }) => {
      const sessionsBefore = await countSessions();

      const response = await request(testApp.app).post('/login').set(mode.headers).type('form').send({ username, password });

      expectFormRejection(response, { mode, formId: 'login', status: 400, message: 'Incorrect username or password', typedUsername: username, password });
      expect(await countSessions()).toBe(sessionsBefore);
    });
  });
});

describe('POST /login validation', () => {
  it('accepts a 31-character username and a 255-character password', async () => {
    const response = await request(testApp.app).post('/login').type('form').send({ username: LONG_USERNAME, password: LONG_PASSWORD });

    expect(shapeOf(response)).toEqual(redirectShape('/'));
  });

  // A 1-character username or password passes validation and then fails the lookup.
  it.each([
    { case: 'a 1-character username', username: 'a', password: PASSWORD },
    { case: 'a 1-character password', username: 'Alice', password: 'p' },
  ])('checks $case against the database', async ({ username, password }) => {
    const response = await request(testApp.app).post('/login').set(HTMX_HEADERS).type('form').send({ username, password });

    expect(shapeOf(response)).toEqual(htmlShape(400));
    expect(response.text.trim()).toBe('<p class="form-error-message">Incorrect username or password</p>');
  });

  const lengthRejections = [
    { case: 'an empty username', username: '', password: PASSWORD, message: 'Invalid username' },
    { case: 'a 32-character username', username: ofLength(32, 'LongName'), password: PASSWORD, message: 'Invalid username' },
    { case: 'an empty password', username: 'Alice', password: '', message: 'Invalid password' },
    { case: 'a 256-character password', username: 'Alice', password: ofLength(256, 'LongPassword'), message: 'Invalid password' },
    { case: 'both fields wrong', username: '', password: '', message: 'Invalid username' },
  ];

  describe.each(POST_MODES)('$name form post', (mode) => {
    it.each(lengthRejections)('rejects $case', async ({ username, password, message }) => {
      const sessionsBefore = await countSessions();

      const response = await request(testApp.app).post('/login').set(mode.headers).type('form').send({ username, password });

      expectFormRejection(response, { mode, formId: 'login', status: 400, message, typedUsername: username, password });
      expect(await countSessions()).toBe(sessionsBefore);
    });
  });

  const formBodyRejections = [
    { case: 'a repeated username field', body: 'username=Alice&username=alice&password=correct+horse+battery', message: 'Invalid username' },
    { case: 'a repeated password field', body: 'username=Alice&password=correct+horse+battery&password=correct+horse+battery', message: 'Invalid password' },
    { case: 'a missing username', body: 'password=correct+horse+battery', message: 'Invalid username' },
    { case: 'a missing password', body: 'username=Alice', message: 'Invalid password' },
  ];

  describe.each(POST_MODES)('$name form post', (mode) => {
    it.each(formBodyRejections)('rejects $case', async ({ body, message }) => {
      const sessionsBefore = await countSessions();

      const response = await request(testApp.app).post('/login').set(mode.headers).type('form').send(body);

      const typedUsername = new URLSearchParams(body).getAll('username');
      expectFormRejection(response, { mode, formId: 'login', status: 400, message, typedUsername: typedUsername.length === 1 ? typedUsername[0]! : '', password: PASSWORD });
      expect(await countSessions()).toBe(sessionsBefore);
    });
  });

  const jsonRejections: Array<{ case: string; body: Record<string, unknown>; message: string }> = [
    { case: 'a username array', body: { username: ['Alice'], password: PASSWORD }, message: 'Invalid username' },
    { case: 'a username object', body: { username: { $ne: null }, password: PASSWORD }, message: 'Invalid username' },
    { case: 'a numeric username', body: { username: 1234, password: PASSWORD }, message: 'Invalid username' },
    { case: 'a null username', body: { username: null, password: PASSWORD }, message: 'Invalid username' },
    { case: 'a missing username', body: { password: PASSWORD }, message: 'Invalid username' },
    { case: 'a password array', body: { username: 'Alice', password: [PASSWORD] }, message: 'Invalid password' },
    { case: 'a password object', body: { username: 'Alice', password: { $ne: null } }, message: 'Invalid password' },
    { case: 'a numeric password', body: { username: 'Alice', password: 123456 }, message: 'Invalid password' },
    { case: 'a null password', body: { username: 'Alice', password: null }, message: 'Invalid password' },
    { case: 'a missing password', body: { username: 'Alice' }, message: 'Invalid password' },
  ];

  describe.each(POST_MODES)('$name JSON post', (mode) => {
    it.each(jsonRejections)('rejects $case', async ({ body, message }) => {
      const sessionsBefore = await countSessions();

      const response = await request(testApp.app).post('/login').set(mode.headers).send(body);

      const typedUsername = typeof body.username === 'string' ? body.username : '';
      expectFormRejection(response, { mode, formId: 'login', status: 400, message, typedUsername, password: PASSWORD });
      expect(await countSessions()).toBe(sessionsBefore);
    });
  });
});
