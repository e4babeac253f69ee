import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestApp, type TestApp } from '../setup/app.js';

describe('sign-up', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(() => testApp.close());

  it('redirects to the account page', async () => {
    const response = await request(testApp.app).post('/signup').type('form').send({ username: 'smoke', password: 'secret1' });

    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/');
  });
});
