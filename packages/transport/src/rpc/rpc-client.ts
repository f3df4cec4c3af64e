import type { TRPCClient } from '@trpc/client';
import type { AnyTRPCRouter } from '@trpc/server';
import { clientErrorOfAnswer, clientErrorOfFailure } from './client-error.js';
import { JsonText } from './json-text.js';
import type { RpcCallMeta } from './rpc-context.js';
import type { RpcSender } from './rpc-link.js';

type CallOptions = { context?: Partial<RpcCallMeta> } | undefined;
type RpcType = 'query' | 'mutation';
type AsJsonTextCall = (type: RpcType, input: unknown, options: CallOptions) => Promise<JsonText>;

/** Where a procedure of createRpcClient's keeps its call that answers JSON text. */
const AS_JSON_TEXT = Symbol('asJsonText');

/**
 * A typed client of a router, `client.a.b.query(input, { context })` as tRPC's own, calling `send` directly. tRPC's
 * client runs every call through an observable chain with an AbortController it aborts on completion (a DOMException
 * per call); with one terminating link and no subscriptions that machinery buys nothing. Errors are tRPC's
 * `TRPCClientError`, with the service's error shape, as `rpcLink` gives them.
 */
export function createRpcClient<TRouter extends AnyTRPCRouter>(send: RpcSender): TRPCClient<TRouter> {
  const call = async (path: string, type: RpcType, input: unknown, options: CallOptions, asJsonText: boolean) => {
    const context = options?.context;
    let response: Awaited<ReturnType<RpcSender>>;
    try {
      response = await send({
        path,
        type,
        input,
        meta: { principalToken: context?.principalToken, requestId: context?.requestId },
        asJsonText,
      });
    } catch (cause) {
      throw clientErrorOfFailure(cause);
    }
    if ('error' in response) throw clientErrorOfAnswer(response.error);
    return response.result;
  };
  // As tRPC's own proxy: a path of any names, the last one called (`query`/`mutate`), so a procedure may be named
  // `query` too (`client.insights.query.mutate(…)`).
  const nodes = new Map<string, object>();
  const node = (path: string): object => {
    const known = nodes.get(path);
    if (known) return known;
    const asJsonText: AsJsonTextCall = (type, input, options) =>
      call(path, type, input, options, true) as Promise<JsonText>;
    const created = new Proxy(() => undefined, {
      get(_target, key) {
        if (key === AS_JSON_TEXT) return asJsonText;
        if (typeof key !== 'string' || key === 'then') return undefined;
        return node(path === '' ? key : `${path}.${key}`);
      },
      apply(_target, _this, [input, options]: [unknown, CallOptions]) {
        const end = path.lastIndexOf('.');
        const method = path.slice(end + 1);
        if (method !== 'query' && method !== 'mutate') throw new TypeError(`${path} is not a procedure call`);
        return call(path.slice(0, end), method === 'query' ? 'query' : 'mutation', input, options, false);
      },
    });
    nodes.set(path, created);
    return created;
  };
  return node('') as TRPCClient<TRouter>;
}

/** The call through createRpcClient's own path, or else the plain call, its parsed answer serialized again. */
async function callAsJsonText<O>(
  procedure: object,
  type: RpcType,
  input: unknown,
  options: CallOptions,
  plainCall: () => Promise<O>,
): Promise<JsonText<O>> {
  const direct = (procedure as { [AS_JSON_TEXT]?: AsJsonTextCall })[AS_JSON_TEXT];
  if (direct) return (await direct(type, input, options)) as JsonText<O>;
  return new JsonText<O>(JSON.stringify(await plainCall()));
}

/**
 * `procedure.query(input, options)`, answering the result as the JSON text the service sent: for an answer passed on
 * unchanged (the gateway's REST bodies). Any other tRPC client works too, re-serializing what it parsed.
 */
export function queryAsJsonText<I, O>(
  procedure: { query(input: I, options?: CallOptions): Promise<O> },
  input: I,
  options?: CallOptions,
): Promise<JsonText<O>> {
  return callAsJsonText(procedure, 'query', input, options, () => procedure.query(input, options));
}

/** `procedure.mutate(input, options)` answering JSON text, as `queryAsJsonText`. */
export function mutateAsJsonText<I, O>(
  procedure: { mutate(input: I, options?: CallOptions): Promise<O> },
  input: I,
  options?: CallOptions,
): Promise<JsonText<O>> {
  return callAsJsonText(procedure, 'mutation', input, options, () => procedure.mutate(input, options));
}
