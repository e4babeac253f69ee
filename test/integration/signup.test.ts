import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestApp, type TestApp } from '../setup/app.js';
import {
  HTMX_HEADERS,
  PASSWORD,
  POST_MODES,
  errorFragment,
  escapeHtml,
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

let testApp: TestApp;

beforeAll(async () => {
  testApp = await createTestApp();
});

afterAll(() => testApp.close());

const countKeys = () => testApp.database.models.Key.countDocuments();
const countUsers = () => testApp.database.models.User.countDocuments();

describe('GET /signup', () => {
  it('renders the whole sign-up page', async () => {
    const response = await request(testApp.app).get('/signup');

    expect(shapeOf(response)).toEqual(htmlShape(200));
    expect(response.text).toContain('<html');
    expect(response.text).toMatch(/<form id="signup"[^>]* action="\/signup" method="post"[^>]* hx-post="\/signup"/);
    expect(formErrorOf(response.text, 'signup')).toBe('');
    expect(usernameInputValueOf(response.text, 'signup')).toBe('');
  });

  it('redirects a signed-in user to /', async () => {
    const { cookie } = await signUp(testApp.app, 'signedin');

    const plain = await request(testApp.app).get('/signup').set('Cookie', cookie);
    const htmx = await request(testApp.app).get('/signup').set('Cookie', cookie).set(HTMX_HEADERS);

    expect(shapeOf(plain)).toEqual(redirectShape('/'));
    expect(shapeOf(htmx)).toEqual(htmxRedirectShape('/'));
  });
});

describe('POST /signup', () => {
  it('stores the user, its key and a session', async () => {
    const response = await request(testApp.app).post('/signup').type('form').send({ username: 'Alice', password: PASSWORD });

    expect(shapeOf(response)).toEqual(redirectShape('/'));
    const sessionId = sessionCookieOf(response)?.value;
    expect(sessionId).toMatch(/^[a-z0-9]{40}$/);

    const { User, Key, Session } = testApp.database.models;
    const key = await Key.findById('username:alice').lean();
    expect(key).toEqual({ _id: 'username:alice', user_id: expect.any(String), hashed_password: expect.stringMatching(/^\$argon2id\$/), __v: 0 });
    const user = await User.findById(key?.user_id).lean();
    expect(user).toEqual({ _id: key?.user_id, username: 'Alice', __v: 0 });
    const session = await Session.findById(sessionId).lean();
    expect(session?.user_id).toBe(key?.user_id);
  });

  it('sends htmx a 204 with HX-Redirect', async () => {
    const response = await request(testApp.app).post('/signup').set(HTMX_HEADERS).type('form').send({ username: 'htmxuser', password: PASSWORD });

    expect(shapeOf(response)).toEqual(htmxRedirectShape('/'));
    expect(sessionCookieOf(response)?.value).toMatch(/^[a-z0-9]{40}$/);
    expect(await testApp.database.models.Key.exists({ _id: 'username:htmxuser' })).not.toBeNull();
  });

  it('accepts a JSON body', async () => {
    const response = await request(testApp.app).post('/signup').send({ username: 'jsonuser', password: PASSWORD });

    expect(shapeOf(response)).toEqual(redirectShape('/'));
    expect(await testApp.database.models.Key.exists({ _id: 'username:jsonuser' })).not.toBeNull();
  });

  describe.each(POST_MODES)('$name post of a taken name', (mode) => {
    it.each([
      { taken: 'Carol', typed: 'carol' },
      { taken: 'dave', typed: 'DAVE' },
      { taken: 'Erin', typed: 'Erin' },
    ])('rejects $typed after $taken', async ({ taken, typed }) => {
      const name = `${mode.name}${taken}`;
      await signUp(testApp.app, name);

      const response = await request(testApp.app).post('/signup').set(mode.headers).type('form').send({ username: `${mode.name}${typed}`, password: PASSWORD });

      expectFormRejection(response, { mode, formId: 'signup', status: 400, message: 'Username already taken', typedUsername: `${mode.name}${typed}`, password: PASSWORD });
      expect(await testApp.database.models.User.countDocuments({ username: { $in: [name, `${mode.name}${typed}`] } })).toBe(1);
    });
  });
});

describe('POST /signup validation', () => {
  it.each([
    { length: 4, username: ofLength(4, 'four') },
    { length: 31, username: ofLength(31, 'thirtyone') },
  ])('accepts a $length-character username', async ({ username }) => {
    const response = await request(testApp.app).post('/signup').type('form').send({ username, password: PASSWORD });

    expect(shapeOf(response)).toEqual(redirectShape('/'));
    expect(await testApp.database.models.User.exists({ username })).not.toBeNull();
  });

  it.each([
    { length: 6, password: ofLength(6, 'Pw6') },
    { length: 255, password: ofLength(255, 'Pw255') },
  ])('accepts a $length-character password', async ({ length, password }) => {
    const username = `password${length}`;

    const response = await request(testApp.app).post('/signup').type('form').send({ username, password });

    expect(shapeOf(response)).toEqual(redirectShape('/'));
    expect(await testApp.database.models.User.exists({ username })).not.toBeNull();
  });

  // Each row is posted once by htmx and once as a plain form.
  const lengthRejections = [
    { case: 'a 3-character username', username: 'abc', password: PASSWORD, message: 'Invalid username' },
    { case: 'a 32-character username', username: ofLength(32, 'thirtytwo'), password: PASSWORD, message: 'Invalid username' },
    { case: 'an empty username', username: '', password: PASSWORD, message: 'Invalid username' },
    { case: 'a 5-character password', username: 'fivepw', password: 'Qz7#k', message: 'Invalid password' },
    { case: 'a 256-character password', username: 'longpw', password: ofLength(256, 'Qz7#k'), message: 'Invalid password' },
    { case: 'both fields wrong', username: 'ab', password: 'Qz7#', message: 'Invalid username' },
  ];

  describe.each(POST_MODES)('$name form post', (mode) => {
    it.each(lengthRejections)('rejects $case', async ({ username, password, message }) => {
      const usersBefore = await countUsers();

      const response = await request(testApp.app).post('/signup').set(mode.headers).type('form').send({ username, password });

      expectFormRejection(response, { mode, formId: 'signup', status: 400, message, typedUsername: username, password });
      expect(await countUsers()).toBe(usersBefore);
    });
  });

  // Raw form bodies, because superagent would write an array as `username[0]=…` instead of a repeated field.
  const formBodyRejections = [
    { case: 'a repeated username field', body: 'username=first1&username=second2&password=correct+horse+battery', message: 'Invalid username' },
    { case: 'a repeated password field', body: 'username=repeated&password=correct+horse&password=battery+staple', message: 'Invalid password' },
    { case: 'a missing username', body: 'password=correct+horse+battery', message: 'Invalid username' },
    { case: 'a missing password', body: 'username=nopassword', message: 'Invalid password' },
    { case: 'an empty body', body: '', message: 'Invalid username' },
  ];

  describe.each(POST_MODES)('$name form post', (mode) => {
    it.each(formBodyRejections)('rejects $case', async ({ body, message }) => {
      const keysBefore = await countKeys();

      const response = await request(testApp.app).post('/signup').set(mode.headers).type('form').send(body);

      const typedUsername = new URLSearchParams(body).getAll('username');
      expectFormRejection(response, { mode, formId: 'signup', status: 400, message, typedUsername: typedUsername.length === 1 ? typedUsername[0]! : '', password: PASSWORD });
      expect(await countKeys()).toBe(keysBefore);
    });
  });

  const jsonRejections: Array<{ case: string; body: Record<string, unknown>; message: string }> = [
    { case: 'a username array', body: { username: ['jsonarray'], password: PASSWORD }, message: 'Invalid username' },
    { case: 'a username object', body: { username: { name: 'jsonobject' }, password: PASSWORD }, message: 'Invalid username' },
    { case: 'a numeric username', body: { username: 12345, password: PASSWORD }, message: 'Invalid username' },
    { case: 'a null username', body: { username: null, password: PASSWORD }, message: 'Invalid username' },
    { case: 'a boolean username', body: { username: true, password: PASSWORD }, message: 'Invalid username' },
    { case: 'a missing username', body: { password: PASSWORD }, message: 'Invalid username' },
    { case: 'a password array', body: { username: 'jsonpassword', password: [PASSWORD] }, message: 'Invalid password' },
    { case: 'a password object', body: { username: 'jsonpassword', password: { value: PASSWORD } }, message: 'Invalid password' },
    { case: 'a numeric password', body: { username: 'jsonpassword', password: 12345678 }, message: 'Invalid password' },
    { case: 'a null password', body: { username: 'jsonpassword', password: null }, message: 'Invalid password' },
    { case: 'a missing password', body: { username: 'jsonpassword' }, message: 'Invalid password' },
    { case: 'both fields of the wrong type', body: { username: 42, password: [PASSWORD] }, message: 'Invalid username' },
  ];

  describe.each(POST_MODES)('$name JSON post', (mode) => {
    it.each(jsonRejections)('rejects $case', async ({ body, message }) => {
      const keysBefore = await countKeys();

      const response = await request(testApp.app).post('/signup').set(mode.headers).send(body);

      const typedUsername = typeof body.username === 'string' ? body.username : '';
      expectFormRejection(response, { mode, formId: 'signup', status: 400, message, typedUsername, password: PASSWORD });
      expect(await countKeys()).toBe(keysBefore);
    });
  });

  it('rejects a JSON array body as a missing username', async () => {
    const response = await request(testApp.app).post('/signup').set(HTMX_HEADERS).type('json').send('["alice", "correct horse battery"]');

    expect(shapeOf(response)).toEqual(htmlShape(400));
    expect(response.text.trim()).toBe(errorFragment('Invalid username'));
  });

  it('shows the typed username escaped in the page', async () => {
    const username = 'quote"<b>&';

    const response = await request(testApp.app).post('/signup').type('form').send({ username, password: 'short' });

    expect(usernameInputValueOf(response.text, 'signup')).toBe(escapeHtml(username));
  });
});
