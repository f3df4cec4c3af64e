import type { RpcResponse } from './execute-rpc.js';
import { JsonText } from './json-text.js';

/** How every successful answer starts on the wire: `JSON.stringify({ result })` of `executeRpc`'s answer. */
const RESULT_PREFIX = '{"result":';

/** The answer on the wire; a result that is JSON text already goes in as it is. */
export function encodeRpcResponse(response: RpcResponse): string {
  if ('result' in response && response.result instanceof JsonText) return `${RESULT_PREFIX}${response.result.text}}`;
  return JSON.stringify(response);
}

/**
 * An answer from the wire. With `asJsonText`, a result is handed back as its text, cut out of the answer rather than
 * parsed (an error is parsed as always).
 */
export function decodeRpcResponse(text: string, asJsonText: boolean): RpcResponse {
  if (asJsonText && text.startsWith(RESULT_PREFIX)) {
    return { result: new JsonText(text.slice(RESULT_PREFIX.length, -1)) };
  }
  const response = JSON.parse(text) as RpcResponse;
  return 'error' in response ? response : { result: response.result };
}
