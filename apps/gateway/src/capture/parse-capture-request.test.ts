import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { AcceptedCapture, CaptureParseResult } from './captured-event.js';
import { type CaptureRequestInput, MAX_CAPTURE_PAYLOAD_BYTES, parseCaptureRequest } from './parse-capture-request.js';
import { createUuidV7Generator } from './uuid-v7.js';

const NOW = new Date('2024-05-01T12:00:00.000Z');
const TOKEN = 'phc_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde';
const pageview = { event: '$pageview', distinct_id: 'visitor-1', properties: { $current_url: 'https://x.test/' } };

function parse(input: Partial<CaptureRequestInput>, maxPayloadBytes?: number): CaptureParseResult {
  return parseCaptureRequest(
    { contentType: 'application/json', now: NOW, ...input },
    maxPayloadBytes ? { maxPayloadBytes } : {},
  );
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

function accepted(result: CaptureParseResult): AcceptedCapture {
  if (!result.ok) throw new Error(`expected the request to be accepted, got ${JSON.stringify(result.error)}`);
  return result;
}

function refusal(result: CaptureParseResult) {
  if (result.ok) throw new Error('expected the request to be refused');
  return result.error;
}

const INVALID_PAYLOAD = { type: 'validation_error', code: 'invalid_payload' };

describe('body shapes', () => {
  it('accepts a single event with its token at the top level', () => {
    const capture = accepted(parse({ body: json({ ...pageview, api_key: TOKEN }) }));
    expect(capture.token).toBe(TOKEN);
    expect(capture.events).toEqual([
      {
        uuid: expect.any(String),
        event: '$pageview',
        distinct_id: 'visitor-1',
        properties: { $current_url: 'https://x.test/' },
        timestamp: NOW.toISOString(),
      },
    ]);
    expect(capture).toMatchObject({ sentAt: null, historicalMigration: false, beacon: false });
  });

  it('accepts a JSON array of events, in order', () => {
    const events = [
      { ...pageview, properties: { token: TOKEN, n: 1 } },
      { ...pageview, event: 'clicked', properties: { token: TOKEN, n: 2 } },
    ];
    const capture = accepted(parse({ body: json(events) }));
    expect(capture.events.map((event) => [event.event, event.properties.n])).toEqual([
      ['$pageview', 1],
      ['clicked', 2],
    ]);
  });

  it('accepts a batch with api_key, sent_at and historical_migration', () => {
    const body = {
      api_key: TOKEN,
      sent_at: '2024-05-01T12:05:00Z',
      historical_migration: true,
      batch: [{ ...pageview, timestamp: '2024-05-01T12:04:00Z' }],
    };
    const capture = accepted(parse({ body: json(body) }));
    expect(capture).toMatchObject({ token: TOKEN, sentAt: '2024-05-01T12:05:00.000Z', historicalMigration: true });
    // One minute before sending is one minute before receiving, whatever the client's clock says.
    expect(capture.events[0]!.timestamp).toBe('2024-05-01T11:59:00.000Z');
  });

  it('accepts `token` as the batch token', () => {
    expect(accepted(parse({ body: json({ token: TOKEN, batch: [pageview] }) })).token).toBe(TOKEN);
  });

  it('refuses a request without events', () => {
    expect(refusal(parse({ body: json({ api_key: TOKEN, batch: [] }) }))).toEqual({
      status: 400,
      body: { ...INVALID_PAYLOAD, detail: 'Invalid payload: the request holds no event!', attr: null },
    });
    expect(refusal(parse({ body: json([]) })).status).toBe(400);
  });

  it('refuses a batch whose batch is not a list', () => {
    expect(refusal(parse({ body: json({ api_key: TOKEN, batch: pageview }) })).body).toEqual({
      ...INVALID_PAYLOAD,
      detail: 'Invalid payload: "batch" must be a list of events!',
      attr: 'batch',
    });
  });

  it('reads an event that has a `batch` field as an event', () => {
    const capture = accepted(parse({ body: json({ ...pageview, api_key: TOKEN, batch: 'spring sale' }) }));
    expect(capture.events).toHaveLength(1);
  });

  it('refuses JSON that is neither an event, a list nor a batch', () => {
    expect(refusal(parse({ body: Buffer.from('"hello"') })).body).toEqual({
      ...INVALID_PAYLOAD,
      detail: 'Malformed request data: expected an event, a list of events or a batch.',
      attr: null,
    });
  });
});

describe('encodings', () => {
  const body = json({ ...pageview, api_key: TOKEN });
  const expectPageview = (result: CaptureParseResult) =>
    expect(accepted(result).events.map((event) => event.distinct_id)).toEqual(['visitor-1']);

  it('gunzips a body sent with Content-Encoding: gzip', () => {
    expectPageview(parse({ body: gzipSync(body), contentEncoding: 'gzip', contentType: 'text/plain' }));
  });

  it('gunzips a body sent with ?compression=gzip-js', () => {
    expectPageview(parse({ body: gzipSync(body), query: { compression: 'gzip-js' }, contentType: 'text/plain' }));
  });

  it('gunzips a gzip body sent without any hint, by its magic number', () => {
    expectPageview(parse({ body: gzipSync(body), contentType: undefined }));
  });

  it('decodes a base64 body, hinted or not', () => {
    expectPageview(parse({ body: Buffer.from(body.toString('base64')), query: { compression: 'base64' } }));
    expectPageview(parse({ body: Buffer.from(body.toString('base64')) }));
  });

  it('reads the data field of a form body holding base64 JSON, as the older JS SDK sends it', () => {
    const form = `data=${encodeURIComponent(body.toString('base64'))}`;
    expectPageview(parse({ body: Buffer.from(form), contentType: 'application/x-www-form-urlencoded; charset=UTF-8' }));
  });

  it('restores the + of base64 that form decoding turned into spaces', () => {
    const withPlus = json({ ...pageview, api_key: TOKEN, properties: { note: '>>>?' } }).toString('base64');
    expect(withPlus).toContain('+');
    const capture = accepted(
      parse({ body: Buffer.from(`data=${withPlus}`), contentType: 'application/x-www-form-urlencoded' }),
    );
    expect(capture.events[0]!.properties.note).toBe('>>>?');
  });

  it('reads a form whose data is base64 gzip, with compression=gzip-js in the form', () => {
    const form = `compression=gzip-js&data=${encodeURIComponent(gzipSync(body).toString('base64'))}`;
    expectPageview(parse({ body: Buffer.from(form), contentType: 'application/x-www-form-urlencoded' }));
  });

  it('reads a form whose data is plain JSON', () => {
    const form = `data=${encodeURIComponent(body.toString())}&ver=1.2.3`;
    expectPageview(parse({ body: Buffer.from(form), contentType: 'application/x-www-form-urlencoded' }));
  });

  // Made with lz-string 1.5.0's compressToBase64, the library posthog-js used.
  const LZ64_EVENT =
    'N4IgpgbmB2AuIC4QBIAOBDA5pAlmA7iADQgAmOAzrDtAMawD6OpiIArhWAE4C0AjMRCouAe1TdqYColCwRAaxitUAC1oNYU+CWS02XLjEb6ANqxWxYqCggD0tsAA90AW1QmwAOloiXtkAC+AUA==';

  it('decompresses lz64 (lz-string) named in the query', () => {
    const capture = accepted(parse({ body: Buffer.from(LZ64_EVENT), query: { compression: 'lz64' } }));
    expect(capture.token).toBe('phc_test');
    expect(capture.events[0]).toMatchObject({ event: '$pageview', distinct_id: 'user-1' });
  });

  it('decompresses lz64 named in a form, with its + turned into spaces', () => {
    const form = `compression=lz-string&data=${LZ64_EVENT.replaceAll('+', ' ')}`;
    const capture = accepted(parse({ body: Buffer.from(form), contentType: 'application/x-www-form-urlencoded' }));
    expect(capture.events[0]!.properties.$current_url).toBe('https://example.com/');
  });

  it('reads the payload from the data query parameter (GET-style beacons)', () => {
    expectPageview(parse({ body: undefined, query: { data: body.toString() } }));
    expectPageview(parse({ body: Buffer.alloc(0), query: { data: body.toString('base64').replaceAll('+', ' ') } }));
  });

  it('refuses a body that claims gzip and is not', () => {
    expect(refusal(parse({ body, query: { compression: 'gzip' } }))).toEqual({
      status: 400,
      body: { ...INVALID_PAYLOAD, detail: 'Malformed request data: invalid GZIP data.', attr: null },
    });
  });

  it('refuses truncated gzip', () => {
    const truncated = gzipSync(body).subarray(0, 20);
    expect(refusal(parse({ body: truncated })).body.detail).toBe('Malformed request data: invalid GZIP data.');
  });

  it('refuses a body that is not UTF-8', () => {
    expect(refusal(parse({ body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }))).toEqual({
      status: 400,
      body: { ...INVALID_PAYLOAD, detail: 'Malformed request data: invalid UTF-8 in request payload.', attr: null },
    });
  });

  it('refuses invalid lz64', () => {
    expect(refusal(parse({ body: Buffer.from('not lz64!'), query: { compression: 'lz64' } })).body.detail).toBe(
      'Malformed request data: invalid lz64 data.',
    );
  });

  it('refuses a form body that holds no form', () => {
    expect(refusal(parse({ body, contentType: 'application/x-www-form-urlencoded' })).body).toEqual({
      ...INVALID_PAYLOAD,
      detail: 'Malformed request data: expected form data in POST request payload.',
      attr: null,
    });
  });

  it('answers no_data for a form without a data field', () => {
    expect(
      refusal(parse({ body: Buffer.from('compression=gzip-js'), contentType: 'application/x-www-form-urlencoded' }))
        .body.code,
    ).toBe('no_data');
  });
});

describe('tokens', () => {
  const token = (body: unknown) => parse({ body: json(body) });

  it.each([
    ['api_key', { ...pageview, api_key: TOKEN }],
    ['token', { ...pageview, token: TOKEN }],
    ['$token', { ...pageview, $token: TOKEN }],
    ['properties.token', { ...pageview, properties: { token: TOKEN } }],
  ])('finds the token in the event’s %s', (_place, event) => {
    expect(accepted(token(event)).token).toBe(TOKEN);
  });

  it('keeps the token in the properties, as PostHog stores them', () => {
    expect(accepted(token({ ...pageview, properties: { token: TOKEN } })).events[0]!.properties).toEqual({
      token: TOKEN,
    });
  });

  it('trims a token copied with its newline', () => {
    expect(accepted(token({ ...pageview, api_key: `${TOKEN}\n` })).token).toBe(TOKEN);
  });

  it('takes the batch token over whatever the events carry', () => {
    const body = { api_key: TOKEN, batch: [{ ...pageview, properties: { token: 'phc_other' } }] };
    expect(accepted(token(body)).token).toBe(TOKEN);
  });

  it('falls back to the events’ tokens when a batch has none', () => {
    expect(accepted(token({ batch: [{ ...pageview, api_key: TOKEN }] })).token).toBe(TOKEN);
  });

  it('accepts events without a token next to events that carry the request’s one', () => {
    const capture = accepted(token([pageview, { ...pageview, properties: { token: TOKEN } }, pageview]));
    expect(capture.events).toHaveLength(3);
  });

  it('refuses events that carry different tokens, whole', () => {
    expect(
      refusal(
        token([
          { ...pageview, api_key: TOKEN },
          { ...pageview, api_key: 'phc_other' },
        ]),
      ),
    ).toEqual({
      status: 401,
      body: {
        type: 'authentication_error',
        code: 'multiple_tokens',
        detail:
          'Batch submitted with inconsistent api_key values. All events of one request must carry the same token.',
        attr: null,
      },
    });
  });

  it('answers 401 missing_api_key without any token', () => {
    expect(refusal(token([pageview, { ...pageview, api_key: '  ' }]))).toEqual({
      status: 401,
      body: {
        type: 'authentication_error',
        code: 'missing_api_key',
        detail: 'API key not provided. You can find your project API key in PostHog project settings.',
        attr: null,
      },
    });
  });

  it('answers 401 invalid_api_key for a personal API key', () => {
    expect(refusal(token({ ...pageview, api_key: 'phx_personal' }))).toEqual({
      status: 401,
      body: {
        type: 'authentication_error',
        code: 'invalid_api_key',
        detail: 'Project API key invalid. You can find your project API key in PostHog project settings.',
        attr: null,
      },
    });
  });

  it('checks the token before the events', () => {
    expect(refusal(token([{ distinct_id: 'x' }])).status).toBe(401);
  });
});

describe('event validation', () => {
  const refuse = (event: unknown) => refusal(parse({ body: json({ api_key: TOKEN, batch: [event] }) }));

  it('refuses an event without a name', () => {
    const expected = {
      status: 400,
      body: {
        type: 'validation_error',
        code: 'required',
        detail: 'You need to set user event name, field `event`.',
        attr: 'event',
      },
    };
    expect(refuse({ distinct_id: 'x' })).toEqual(expected);
    expect(refuse({ event: '', distinct_id: 'x' })).toEqual(expected);
    expect(refuse({ event: null, distinct_id: 'x' })).toEqual(expected);
  });

  it('refuses a name that is not a string', () => {
    expect(refuse({ event: 42, distinct_id: 'x' }).body).toEqual({
      ...INVALID_PAYLOAD,
      detail: 'Invalid payload: Event field "event" must be a string!',
      attr: 'event',
    });
  });

  it('refuses an event without a distinct_id', () => {
    const expected = {
      status: 400,
      body: {
        type: 'validation_error',
        code: 'required',
        detail: 'You need to set user distinct ID field `distinct_id`.',
        attr: 'distinct_id',
      },
    };
    expect(refuse({ event: 'e' })).toEqual(expected);
    expect(refuse({ event: 'e', distinct_id: null, properties: { distinct_id: null } })).toEqual(expected);
  });

  it('refuses an empty distinct_id', () => {
    expect(refuse({ event: 'e', distinct_id: '' })).toEqual({
      status: 400,
      body: {
        type: 'validation_error',
        code: 'required',
        detail: 'Distinct ID field `distinct_id` must have a non-empty value.',
        attr: 'distinct_id',
      },
    });
  });

  it('refuses an invalid uuid', () => {
    expect(refuse({ ...pageview, uuid: 'not-a-uuid' })).toEqual({
      status: 400,
      body: { ...INVALID_PAYLOAD, detail: 'Invalid payload: Event field "uuid" is not a valid UUID!', attr: 'uuid' },
    });
    expect(refuse({ ...pageview, uuid: 12 }).body.attr).toBe('uuid');
  });

  it('refuses an event that is not an object, naming its type as PostHog does', () => {
    expect(refuse(['e']).body).toEqual({
      ...INVALID_PAYLOAD,
      detail: "Invalid payload: All events must be dictionaries not 'list'!",
      attr: null,
    });
    expect(refuse('e').body.detail).toBe("Invalid payload: All events must be dictionaries not 'str'!");
  });

  it.each([
    ['properties', { properties: [1] }, 'Event field "properties" must be a dictionary!'],
    ['$set', { $set: 'plan' }, 'Event field "$set" must be a dictionary!'],
    ['$set_once', { $set_once: [] }, 'Event field "$set_once" must be a dictionary!'],
    ['timestamp', { timestamp: 1714564800000 }, 'Event field "timestamp" must be a string!'],
    ['offset', { offset: '1000' }, 'Event field "offset" must be an integer!'],
    ['offset', { offset: 1.5 }, 'Event field "offset" must be an integer!'],
  ])('refuses a malformed %s', (attr, fields, message) => {
    expect(refuse({ ...pageview, ...fields }).body).toEqual({
      ...INVALID_PAYLOAD,
      detail: `Invalid payload: ${message}`,
      attr,
    });
  });

  it('refuses the whole request when one event of many is invalid', () => {
    const batch = [pageview, pageview, { event: 'no distinct id' }, pageview];
    const result = parse({ body: json({ api_key: TOKEN, batch }) });
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('events');
  });

  it('takes null properties for none', () => {
    expect(
      accepted(parse({ body: json({ ...pageview, api_key: TOKEN, properties: null }) })).events[0]!.properties,
    ).toEqual({});
  });
});

describe('malformed bodies', () => {
  it('answers no_data for an empty body', () => {
    const expected = {
      status: 400,
      body: {
        type: 'validation_error',
        code: 'no_data',
        detail: 'No data found. Make sure to use a POST request when sending the payload in the body of the request.',
        attr: null,
      },
    };
    expect(refusal(parse({ body: Buffer.alloc(0) }))).toEqual(expected);
    expect(refusal(parse({ body: undefined }))).toEqual(expected);
  });

  it('answers invalid JSON with the parser’s message', () => {
    const error = refusal(parse({ body: Buffer.from('{"event": ') }));
    expect(error.status).toBe(400);
    expect(error.body).toMatchObject({ ...INVALID_PAYLOAD, attr: null });
    expect(error.body.detail).toMatch(/^Malformed request data: Invalid JSON: .+/);
  });

  it('refuses JSON nested deeper than 128 levels, and accepts 128', () => {
    const nested = (depth: number) => `${'['.repeat(depth - 2)}1${']'.repeat(depth - 2)}`;
    const body = (depth: number) =>
      Buffer.from(`{"event":"e","distinct_id":"d","api_key":"${TOKEN}","properties":{"deep":${nested(depth)}}}`);
    expect(refusal(parse({ body: body(129) })).body.detail).toBe(
      'Malformed request data: JSON nested deeper than 128 levels.',
    );
    expect(parse({ body: body(128) }).ok).toBe(true);
  });

  it('does not count brackets inside strings as nesting', () => {
    const capture = accepted(
      parse({ body: json({ ...pageview, api_key: TOKEN, properties: { s: '['.repeat(500) } }) }),
    );
    expect(capture.events[0]!.properties.s).toHaveLength(500);
  });
});

describe('size limits', () => {
  const payloadTooLarge = (limit: number) => ({
    status: 413,
    body: {
      type: 'invalid_request',
      code: 'payload_too_large',
      detail: `Request payload is larger than ${limit} bytes once decompressed.`,
      attr: null,
    },
  });

  it('is 20 MiB, as PostHog’s', () => {
    expect(MAX_CAPTURE_PAYLOAD_BYTES).toBe(20 * 1024 * 1024);
  });

  it('accepts a body of exactly the limit and refuses one byte more', () => {
    const padded = (length: number) => {
      const base = JSON.stringify({ ...pageview, api_key: TOKEN, properties: { pad: '' } });
      return Buffer.from(base.replace('"pad":""', `"pad":"${'x'.repeat(length - base.length)}"`));
    };
    expect(parse({ body: padded(2000) }, 2000).ok).toBe(true);
    expect(refusal(parse({ body: padded(2001) }, 2000))).toEqual(payloadTooLarge(2000));
  });

  it('refuses a gzip bomb once it inflates past the default 20 MiB, without inflating it all', () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(200_000);
    expect(refusal(parse({ body: bomb, contentEncoding: 'gzip' }))).toEqual(payloadTooLarge(MAX_CAPTURE_PAYLOAD_BYTES));
  });

  it('refuses gzip that inflates past a smaller limit', () => {
    const body = gzipSync(json({ ...pageview, api_key: TOKEN, properties: { pad: 'x'.repeat(5000) } }));
    expect(refusal(parse({ body }, 4000))).toEqual(payloadTooLarge(4000));
  });

  it('refuses lz64 that expands past the limit', () => {
    // lz-string 1.5.0's compressToBase64 of 100,000 × "A": 596 characters.
    const lzOfManyAs =
      'II18ZXTt/DFOS1b0c17Pd/wYUcSaWeRZVdTbXfQ408y62+x519z73/wMFDhI0WPETJU6TNlz5CxUuUrVa9Rs1btO3Xv0HDR4ydNnzFy1es3bd+w8dPnL12/cfPX7z99//AYFBwSGhYeERkVHRMbFx8QmJSckpqWnpGZlZ2Tm5efkFhUXFJaVl5RWVVdU1tXX1DY1NzS2tbe0dnV3dPb19/QODQ8Mjo2PjE5NT0zOzc/MLi0vLK6tr6xubW9s7u3v7B4dHxyenZ+cXl1fXN7d39w+PT88vr2/vH59f3z+/f/8AwFA4Eg0Fg8EQyFQ6Ew2Fw+EIxFI5Eo1Fo9EYzFY7E43F4/EEwlE4kk0lk8kUylU6k02l0+kMxlM5ks1ls9kczlc7k83l8/kCwVC4Ui0Vi8USyVS6Uy2Vy+UKxVK5Uq1Vq9UazVa7U63V6/UGw1G40m01m80Wy1W602212+0Ox1O50u11u90ez1e70+31+/0BwNB4Mh0Nh8MRyNR6Mx2Nx+MJxNJ5Mp1Np9MZzNZ7M53N5/MFwtF4sl0tl8sVytV6s12t1+sNxtN5st1tt9sdztd7s93t9/sDwVAA===';
    expect(refusal(parse({ body: Buffer.from(lzOfManyAs), query: { compression: 'lz64' } }, 50_000))).toEqual(
      payloadTooLarge(50_000),
    );
  });
});

