import type { RpcCallMeta } from './rpc-context.js';

/** Forwards the caller's principal and request id on the calls a service makes to another. */
export function forwardCall(ctx: { principalToken: string | undefined; requestId: string }): { context: RpcCallMeta } {
  return { context: { principalToken: ctx.principalToken, requestId: ctx.requestId } };
}
