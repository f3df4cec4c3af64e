import pino, { type Logger } from 'pino';
import { scrubSecrets } from './log-scrubbing.js';

/** Paths that may carry a personal API key or a signed principal; pino replaces them before anything is written. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  'req.query.personal_api_key',
  'query.personal_api_key',
  'body.personal_api_key',
  'req.body.personal_api_key',
  'personal_api_key',
  'principalToken',
  'key',
];

/**
 * JSON lines on stdout, written asynchronously (a synchronous write per request line costs the hot path). Known
 * secret fields are redacted by path, and every line is scrubbed of personal API keys wherever they appear (a URL in
 * any encoding, an error message, a header).
 */
export function createLogger(
  service: string,
  level = 'info',
  destination: { write(line: string): unknown } = stdout(),
): Logger {
  return pino(
    { name: service, level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    { write: (line: string) => destination.write(scrubSecrets(line)) },
  );
}

function stdout() {
  return pino.destination({ dest: 1, sync: false });
}