describe('normalisation', () => {
  const only = (event: Record<string, unknown>, input: Partial<CaptureRequestInput> = {}) =>
    accepted(parse({ body: json({ api_key: TOKEN, batch: [event] }), ...input })).events[0]!;

  it('writes numeric distinct_ids as strings', () => {
    expect(only({ event: 'e', distinct_id: 23 }).distinct_id).toBe('23');
  });

  it('takes distinct_id from the properties, and the top-level $distinct_id alias', () => {
    expect(only({ event: 'e', properties: { distinct_id: 'from-properties' } }).distinct_id).toBe('from-properties');
    expect(only({ event: 'e', $distinct_id: 'alias' }).distinct_id).toBe('alias');
  });

  it('merges top-level $set and $set_once into the properties, the top-level values winning', () => {
    const event = only({
      event: '$identify',
      distinct_id: 'user-1',
      $set: { email: 'a@x.test', plan: 'pro' },
      $set_once: { first_seen: 'today' },
      properties: { $set: { plan: 'free', name: 'Ada' } },
    });
    expect(event.properties).toEqual({
      $set: { plan: 'pro', name: 'Ada', email: 'a@x.test' },
      $set_once: { first_seen: 'today' },
    });
  });

  it('keeps $set given only in the properties', () => {
    expect(only({ ...pageview, properties: { $set: { plan: 'free' } } }).properties).toEqual({
      $set: { plan: 'free' },
    });
  });

  it('keeps a valid uuid, written lower-case', () => {
    expect(only({ ...pageview, uuid: '0190C1E2-7A3B-7C4D-8E5F-0123456789AB' }).uuid).toBe(
      '0190c1e2-7a3b-7c4d-8e5f-0123456789ab',
    );
  });

  it('gives events without a uuid increasing UUIDv7s of the receive time', () => {
    const newUuid = createUuidV7Generator();
    const batch = Array.from({ length: 50 }, () => pageview);
    const result = parseCaptureRequest({ body: json({ api_key: TOKEN, batch }), now: NOW }, { newUuid });
    const uuids = accepted(result).events.map((event) => event.uuid);
    expect(
      uuids.every((uuid) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(uuid)),
    ).toBe(true);
    expect([...uuids].sort()).toEqual(uuids);
    expect(new Set(uuids).size).toBe(50);
    expect(Number.parseInt(uuids[0]!.replace('-', '').slice(0, 12), 16)).toBe(NOW.getTime());
  });

  it('replaces NUL and lone surrogates with U+FFFD in names, distinct_ids, keys and values', () => {
    const text = `{"api_key":"${TOKEN}","event":"sign\\u0000up","distinct_id":"d\\u0000","properties":{"k\\u0000":"v\\ud800","ok":"\\ud83e\\udd94"}}`;
    const event = accepted(parse({ body: Buffer.from(text) })).events[0]!;
    expect(event.event).toBe('sign\uFFFDup');
    expect(event.distinct_id).toBe('d\uFFFD');
    expect(event.properties).toEqual({ 'k\uFFFD': 'v\uFFFD', ok: '🦔' });
  });

  it('replaces a raw lone surrogate that lz-string carried', () => {
    // lz-string 1.5.0's compressToBase64 of an event whose property "v" is "a" followed by a lone \ud800.
    const body = Buffer.from(
      'N4IgpgbmB2AuIC5wgDQgCYEsDOtPQGNYB9TdRDVEAQwAdNiBrMATwtoAsDiAPK2gE4B7WmAF4w2RKAgVqgAA2QAXyVA=',
    );
    const event = accepted(parse({ body, query: { compression: 'lz64' } })).events[0]!;
    expect(event.properties.v).toBe('a\uFFFD');
  });

  it('keeps a "__proto__" property as a plain property', () => {
    const text = `{"api_key":"${TOKEN}","event":"e","distinct_id":"d","properties":{"__proto__":{"x":1},"k\\u0000":1}}`;
    const properties = accepted(parse({ body: Buffer.from(text) })).events[0]!.properties;
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect(Object.keys(properties)).toEqual(['__proto__', 'k\uFFFD']);
  });

  it('cuts event names to 200 characters', () => {
    expect(only({ ...pageview, event: 'e'.repeat(250) }).event).toBe('e'.repeat(200));
  });

  it('reports ?beacon=1', () => {
    expect(accepted(parse({ body: json({ ...pageview, api_key: TOKEN }), query: { beacon: '1' } })).beacon).toBe(true);
  });
});

