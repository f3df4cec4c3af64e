import { type CaptureError, malformedRequest } from './capture-error.js';

/** serde_json's default recursion limit, which bounds what PostHog's Rust capture accepts. */
export const MAX_JSON_DEPTH = 128;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The deepest nesting of objects and arrays in JSON text, counted before parsing so that everything walking the parsed
 * value afterwards (sanitising, stringifying a distinct_id, serialising for the stream) has bounded recursion.
 */
function nestingDepth(text: string, stopAbove: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--;
    }
  }
  return deepest;
}

export function parseBoundedJson(text: string): { value: unknown } | { error: CaptureError } {
  if (nestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    return { error: malformedRequest(`JSON nested deeper than ${MAX_JSON_DEPTH} levels.`) };
  }
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: malformedRequest(`Invalid JSON: ${(error as Error).message}`) };
  }
}
