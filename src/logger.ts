import { pino, type Logger } from 'pino';

export type { Logger };

// Paths pino replaces with "[redacted]" wherever a caller passes them by mistake.
// Request logs carry no bodies or cookies in the first place (see http/request-log.ts).
const REDACTED_PATHS = [
  'password',
  '*.password',
  'hashed_password',
  '*.hashed_password',
  'sessionId',
  '*.sessionId',
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
];

/** Creates the process logger: one JSON object a line on stdout. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  });
}
