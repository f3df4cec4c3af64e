/**
 * A personal API key anywhere in a log line: `phx_` and the key's url-safe characters, with any underscore possibly
 * percent-encoded (`phx%5F…`) as it appears in a logged URL.
 */
const PERSONAL_API_KEY = /phx(?:_|%5[fF])(?:[A-Za-z0-9-]|_|%5[fF])+/g;

/** The line with every personal API key in it replaced, whatever field or form it is in. */
export function scrubSecrets(line: string): string {
  return line.includes('phx') ? line.replace(PERSONAL_API_KEY, 'phx_[redacted]') : line;
}
