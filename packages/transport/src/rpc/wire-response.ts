import type { RpcResponse } from './execute-rpc.js';
import { hasBytesAt, JsonText } from './json-text.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** How every successful answer starts on the wire: `JSON.stringify({ result })` of `executeRpc`'s answer. */
const RESULT_PREFIX = encoder.encode('{"result":');
const CLOSING_BRACE = 0x7d;

/** The answer on the wire, as UTF-8; a result that is JSON text already goes in as it is, never decoded. */
export function encodeRpcResponse(response: RpcResponse): Uint8Array {
  if ('result' in response && response.result instanceof JsonText)
    return JsonText.within('{"result":', response.result, '}');
  return encoder.encode(JSON.stringify(response));
}

/**
 * An answer from the wire. With `asJsonText`, a result is handed back as its bytes, cut out of the answer rather than
 * decoded and parsed (an error is parsed as always).
 */
export function decodeRpcResponse(wire: Uint8Array, asJsonText: boolean): RpcResponse {
  if (
    asJsonText &&
    wire.length > RESULT_PREFIX.length &&
    hasBytesAt(wire, 0, RESULT_PREFIX) &&
    wire.at(-1) === CLOSING_BRACE
  ) {
    // A copy, not a view: the wire bytes may share a large read buffer that the view would keep alive.
    return { result: JsonText.fromBytes(wire.slice(RESULT_PREFIX.length, wire.length - 1)) };
  }
  const response = JSON.parse(decoder.decode(wire)) as RpcResponse;
  return 'error' in response ? response : { result: response.result };
}
