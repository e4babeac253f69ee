import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { createTestApp, type TestApp } from '../setup/app.js';
import {
  HTMX_HEADERS,
  SAME_ORIGIN_HEADERS,
  errorFragment,
  expectFormRejection,
  htmlShape,
  redirectShape,
  shapeOf,
  signUp,
  type PostMode,
} from './support.js';

const PLAIN: PostMode = { name: 'plain', headers: {} };
const HTMX: PostMode = { name: 'htmx', headers: HTMX_HEADERS };

// Distinct from every other string the app could log, so a match can only be this password.
const SECRET_PASSWORD = 'Unlogged-Secret-4711';

let testApp: TestApp;
let cookie: string;
// Every line the app logs, at every level. The logger has no redaction, unlike the
// production one, so the check below shows that the password never reaches a log call.
const logLines: string[] = [];

beforeAll(async () => {
  const logger = pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) });
  testApp = await createTestApp({}, { logger });

  ({ cookie } = await signUp(testApp.app, 'Survivor', SECRET_PASSWORD));
  await request(testApp.app).post('/login').type('form').send({ username: 'Survivor', password: `${SECRET_PASSWORD}x` });

  await testApp.database.connection.close();
});

afterAll(async () => {
  // Reconnect, so that close() can drop this file's database.
  await testApp.database.connection.openUri(inject('mongodbUri'), { dbName: testApp.database.connection.name });
  await testApp.close();
});

describe('with the database connection closed', () => {
  it('returns 500 for GET / with a cookie, not a redirect', async () => {
    const response = await request(testApp.app).get('/').set('Cookie', cookie);

    expect(shapeOf(response)).toEqual(htmlShape(500));
    expect(response.text).toContain('<h1>An unknown error occurred</h1>');
  });

  it('sends htmx a 500 fragment for GET /', async () => {
    const response = await request(testApp.app).get('/').set('Cookie', cookie).set(HTMX_HEADERS);

    expect(shapeOf(response)).toEqual(htmlShape(500));
    expect(response.text.trim()).toBe(errorFragment('An unknown error occurred'));
  });

  it('still redirects GET / without a cookie to /login', async () => {
    const response = await request(testApp.app).get('/');

    expect(shapeOf(response)).toEqual(redirectShape('/login'));
  });

  it.each(['/signup', '/login'])('returns 500 for GET %s with a cookie', async (path) => {
    const response = await request(testApp.app).get(path).set('Cookie', cookie);

    expect(shapeOf(response)).toEqual(htmlShape(500));
  });

  it.each([
    { path: '/signup', formId: 'signup', mode: PLAIN },
    { path: '/signup', formId: 'signup', mode: HTMX },
    { path: '/login', formId: 'login', mode: PLAIN },
    { path: '/login', formId: 'login', mode: HTMX },
  ])('returns 500 for a $mode.name POST $path', async ({ path, formId, mode }) => {
    const response = await request(testApp.app).post(path).set(mode.headers).type('form').send({ username: 'Survivor', password: SECRET_PASSWORD });

    expectFormRejection(response, { mode, formId, status: 500, message: 'An unknown error occurred', typedUsername: 'Survivor', password: SECRET_PASSWORD });
  });

  it('returns 500 for POST /logout', async () => {
    const response = await request(testApp.app).post('/logout').set(SAME_ORIGIN_HEADERS).set('Cookie', cookie).set(HTMX_HEADERS);

    expect(shapeOf(response)).toEqual(htmlShape(500));
    expect(response.text.trim()).toBe(errorFragment('An unknown error occurred'));
  });

  it('logs each failure with its error and request id', () => {
    const failures = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.msg === 'request failed');

    expect(failures.map((entry) => `${String(entry.method)} ${String(entry.path)}`)).toEqual([
      'GET /',
      'GET /',
      'GET /signup',
      'GET /login',
      'POST /signup',
      'POST /signup',
      'POST /login',
      'POST /login',
      'POST /logout',
    ]);
    expect(failures.every((entry) => typeof entry.requestId === 'string')).toBe(true);
    expect(failures.every((entry) => typeof (entry.err as { message?: unknown } | undefined)?.message === 'string')).toBe(true);
  });

  it('never logs the password', () => {
    const linesWithPassword = logLines.filter((line) => line.includes('Unlogged-Secret'));

    expect(logLines.length).toBeGreaterThan(10);
    expect(linesWithPassword).toEqual([]);
  });
});
