import { JsonText } from '@insights/transport';
import { describe, expect, it } from 'vitest';
import { statusAnswerOf, unlessNull } from './json-text-body.js';

describe('statusAnswerOf', () => {
  it("splits a service's { status, body } answer into the status and the body's text, unparsed", () => {
    const answer = new JsonText<{ status: 200 | 202; body: unknown }>(
      JSON.stringify({ status: 202, body: { query_status: { id: 'q', complete: false }, status: 'x' } }),
    );
    const { status, body } = statusAnswerOf(answer);
    expect(status).toBe(202);
    expect(body).toBeInstanceOf(JsonText);
    expect((body as unknown as JsonText).text).toBe('{"query_status":{"id":"q","complete":false},"status":"x"}');
  });

  it('parses an answer of another shape', () => {
    const answer = new JsonText<{ status: number; body: unknown }>('{"body":{"a":1},"status":200}');
    expect(statusAnswerOf(answer)).toEqual({ status: 200, body: { a: 1 } });
  });
});

describe('JSON text off the wire', () => {
  const fromWire = <T>(text: string) => JsonText.fromBytes<T>(new TextEncoder().encode(text));

  it('splits an answer that arrived as bytes, keeping multi-byte characters whole', () => {
    const { status, body } = statusAnswerOf(
      fromWire<{ status: 200; body: unknown }>('{"status":200,"body":{"name":"Ümsatz – €"}}'),
    );
    expect(status).toBe(200);
    expect((body as unknown as JsonText).text).toBe('{"name":"Ümsatz – €"}');
    expect((body as unknown as JsonText).parse()).toEqual({ name: 'Ümsatz – €' });
  });

  it('tells a null answer from a body', () => {
    expect(unlessNull(fromWire<unknown>('null'))).toBeNull();
    expect(unlessNull(new JsonText<unknown>('null'))).toBeNull();
    expect(unlessNull(fromWire<unknown>('{"null":null}'))?.parse()).toEqual({ null: null });
  });
});
