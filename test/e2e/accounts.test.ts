import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { closeServer, listen } from '../../src/server/listen.js';
import { createTestApp, type TestApp } from '../setup/app.js';

const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/e2e/', import.meta.url));

// Debian's chromium package, because playwright-core ships no browser of its own.
const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

// Playwright waits this long for an element or a navigation, in milliseconds, so a
// missing element fails the test with Playwright's message before vitest's timeout.
const ACTION_TIMEOUT_MS = 15_000;

const PASSWORD = 'correct-horse-7';
const WRONG_PASSWORD = 'wrong-horse-7';

type CredentialsForm = Readonly<{ id: string; path: string; button: string }>;

const SIGN_IN_FORM: CredentialsForm = { id: 'login', path: '/login', button: 'Sign in' };
const SIGN_UP_FORM: CredentialsForm = { id: 'signup', path: '/signup', button: 'Sign up' };

type Mode = Readonly<{
  name: string;
  /** Prefix of every username, so the two modes never share an account in the one database. */
  usernamePrefix: string;
  javaScriptEnabled: boolean;
  /** Response to a successful form post, which is a 302 without htmx and a 204 with HX-Redirect with it. */
  success: Readonly<{ status: number; header: string }>;
  /** Number of page loads per form error, which is 0 when htmx swaps the error in and 1 for a plain post. */
  pageLoadsPerError: number;
}>;

const MODES: readonly Mode[] = [
  { name: 'with JavaScript', usernamePrefix: 'Js', javaScriptEnabled: true, success: { status: 204, header: 'hx-redirect' }, pageLoadsPerError: 0 },
  { name: 'without JavaScript', usernamePrefix: 'NoJs', javaScriptEnabled: false, success: { status: 302, header: 'location' }, pageLoadsPerError: 1 },
];

let testApp: TestApp | undefined;
let server: Server | undefined;
let browser: Browser | undefined;
let baseURL = '';

beforeAll(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  testApp = await createTestApp();
  server = await listen(testApp.app, '127.0.0.1', 0);
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    try {
      if (server) await closeServer(server);
    } finally {
      await testApp?.close();
    }
  }
});

