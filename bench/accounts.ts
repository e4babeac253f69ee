import { DEFAULT_SESSION_COOKIE_NAME } from 'lucia';

/** Users the benchmark signs in as, created through the app's own sign-up route. */
export type BenchAccounts = Readonly<{
  /** Sign-in form bodies, one a user. */
  forms: ReadonlyArray<Readonly<{ username: string; password: string }>>;
  /** `Cookie` headers with the session each sign-up created, one a user. */
  cookies: readonly string[];
}>;

const PASSWORD = 'bench-password-1';

/**
 * Signs up `count` users one after another with POST /signup and keeps each
 * session cookie. Throws unless every sign-up redirects (302) with a session cookie.
 */
export async function signUpAccounts(origin: string, count: number): Promise<BenchAccounts> {
  const forms: Array<{ username: string; password: string }> = [];
  const cookies: string[] = [];

  for (let index = 0; index < count; index += 1) {
    const form = { username: `bench_user_${String(index).padStart(3, '0')}`, password: PASSWORD };
    const response = await fetch(new URL('/signup', origin), { method: 'POST', body: new URLSearchParams(form), redirect: 'manual' });

    const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${DEFAULT_SESSION_COOKIE_NAME}=`));
    if (response.status !== 302 || !session) throw new Error(`Sign-up of ${form.username} returned ${response.status}${session ? '' : ' without a session cookie'}; expected 302 with one.`);

    forms.push(form);
    cookies.push(session.split(';')[0]!);
  }
  return { forms, cookies };
}
