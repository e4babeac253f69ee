/**
 * Every error a visitor can see: its HTTP status and the message shown to them.
 * The form messages follow Lucia's username and password guide word for word.
 */
export const ERROR_CODES = {
  INVALID_USERNAME: { status: 400, message: 'Invalid username' },
  INVALID_PASSWORD: { status: 400, message: 'Invalid password' },
  USERNAME_TAKEN: { status: 400, message: 'Username already taken' },
  INCORRECT_CREDENTIALS: { status: 400, message: 'Incorrect username or password' },
  INVALID_BODY: { status: 400, message: 'The request body could not be read. Send a form or a JSON object.' },
  NOT_SIGNED_IN: { status: 401, message: 'You are not signed in' },
  NOT_FOUND: { status: 404, message: 'Page not found' },
  BODY_TOO_LARGE: { status: 413, message: 'The request body is too large' },
  UNKNOWN: { status: 500, message: 'An unknown error occurred' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
