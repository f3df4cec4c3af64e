import type { RpcCallMeta } from '@insights/transport';

/** Forwards the caller's principal and request id on calls views makes to insights. */
export function forwardCall(ctx: { principalToken: string | undefined; requestId: string }): { context: RpcCallMeta } {
  return { context: { principalToken: ctx.principalToken, requestId: ctx.requestId } };
}
