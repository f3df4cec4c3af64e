/**
 * PostgreSQL stores neither U+0000 (in `text` or `jsonb`) nor lone UTF-16 surrogates (they have no UTF-8 form). PostHog
 * accepts such input and replaces both with U+FFFD rather than refusing the event: the plugin server's
 * `sanitizeString`/`sanitizeJsonbValue` for NUL, the Rust capture's `InvalidSurrogatesPass` (and
 * `extract_distinct_id`) for surrogates. We do the same, to keys as well as values.
 */

const REPLACEMENT = '\uFFFD';
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what PostgreSQL cannot store.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what PostgreSQL cannot store.
const MAYBE_UNSTORABLE = /[\u0000\uD800-\uDFFF]/;

export function postgresSafeText(text: string): string {
  return MAYBE_UNSTORABLE.test(text) ? text.replace(UNSTORABLE, REPLACEMENT) : text;
}

/**
 * JSON text that may decode to unstorable characters: `\u0000` or a surrogate escape, or a raw lone surrogate (which
 * only text decoded from lz-string can hold). Text without any needs no walk over what it parses to.
 */
export function mayHoldUnstorableText(jsonText: string): boolean {
  return /\\u(?:0000|[dD][89a-fA-F])/.test(jsonText) || LONE_SURROGATE.test(jsonText);
}

/**
 * Replaces unstorable characters in every string and key of a parsed JSON value, in place where it can; returns the
 * value to use. Nesting is bounded by the parser (`parse-bounded-json.ts`), so the recursion is too.
 */
export function postgresSafeJson(value: unknown): unknown {
  if (typeof value === 'string') return postgresSafeText(value);
  if (typeof value !== 'object' || value === null) return value;

  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) value[index] = postgresSafeJson(value[index]);
    return value;
  }

  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (!keys.some((key) => MAYBE_UNSTORABLE.test(key))) {
    for (const key of keys) record[key] = postgresSafeJson(record[key]);
    return record;
  }
  // A key changes: rebuild to keep the key order. defineProperty, because `__proto__` is a plain key in JSON.
  const rebuilt: Record<string, unknown> = {};
  for (const key of keys) {
    Object.defineProperty(rebuilt, postgresSafeText(key), {
      value: postgresSafeJson(record[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return rebuilt;
}