describe.each(MODES)('accounts in chromium $name', (mode) => {
  let context: BrowserContext;
  let page: Page;
  let pageErrors: Error[];
  let usernameCount = 0;

  const newUsername = () => `${mode.usernamePrefix}User${++usernameCount}`;
  const screenshot = (name: string) =>
    page.screenshot({ path: `${SCREENSHOT_DIR}${mode.javaScriptEnabled ? 'js-on' : 'js-off'}-${name}.png`, fullPage: true });

  beforeEach(async () => {
    context = await requireBrowser().newContext({ baseURL, javaScriptEnabled: mode.javaScriptEnabled });
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error));
  });

  afterEach(async () => {
    await context.close();

    // A script error in the page, such as htmx failing, fails the test that caused it.
    expect(pageErrors).toEqual([]);
  });

  it('shows the username as typed after sign-up', async () => {
    const username = newUsername();

    await signUp(page, username);

    expect(pathOf(page)).toBe('/');
    expect(await textOf(page, '#account-username')).toBe(username);
    await screenshot('account');
  });

  it('redirects to the account page after sign-up', async () => {
    await page.goto('/signup');
    const response = waitForPost(page, '/signup');

    await fillCredentials(page, newUsername(), PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();

    expect((await response).status()).toBe(mode.success.status);
    expect((await response).headers()[mode.success.header]).toBe('/');
  });

  it('signs out to the sign-in page', async () => {
    await signUp(page, newUsername());

    await signOut(page);

    expect(pathOf(page)).toBe('/login');
    expect(await page.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true);
  });

  it('ends the session on sign-out', async () => {
    await signUp(page, newUsername());
    await signOut(page);

    await page.goto('/');

    expect(pathOf(page)).toBe('/login');
  });

  it('signs in with another letter case', async () => {
    const username = newUsername();
    await signUp(page, username);
    await signOut(page);

    await signIn(page, username.toLowerCase(), PASSWORD);

    expect(pathOf(page)).toBe('/');
    expect(await textOf(page, '#account-username')).toBe(username);
  });

  it('shows a wrong password in the alert region', async () => {
    const username = newUsername();
    await signUp(page, username);
    await signOut(page);

    await submitWrongPassword(page, username);

    const form = page.locator('form#login');
    const alert = form.getByRole('alert');
    expect((await alert.textContent())?.trim()).toBe('Incorrect username or password');
    expect(await form.getAttribute('aria-describedby')).toBe(await alert.getAttribute('id'));
    expect(await page.getByLabel('Username').inputValue()).toBe(username);
    await screenshot('login-error');
  });

  if (mode.javaScriptEnabled) {
    it('shows a wrong password without a page load', async () => {
      const username = newUsername();
      await signUp(page, username);
      await signOut(page);
      await setDocumentMarker(page);
      const pageLoads = countPageLoads(page);

      await submitWrongPassword(page, username);

      expect(pageLoads()).toBe(mode.pageLoadsPerError);
      expect(await readDocumentMarker(page)).toBe(1);
      expect(pathOf(page)).toBe('/login');
    });
  } else {
    it('reloads the sign-in page for a wrong password', async () => {
      const username = newUsername();
      await signUp(page, username);
      await signOut(page);
      const pageLoads = countPageLoads(page);

      const response = await submitWrongPassword(page, username);

      expect(pageLoads()).toBe(mode.pageLoadsPerError);
      expect(response.status()).toBe(400);
      expect(pathOf(page)).toBe('/login');
      expect(await page.getByLabel('Username').inputValue()).toBe(username);
      expect(await page.getByLabel('Password').inputValue()).toBe('');
    });
  }

  it('shows a taken username in the alert region', async () => {
    const username = newUsername();
    await signUp(page, username);
    await signOut(page);
    await page.goto('/signup');
    const pageLoads = countPageLoads(page);

    await postExpectingError(page, SIGN_UP_FORM, username.toUpperCase(), PASSWORD, 'Username already taken');

    const form = page.locator('form#signup');
    const alert = form.getByRole('alert');
    expect((await alert.textContent())?.trim()).toBe('Username already taken');
    expect(await form.getAttribute('aria-describedby')).toBe(await alert.getAttribute('id'));
    expect(await page.getByLabel('Username').inputValue()).toBe(username.toUpperCase());
    expect(pageLoads()).toBe(mode.pageLoadsPerError);
    await screenshot('signup-taken');
  });
});

function requireBrowser(): Browser {
  if (!browser) throw new Error('chromium did not start; see the beforeAll error');
  return browser;
}

function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

async function textOf(page: Page, selector: string): Promise<string | undefined> {
  return (await page.locator(selector).textContent())?.trim();
}

async function fillCredentials(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
}

async function signUp(page: Page, username: string): Promise<void> {
  await page.goto('/signup');
  await fillCredentials(page, username, PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/login');
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await fillCredentials(page, username, password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

/** Posts `form` from the current page and waits until `message` shows in its alert region. Returns the post's response. */
async function postExpectingError(page: Page, form: CredentialsForm, username: string, password: string, message: string): Promise<Response> {
  const response = waitForPost(page, form.path);
  await fillCredentials(page, username, password);
  await page.getByRole('button', { name: form.button }).click();
  await page.locator(`form#${form.id}`).getByRole('alert').filter({ hasText: message }).waitFor();
  return response;
}

function submitWrongPassword(page: Page, username: string): Promise<Response> {
  return postExpectingError(page, SIGN_IN_FORM, username, WRONG_PASSWORD, 'Incorrect username or password');
}

function waitForPost(page: Page, path: string): Promise<Response> {
  return page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === path);
}

/**
 * Counts page loads in the main frame from now on, as navigation requests. Playwright's framenavigated
 * event would also count the same-document navigation that htmx 4 makes with history.replaceState.
 */
function countPageLoads(page: Page): () => number {
  let count = 0;
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) count += 1;
  });
  return () => count;
}

// A value on the window lives as long as its document, so it survives an htmx swap but not a page load.
type MarkedGlobal = { e2eDocumentMarker?: number };

async function setDocumentMarker(page: Page): Promise<void> {
  await page.evaluate(() => {
    (globalThis as MarkedGlobal).e2eDocumentMarker = 1;
  });
}

function readDocumentMarker(page: Page): Promise<number | undefined> {
  return page.evaluate(() => (globalThis as MarkedGlobal).e2eDocumentMarker);
}
