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

/** Log lines wait for this much text, or for the next flush, before they are written: one write, not one per line. */
const BUFFERED_BYTES = 8 * 1024;
const FLUSH_EVERY_MS = 100;

/**
 * JSON lines on stdout, written asynchronously and in batches: a write per request line was a system call per
 * request, ~4 % of the gateway's CPU. A line waits at most FLUSH_EVERY_MS, and what is buffered is written when the
 * process exits (pino's exit hook for its destinations). Known
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

function stdout(): { write(line: string): unknown } {
  const stream = pino.destination({ dest: 1, sync: false, minLength: BUFFERED_BYTES });
  let unflushed = false;
  setInterval(() => {
    if (!unflushed) return;
    unflushed = false;
    try {
      stream.flush();
    } catch {
      // Destroyed at exit, after its last flush.
    }
  }, FLUSH_EVERY_MS).unref();
  return {
    write(line) {
      unflushed = true;
      return stream.write(line);
    },
  };
}
