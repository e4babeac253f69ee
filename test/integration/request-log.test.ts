import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestApp, type TestApp } from '../setup/app.js';

type LogLine = Record<string, unknown>;

let testApp: TestApp;
const logLines: LogLine[] = [];

beforeAll(async () => {
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line) as LogLine) });
  testApp = await createTestApp({}, { logger });
});

afterAll(() => testApp.close());

function requestLineWithId(requestId: string): LogLine | undefined {
  return logLines.find((line) => line.msg === 'request' && line.requestId === requestId);
}

describe('request log', () => {
  it('logs the full path of a mounted static file', async () => {
    const response = await request(testApp.app).get('/static/app.css?version=1');

    const line = requestLineWithId(String(response.headers['x-request-id']));
    expect(line).toMatchObject({ method: 'GET', path: '/static/app.css', status: 200 });
  });

  it('reuses a well-formed incoming request id', async () => {
    const response = await request(testApp.app).get('/login').set('X-Request-Id', 'trace-42');

    expect(response.headers['x-request-id']).toBe('trace-42');
    expect(requestLineWithId('trace-42')).toMatchObject({ path: '/login', status: 200 });
  });

  it.each([
    { case: 'spaces', requestId: 'forged id' },
    { case: 'a 65-character id', requestId: 'a'.repeat(65) },
  ])('replaces an incoming id with $case', async ({ requestId }) => {
    const response = await request(testApp.app).get('/login').set('X-Request-Id', requestId);

    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('keeps the query string out of the log', async () => {
    const response = await request(testApp.app).get('/login?token=visible-secret');

    const line = requestLineWithId(String(response.headers['x-request-id']));
    expect(line?.path).toBe('/login');
    expect(JSON.stringify(logLines)).not.toContain('visible-secret');
  });
});
