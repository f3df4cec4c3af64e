import type { AnyTRPCRouter } from '@trpc/server';
import { executeRpc } from './execute-rpc.js';
import type { RpcCallMeta } from './rpc-context.js';
import { rpcLink } from './rpc-link.js';

export interface InProcessLinkOptions {
  router: AnyTRPCRouter;
  createContext: (meta: RpcCallMeta) => unknown;
}

/**
 * Single-process mode: calls the router directly, with the same principal check and the same JSON round trip as
 * over NATS, so a procedure behaves identically in both modes.
 */
export function inProcessLink<TRouter extends AnyTRPCRouter>(options: InProcessLinkOptions) {
  return rpcLink<TRouter>(async ({ path, type, input, meta }) => {
    const wireInput = input === undefined ? undefined : JSON.parse(JSON.stringify(input));
    const response = await executeRpc(options.router, {
      path,
      type,
      input: wireInput,
      ctx: options.createContext(meta),
    });
    return JSON.parse(JSON.stringify(response));
  });
}
