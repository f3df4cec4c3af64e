/**
 * An event's `distinct_id`, as PostHog's Rust capture extracts it (`RawEvent::extract_distinct_id`): the top-level
 * `distinct_id` (or its alias `$distinct_id`), else `properties.distinct_id`; `null` counts as absent. SDKs send
 * strings, numbers, even arrays and objects: a string is kept, anything else is written as JSON (`23` → `"23"`,
 * objects with sorted keys as serde_json writes them). Cut to 200 characters.
 */

import { postgresSafeText } from './postgres-safe-text.js';

const MAX_DISTINCT_ID_LENGTH = 200;

/** `undefined` when the event has none, `''` when it sent an empty one. */
export function distinctIdOf(event: Readonly<Record<string, unknown>>): string | undefined {
  const properties = event.properties;
  const value =
    firstPresent(event.distinct_id, event.$distinct_id) ??
    (isRecord(properties) ? firstPresent(properties.distinct_id) : undefined);
  if (value === undefined) return undefined;

  const text = postgresSafeText(typeof value === 'string' ? value : canonicalJson(value));
  return text.length > MAX_DISTINCT_ID_LENGTH ? Array.from(text).slice(0, MAX_DISTINCT_ID_LENGTH).join('') : text;
}

function firstPresent(...values: unknown[]): unknown {
  return values.find((value) => value !== undefined && value !== null);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with object keys sorted, the order serde_json's default map keeps. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
