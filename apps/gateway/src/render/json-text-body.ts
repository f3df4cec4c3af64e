import { hasBytesAt, JsonText } from '@insights/transport';

/**
 * A service's answer, as the JSON text it sent, used as a route's body of the type it encodes: the reply serializer
 * writes its bytes as they are (server.ts), and CSV rendering parses it. The type is the service's declared output, so
 * the route is type-checked against the contract as if the value itself were returned.
 */
export function jsonTextBody<T>(json: JsonText<T>): T {
  return json as unknown as T;
}

const ascii = (text: string) => new TextEncoder().encode(text);
/** How a service's `{ status, body }` answer starts as JSON text (`JSON.stringify` keeps the key order). */
const STATUS_PREFIX = ascii('{"status":');
const BODY_PREFIX = ascii(',"body":');
const STATUS_DIGITS = 3;
const NULL = ascii('null');

const isDigit = (byte: number | undefined) => byte !== undefined && byte >= 0x30 && byte <= 0x39;

/**
 * A service's `{ status, body }` answer as JSON text, split into the status and the body's text, which is neither
 * decoded nor parsed. An answer of another shape is parsed.
 */
export function statusAnswerOf<S extends number, B>(json: JsonText<{ status: S; body: B }>): { status: S; body: B } {
  const bytes = json.bytes;
  const bodyStart = STATUS_PREFIX.length + STATUS_DIGITS + BODY_PREFIX.length;
  const digits = bytes.subarray(STATUS_PREFIX.length, STATUS_PREFIX.length + STATUS_DIGITS);
  const shaped =
    hasBytesAt(bytes, 0, STATUS_PREFIX) &&
    digits.length === STATUS_DIGITS &&
    digits.every((byte) => isDigit(byte)) &&
    hasBytesAt(bytes, STATUS_PREFIX.length + STATUS_DIGITS, BODY_PREFIX) &&
    bytes.length > bodyStart;
  if (!shaped) return json.parse();
  const status = Number(String.fromCharCode(...digits)) as S;
  return { status, body: jsonTextBody(JsonText.fromBytes<B>(bytes.subarray(bodyStart, bytes.length - 1))) };
}

/** A service's answer that may be null, as JSON text: null when it is. */
export function unlessNull<T>(json: JsonText<T | null>): JsonText<T> | null {
  const bytes = json.bytes;
  return bytes.length === NULL.length && hasBytesAt(bytes, 0, NULL) ? null : (json as JsonText<T>);
}
