import type { Express } from 'express';
import request, { type Response } from 'supertest';
import { DEFAULT_SESSION_COOKIE_NAME } from 'lucia';
import { expect } from 'vitest';

export const SESSION_COOKIE = DEFAULT_SESSION_COOKIE_NAME;

/** The header htmx 4 adds to every request it sends. */
export const HTMX_HEADERS = { 'HX-Request': 'true' } as const;

/**
 * Host and Origin of a same-site form post. Lucia compares the Origin's host with the
 * Host header, and supertest would otherwise send a Host with a random port.
 */
export const SAME_ORIGIN_HEADERS = { Host: 'accounts.test', Origin: 'http://accounts.test' } as const;

export const PASSWORD = 'correct horse battery';

/** The headers and status that tell a redirect, a fragment and a page apart. */
export type ResponseShape = {
  status: number;
  contentType: string | undefined;
  location: string | undefined;
  hxRedirect: string | undefined;
};

export function shapeOf(response: Response): ResponseShape {
  return {
    status: response.status,
    contentType: response.headers['content-type'] as string | undefined,
    location: response.headers.location as string | undefined,
    hxRedirect: response.headers['hx-redirect'] as string | undefined,
  };
}

const HTML_TYPE = 'text/html; charset=utf-8';

/** Returns the shape of a plain (non-htmx) redirect. Express 5 adds a one-line text body when the request has no Accept header. */
export function redirectShape(target: string): ResponseShape {
  return { status: 302, contentType: 'text/plain; charset=utf-8', location: target, hxRedirect: undefined };
}

/** Returns the shape of a redirect sent to htmx, which is a 204 with HX-Redirect and never a 3xx. */
export function htmxRedirectShape(target: string): ResponseShape {
  return { status: 204, contentType: undefined, location: undefined, hxRedirect: target };
}

/** Returns the shape of an HTML page or fragment with the given status. */
export function htmlShape(status: number): ResponseShape {
  return { status, contentType: HTML_TYPE, location: undefined, hxRedirect: undefined };
}

/** Returns the whole body htmx receives for an error, which is the message alone without a layout. */
export function errorFragment(message: string): string {
  return `<p class="form-error-message">${message}</p>`;
}

/** One cookie from a Set-Cookie header, with attribute names lowercased. */
export type SetCookie = { name: string; value: string; attributes: Record<string, string | true> };

export function setCookies(response: Response): SetCookie[] {
  const header = response.headers['set-cookie'] as string[] | string | undefined;
  const lines = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return lines.map(parseSetCookie);
}

function parseSetCookie(line: string): SetCookie {
  const [pair = '', ...attributeParts] = line.split(';').map((part) => part.trim());
  const separator = pair.indexOf('=');
  const attributes: Record<string, string | true> = {};
  for (const part of attributeParts) {
    const equals = part.indexOf('=');
    if (equals === -1) attributes[part.toLowerCase()] = true;
    else attributes[part.slice(0, equals).toLowerCase()] = part.slice(equals + 1);
  }
  return { name: pair.slice(0, separator), value: pair.slice(separator + 1), attributes };
}

/** Returns the session cookie the response sets, or undefined when it sets none. */
export function sessionCookieOf(response: Response): SetCookie | undefined {
  return setCookies(response).find((cookie) => cookie.name === SESSION_COOKIE);
}

/** Returns the Cookie request header that sends back the session the response set. */
export function cookieHeaderOf(response: Response): string {
  const cookie = sessionCookieOf(response);
  if (!cookie?.value) throw new Error(`Expected a ${SESSION_COOKIE} cookie, got status ${response.status} and Set-Cookie ${JSON.stringify(response.headers['set-cookie'])}`);
  return `${SESSION_COOKIE}=${cookie.value}`;
}

export type SignedUp = { cookie: string; sessionId: string };

/** Signs up through the form and returns the session cookie. Throws unless the sign-up succeeds. */
export async function signUp(app: Express, username: string, password = PASSWORD): Promise<SignedUp> {
  const response = await request(app).post('/signup').type('form').send({ username, password });
  if (response.status !== 302) throw new Error(`Sign-up of ${username} failed with status ${response.status}: ${response.text}`);

  const cookie = cookieHeaderOf(response);
  return { cookie, sessionId: cookie.slice(SESSION_COOKIE.length + 1) };
}

/** Returns the inner HTML of the form's error region (`#<formId>-error`), trimmed, or undefined when the page has none. */
export function formErrorOf(html: string, formId: string): string | undefined {
  const match = new RegExp(`<div id="${formId}-error"[^>]*>([\\s\\S]*?)</div>`).exec(html);
  return match?.[1]?.trim();
}

/** Returns the raw, still escaped, value attribute of the form's username input. */
export function usernameInputValueOf(html: string, formId: string): string | undefined {
  const input = new RegExp(`<input id="${formId}-username"[^>]*>`).exec(html)?.[0];
  return input === undefined ? undefined : /\svalue="([^"]*)"/.exec(input)?.[1];
}

/** Escapes text the way Nunjucks' autoescape does, to predict what a page contains. */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/** Returns a string of `length` characters that starts with `prefix`. */
export function ofLength(length: number, prefix = ''): string {
  return (prefix + 'x'.repeat(length)).slice(0, length);
}

/** How a form was posted: by htmx, or by the browser without JavaScript. */
export type PostMode = Readonly<{ name: 'htmx' | 'plain'; headers: Readonly<Record<string, string>> }>;

export const POST_MODES: readonly PostMode[] = [
  { name: 'plain', headers: {} },
  { name: 'htmx', headers: HTMX_HEADERS },
];

export type ExpectedRejection = {
  mode: PostMode;
  /** `signup` or `login`: the id of the form whose error region shows the message. */
  formId: string;
  status: number;
  message: string;
  /** What the username input must show again; '' for a username that was not a string. */
  typedUsername: string;
  /** Text that must not appear anywhere in the response. */
  password?: unknown;
};

/**
 * Checks a rejected form post. htmx gets the error fragment alone, with the status.
 * A plain post gets the whole page again, with the error in the form's alert region
 * and the typed username in its input. Neither contains the password or sets a session cookie.
 */
export function expectFormRejection(response: Response, expected: ExpectedRejection): void {
  expect(shapeOf(response)).toEqual(htmlShape(expected.status));
  expect(sessionCookieOf(response)).toBeUndefined();
  if (typeof expected.password === 'string' && expected.password !== '') {
    expect(response.text).not.toContain(expected.password);
  }

  if (expected.mode.name === 'htmx') {
    expect(response.text.trim()).toBe(errorFragment(expected.message));
    return;
  }

  expect(response.text).toContain('<html');
  expect(formErrorOf(response.text, expected.formId)).toBe(errorFragment(expected.message));
  expect(usernameInputValueOf(response.text, expected.formId)).toBe(escapeHtml(expected.typedUsername));
}
