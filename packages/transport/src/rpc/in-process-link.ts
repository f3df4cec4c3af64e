import type { AnyTRPCRouter } from '@trpc/server';
import { executeRpc } from './execute-rpc.js';
import type { RpcCallMeta } from './rpc-context.js';
import { type RpcSender, rpcLink } from './rpc-link.js';
import { decodeRpcResponse, encodeRpcResponse } from './wire-response.js';

export interface InProcessLinkOptions {
  router: AnyTRPCRouter;
  createContext: (meta: RpcCallMeta) => unknown;
}

/**
 * Single-process mode: calls the router directly, with the same principal check and the same JSON round trip as
 * over NATS, so a procedure behaves identically in both modes.
 */
export function inProcessSender(options: InProcessLinkOptions): RpcSender {
  return async ({ path, type, input, meta, asJsonText = false }) => {
    const wireInput = input === undefined ? undefined : JSON.parse(JSON.stringify(input));
    const response = await executeRpc(options.router, {
      path,
      type,
      input: wireInput,
      ctx: options.createContext(meta),
    });
    return decodeRpcResponse(encodeRpcResponse(response), asJsonText);
  };
}

/** inProcessSender as a tRPC link, for a `createTRPCClient`. */
export function inProcessLink<TRouter extends AnyTRPCRouter>(options: InProcessLinkOptions) {
  return rpcLink<TRouter>(inProcessSender(options));
}
