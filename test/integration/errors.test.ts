import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestApp, type TestApp } from '../setup/app.js';
import {
  HTMX_HEADERS,
  PASSWORD,
  POST_MODES,
  SAME_ORIGIN_HEADERS,
  errorFragment,
  escapeHtml,
  expectFormRejection,
  htmlShape,
  shapeOf,
  signUp,
  usernameInputValueOf,
} from './support.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const BODY_UNREADABLE = 'The request body could not be read. Send a form or a JSON object.';
const BODY_TOO_LARGE = 'The request body is too large';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await createTestApp();
});

afterAll(() => testApp.close());

const countUsers = () => testApp.database.models.User.countDocuments();

describe('unknown routes', () => {
  it('render the error page with 404', async () => {
    const response = await request(testApp.app).get('/no-such-page');

    expect(shapeOf(response)).toEqual(htmlShape(404));
    expect(response.text).toContain('<html');
    expect(response.text).toContain('<h1>Page not found</h1>');
  });

  it('send htmx a 404 fragment', async () => {
    const response = await request(testApp.app).get('/no-such-page').set(HTMX_HEADERS);

    expect(shapeOf(response)).toEqual(htmlShape(404));
    expect(response.text.trim()).toBe(errorFragment('Page not found'));
  });

  it('send a JSON client a JSON error', async () => {
    const response = await request(testApp.app).get('/no-such-page').set('Accept', 'application/json');

    expect(shapeOf(response)).toEqual({ ...htmlShape(404), contentType: JSON_TYPE });
    expect(response.body).toEqual({ error: { code: 'NOT_FOUND', message: 'Page not found' } });
  });

  it.each(['put', 'delete'] as const)('return 404 for %s /', async (method) => {
    const response = await request(testApp.app)[method]('/').set(HTMX_HEADERS);

    expect(shapeOf(response)).toEqual(htmlShape(404));
  });
});

describe('JSON errors', () => {
  it('return 401 for POST /logout without a session', async () => {
    const response = await request(testApp.app).post('/logout').set(SAME_ORIGIN_HEADERS).set('Accept', 'application/json');

    expect(shapeOf(response)).toEqual({ ...htmlShape(401), contentType: JSON_TYPE });
    expect(response.body).toEqual({ error: { code: 'NOT_SIGNED_IN', message: 'You are not signed in' } });
  });

  it('return form errors as JSON to a JSON client', async () => {
    const response = await request(testApp.app).post('/signup').set('Accept', 'application/json').send({ username: 'abc', password: PASSWORD });

    expect(shapeOf(response)).toEqual({ ...htmlShape(400), contentType: JSON_TYPE });
    expect(response.body).toEqual({ error: { code: 'INVALID_USERNAME', message: 'Invalid username' } });
  });

  it('prefer the page for a browser form post', async () => {
    const accept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

    const response = await request(testApp.app).post('/signup').type('form').set('Accept', accept).send({ username: 'abc', password: PASSWORD });

    expect(shapeOf(response)).toEqual(htmlShape(400));
    expect(usernameInputValueOf(response.text, 'signup')).toBe('abc');
  });
});

