/**
 * From the bytes of a capture request to the JSON text it carries, the way PostHog's capture finds it
 * (`rust/capture/src/payload/common.rs` `extract_payload_bytes`, `payload/decompression.rs`, `utils.rs`):
 *
 * 1. the payload is the `data` query parameter when there is one (GET-style beacons), else the body;
 * 2. a form body (`application/x-www-form-urlencoded`) carries it in its `data` field, and may name the compression
 *    in its `compression` field; `+` turned into spaces by URL decoding are put back when `data` is base64;
 * 3. the compression hint is `?compression=`, else the form's, else `Content-Encoding`: `gzip`/`gzip-js`,
 *    `lz64`/`lz-string`, `base64`/`b64` (case-insensitive; anything else is ignored);
 * 4. a payload that is entirely base64 is decoded first (PostHog decodes it optimistically whatever the hint);
 * 5. gzip when hinted or when the bytes start with gzip's magic number (clients often omit the hint), lz-string when
 *    hinted, else UTF-8 text;
 * 6. text that is still base64 is decoded once more (legacy SDKs wrap JSON in base64 inside the form field).
 *
 * The payload may be at most `maxBytes` before and after decompression (413 otherwise).
 */

import { gunzipSync } from 'node:zlib';
import { type CaptureError, malformedRequest, noData, payloadTooLarge } from './capture-error.js';
import { decompressLzStringBase64 } from './lz-string.js';

export type CaptureHttpRequest = {
  /** The `Content-Type` header, parameters included (`; charset=…`). */
  contentType?: string | undefined;
  contentEncoding?: string | undefined;
  /** The parsed query string (values already percent-decoded). */
  query?: Readonly<Record<string, string | string[] | undefined>> | undefined;
  /** The raw body, undecoded and undecompressed. */
  body?: Uint8Array | string | null | undefined;
};

type Compression = 'gzip' | 'lz64' | 'base64';

const GZIP_MAGIC = [0x1f, 0x8b, 0x08] as const;
const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';
const FORM_FIELDS_THAT_START_A_PAYLOAD = ['data=', '_=', 'ip=', 'compression='];

export function firstQueryValue(query: CaptureHttpRequest['query'], name: string): string | undefined {
  const value = query?.[name];
  return Array.isArray(value) ? value[0] : value;
}

function compressionNamed(value: string | null | undefined): Compression | undefined {
  switch (value?.trim().toLowerCase()) {
    case 'gzip':
    case 'gzip-js':
      return 'gzip';
    case 'lz64':
    case 'lz-string':
      return 'lz64';
    case 'base64':
    case 'b64':
      return 'base64';
    default:
      return undefined;
  }
}

function isFormContentType(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === FORM_MEDIA_TYPE;
}

function looksLikeForm(text: string): boolean {
  return FORM_FIELDS_THAT_START_A_PAYLOAD.some((field) => text.startsWith(field) || text.includes(`&${field}`));
}

const BASE64_CHAR = new Uint8Array(128);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=') {
  BASE64_CHAR[char.charCodeAt(0)] = 1;
}

/** Strict base64 (standard alphabet, padded). JSON never is: it starts with `{`, `[` or `"`. */
function isBase64(bytes: Uint8Array): boolean {
  if (bytes.length === 0 || bytes.length % 4 !== 0) return false;
  for (const byte of bytes) if (byte >= 128 || BASE64_CHAR[byte] === 0) return false;
  return true;
}

function isBase64Text(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/=]+$/.test(text);
}

function isLooseBase64(text: string): boolean {
  return text.length > 0 && /^[A-Za-z0-9+/= ]+$/.test(text);
}

function startsWithGzipMagic(bytes: Uint8Array): boolean {
  return GZIP_MAGIC.every((byte, index) => bytes[index] === byte);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function bytesOf(body: CaptureHttpRequest['body']): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

function gunzipWithin(bytes: Uint8Array, maxBytes: number): { bytes: Uint8Array } | { error: CaptureError } {
  try {
    return { bytes: gunzipSync(bytes, { maxOutputLength: maxBytes }) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { error: payloadTooLarge(maxBytes) };
    return { error: malformedRequest('invalid GZIP data.') };
  }
}

export function decodeCapturePayload(
  request: CaptureHttpRequest,
  maxBytes: number,
): { text: string } | { error: CaptureError } {
  const dataParameter = firstQueryValue(request.query, 'data');
  let payload: Buffer = dataParameter ? Buffer.from(restorePlusSigns(dataParameter), 'utf8') : bytesOf(request.body);
  if (payload.length === 0) return { error: noData() };
  if (payload.length > maxBytes) return { error: payloadTooLarge(maxBytes) };

  let formCompression: string | null = null;
  if (!dataParameter && isFormContentType(request.contentType)) {
    const formText = payload.toString('utf8');
    if (!looksLikeForm(formText)) return { error: malformedRequest('expected form data in POST request payload.') };
    const form = new URLSearchParams(formText);
    const data = form.get('data');
    if (!data) return { error: noData() };
    formCompression = form.get('compression');
    payload = Buffer.from(restorePlusSigns(data), 'utf8');
  }

  const compression =
    compressionNamed(firstQueryValue(request.query, 'compression')) ??
    compressionNamed(formCompression) ??
    compressionNamed(request.contentEncoding?.split(',')[0]);

  if (compression !== 'lz64' && isBase64(payload)) payload = Buffer.from(payload.toString('latin1'), 'base64');

  let text: string | undefined;
  if (compression === 'gzip' || startsWithGzipMagic(payload)) {
    const gunzipped = gunzipWithin(payload, maxBytes);
    if ('error' in gunzipped) return gunzipped;
    text = utf8Text(gunzipped.bytes);
  } else if (compression === 'lz64') {
    const lzText = restorePlusSigns(payload.toString('latin1'));
    const decompressed = decompressLzStringBase64(lzText, maxBytes);
    if (!decompressed.ok) {
      if (decompressed.reason === 'too_large') return { error: payloadTooLarge(maxBytes) };
      return { error: malformedRequest('invalid lz64 data.') };
    }
    text = decompressed.text;
    if (Buffer.byteLength(text, 'utf8') > maxBytes) return { error: payloadTooLarge(maxBytes) };
  } else {
    text = utf8Text(payload);
  }
  if (text === undefined) return { error: malformedRequest('invalid UTF-8 in request payload.') };

  if (isBase64Text(text)) {
    const unwrapped = utf8Text(Buffer.from(text, 'base64'));
    if (unwrapped !== undefined) text = unwrapped;
  }
  return { text };
}

/** URL decoding turns the `+` of base64 into spaces; base64 has no spaces, so they can only be such `+`. */
function restorePlusSigns(value: string): string {
  return value.includes(' ') && isLooseBase64(value) ? value.replaceAll(' ', '+') : value;
}