describe('timestamps', () => {
  const timestampOf = (event: Record<string, unknown>, input: Partial<CaptureRequestInput> = {}) =>
    accepted(parse({ body: json([{ ...pageview, api_key: TOKEN, ...event }]), ...input })).events[0]!.timestamp;
  const sentAtMs = (iso: string) => ({ query: { _: String(Date.parse(iso)) } });

  it('corrects the client’s clock skew with the `_` send time posthog-js puts in the query', () => {
    // The client's clock is 10 minutes fast: the event happened 30 s before sending, so 30 s before now.
    const skewed = timestampOf({ timestamp: '2024-05-01T12:09:30Z' }, sentAtMs('2024-05-01T12:10:00Z'));
    expect(skewed).toBe('2024-05-01T11:59:30.000Z');
  });

  it('reports the send time it used', () => {
    const capture = accepted(
      parse({ body: json({ ...pageview, api_key: TOKEN }), ...sentAtMs('2024-05-01T12:10:00Z') }),
    );
    expect(capture.sentAt).toBe('2024-05-01T12:10:00.000Z');
  });

  it('ignores a `_` in seconds, as old SDKs sent it', () => {
    const seconds = { query: { _: String(Date.parse('2024-05-01T12:10:00Z') / 1000) } };
    expect(timestampOf({ timestamp: '2024-05-01T11:00:00Z' }, seconds)).toBe('2024-05-01T11:00:00.000Z');
  });

  it('keeps the timestamp when $ignore_sent_at is set', () => {
    const event = { timestamp: '2024-05-01T11:00:00Z', properties: { $ignore_sent_at: true } };
    expect(timestampOf(event, sentAtMs('2024-05-01T12:10:00Z'))).toBe('2024-05-01T11:00:00.000Z');
  });

  it('places an event `offset` milliseconds before receipt', () => {
    expect(timestampOf({ offset: 1500 })).toBe('2024-05-01T11:59:58.500Z');
  });

  it('uses the receive time for no timestamp or an invalid one', () => {
    expect(timestampOf({})).toBe(NOW.toISOString());
    expect(timestampOf({ timestamp: 'yesterday' })).toBe(NOW.toISOString());
  });

  it('uses the receive time for timestamps more than 23 hours ahead', () => {
    expect(timestampOf({ timestamp: '2024-05-02T11:30:00Z' })).toBe(NOW.toISOString());
    expect(timestampOf({ timestamp: '2024-05-02T10:30:00Z' })).toBe('2024-05-02T10:30:00.000Z');
  });
});
