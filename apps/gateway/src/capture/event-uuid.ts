/**
 * The `uuid` a client may send with an event. As the Rust capture's `RawEvent` reads it (serde into `uuid::Uuid`,
 * with an empty string taken as absent): absent, `null` or `""` → none (capture makes one); the hyphenated, the plain
 * 32-digit, the braced and the `urn:uuid:` forms → that uuid, written lower-case and hyphenated; anything else → the
 * request is refused.
 */

export type EventUuid = { valid: true; uuid: string | undefined } | { valid: false };

const HEX_32 = /^[0-9a-f]{32}$/;
const HYPHENATED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function eventUuidOf(value: unknown): EventUuid {
  if (value === undefined || value === null || value === '') return { valid: true, uuid: undefined };
  if (typeof value !== 'string') return { valid: false };

  let text = value.toLowerCase();
  if (text.startsWith('urn:uuid:')) text = text.slice('urn:uuid:'.length);
  else if (text.startsWith('{') && text.endsWith('}')) text = text.slice(1, -1);

  if (HYPHENATED.test(text)) return { valid: true, uuid: text };
  if (HEX_32.test(text)) {
    const groups = [text.slice(0, 8), text.slice(8, 12), text.slice(12, 16), text.slice(16, 20), text.slice(20)];
    return { valid: true, uuid: groups.join('-') };
  }
  return { valid: false };
}
