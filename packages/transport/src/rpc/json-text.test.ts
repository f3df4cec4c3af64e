import { describe, expect, it } from 'vitest';
import { JsonText } from './json-text.js';
import { decodeRpcResponse, encodeRpcResponse } from './wire-response.js';

const decoder = new TextDecoder();
const document = '{"name":"Umsatz – café 💶"}';

describe('JSON text inside a message', () => {
  it('puts text and bytes alike between head and tail, multi-byte characters whole', () => {
    const fromText = new JsonText(document);
    const fromBytes = JsonText.fromBytes(new TextEncoder().encode(document));
    for (const json of [fromText, fromBytes]) {
      expect(decoder.decode(JsonText.within('{"body":', json, '}'))).toBe(`{"body":${document}}`);
    }
  });

  it('travels as an RPC answer and comes back out as the same document, without being parsed', () => {
    const wire = encodeRpcResponse({ result: new JsonText(document) });
    const answer = decodeRpcResponse(wire, true) as { result: JsonText };
    expect(answer.result).toBeInstanceOf(JsonText);
    expect(answer.result.text).toBe(document);
    // Passed on again (a service forwarding it), it is the same on the wire.
    expect(encodeRpcResponse({ result: answer.result })).toEqual(wire);
    expect(decodeRpcResponse(wire, false)).toEqual({ result: { name: 'Umsatz – café 💶' } });
  });
});