describe('request bodies', () => {
  // The limit is 16 kB, so a 20 kB username reaches neither validation nor the database.
  const largeUsername = 'x'.repeat(20 * 1024);

  it.each([
    { case: 'form', send: (path: string) => request(testApp.app).post(path).type('form').send({ username: largeUsername, password: PASSWORD }) },
    { case: 'JSON', send: (path: string) => request(testApp.app).post(path).send({ username: largeUsername, password: PASSWORD }) },
  ])('reject a 20 kB $case body with 413', async ({ send }) => {
    const usersBefore = await countUsers();

    const response = await send('/signup');

    expect(shapeOf(response)).toEqual(htmlShape(413));
    expect(response.text).toContain(`<h1>${BODY_TOO_LARGE}</h1>`);
    expect(response.text).not.toContain(largeUsername);
    expect(await countUsers()).toBe(usersBefore);
  });

  it('send htmx a 413 fragment', async () => {
    const response = await request(testApp.app).post('/login').set(HTMX_HEADERS).type('form').send({ username: largeUsername, password: PASSWORD });

    expect(shapeOf(response)).toEqual(htmlShape(413));
    expect(response.text.trim()).toBe(errorFragment(BODY_TOO_LARGE));
  });

  it('reject malformed JSON with 400', async () => {
    const response = await request(testApp.app).post('/signup').type('json').send('{"username": "alice", "password": ');

    expect(shapeOf(response)).toEqual(htmlShape(400));
    expect(response.text).toContain(`<h1>${BODY_UNREADABLE}</h1>`);
  });

  it('send htmx a 400 fragment for malformed JSON', async () => {
    const response = await request(testApp.app).post('/login').set(HTMX_HEADERS).type('json').send('{"username": ');

    expect(shapeOf(response)).toEqual(htmlShape(400));
    expect(response.text.trim()).toBe(errorFragment(BODY_UNREADABLE));
  });

  it('send a JSON client a JSON error for malformed JSON', async () => {
    const response = await request(testApp.app).post('/signup').set('Accept', 'application/json').type('json').send('not json');

    expect(shapeOf(response)).toEqual({ ...htmlShape(400), contentType: JSON_TYPE });
    expect(response.body).toEqual({ error: { code: 'INVALID_BODY', message: BODY_UNREADABLE } });
  });

  // express.json() in strict mode reads only objects and arrays.
  it.each(['"alice"', '42', 'null'])('reject the JSON body %s with 400', async (body) => {
    const response = await request(testApp.app).post('/signup').set(HTMX_HEADERS).type('json').send(body);

    expect(shapeOf(response)).toEqual(htmlShape(400));
    expect(response.text.trim()).toBe(errorFragment(BODY_UNREADABLE));
  });

  it('reject a form with more than 20 fields with 400', async () => {
    const fields = Array.from({ length: 21 }, (_, i) => `field${i}=x`).join('&');

    const response = await request(testApp.app).post('/signup').set(HTMX_HEADERS).type('form').send(`username=manyfields&password=correct+horse&${fields}`);

    expect(shapeOf(response)).toEqual(htmlShape(400));
    expect(response.text.trim()).toBe(errorFragment(BODY_UNREADABLE));
  });

  describe.each(POST_MODES)('$name form post', (mode) => {
    it('keeps username[a]=b a flat key', async () => {
      const usersBefore = await countUsers();

      const response = await request(testApp.app).post('/signup').set(mode.headers).type('form').send('username[a]=nested&password=correct+horse+battery');

      expectFormRejection(response, { mode, formId: 'signup', status: 400, message: 'Invalid username', typedUsername: '', password: PASSWORD });
      expect(await countUsers()).toBe(usersBefore);
    });

    it('treats a text/plain body as missing fields', async () => {
      const response = await request(testApp.app).post('/login').set(mode.headers).type('text').send('username=Alice&password=correct+horse+battery');

      expectFormRejection(response, { mode, formId: 'login', status: 400, message: 'Invalid username', typedUsername: '', password: PASSWORD });
    });
  });
});

describe('HTML in a username', () => {
  const scriptName = '<script>alert(1)</script>';
  const attributeName = '"><img src=x onerror=alert(1)>';

  it('is stored as typed and escaped on the account page', async () => {
    const { cookie } = await signUp(testApp.app, scriptName);

    const response = await request(testApp.app).get('/').set('Cookie', cookie);

    expect(response.status).toBe(200);
    expect(response.text).toContain(`<dd id="account-username">${escapeHtml(scriptName)}</dd>`);
    expect(response.text).not.toContain(scriptName);
    expect(await testApp.database.models.User.exists({ username: scriptName })).not.toBeNull();
  });

  it.each([
    { path: '/signup', formId: 'signup', username: scriptName },
    { path: '/signup', formId: 'signup', username: attributeName },
    { path: '/login', formId: 'login', username: attributeName },
  ])('is escaped in the form on $path: $username', async ({ path, formId, username }) => {
    const response = await request(testApp.app).post(path).type('form').send({ username, password: 'p' });

    expect(response.status).toBe(400);
    expect(usernameInputValueOf(response.text, formId)).toBe(escapeHtml(username));
    expect(response.text).not.toContain(username);
  });
});
