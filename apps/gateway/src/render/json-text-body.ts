import { JsonText } from '@insights/transport';

/**
 * A service's answer, as the JSON text it sent, used as a route's body of the type it encodes: the reply serializer
 * writes the text as it is (server.ts), and CSV rendering parses it. The type is the service's declared output, so the
 * route is type-checked against the contract as if the value itself were returned.
 */
export function jsonTextBody<T>(json: JsonText<T>): T {
  return json as unknown as T;
}

/** How a service's `{ status, body }` answer starts as JSON text (`JSON.stringify` keeps the key order). */
const STATUS_ANSWER = /^\{"status":(\d{3}),"body":/;

/**
 * A service's `{ status, body }` answer as JSON text, split into the status and the body's text, which is not parsed.
 * An answer of another shape is parsed.
 */
export function statusAnswerOf<S extends number, B>(json: JsonText<{ status: S; body: B }>): { status: S; body: B } {
  const start = STATUS_ANSWER.exec(json.text);
  if (!start) return json.parse();
  const body = new JsonText<B>(json.text.slice(start[0].length, -1));
  return { status: Number(start[1]) as S, body: jsonTextBody(body) };
}

/** A service's answer that may be null, as JSON text: null when it is. */
export function unlessNull<T>(json: JsonText<T | null>): JsonText<T> | null {
  return json.text === 'null' ? null : (json as JsonText<T>);
}
