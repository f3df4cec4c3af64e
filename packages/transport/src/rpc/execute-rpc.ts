import { type AnyTRPCRouter, callTRPCProcedure, getTRPCErrorFromUnknown, getTRPCErrorShape } from '@trpc/server';
import type { RpcErrorShape } from './error-formatter.js';
import type { RpcContext } from './rpc-context.js';
import { findTransportError } from './transport-error.js';

export type RpcType = 'query' | 'mutation';
export type RpcResponse = { result: unknown } | { error: RpcErrorShape };

/**
 * Runs one procedure of a router and returns what goes back on the wire; shared by NATS and in-process serving. An
 * unexpected failure is logged here with its cause and the request id (the wire answer only says "internal error"), so
 * a deadlock or an overflow shows in the service's log.
 */
export async function executeRpc(
  router: AnyTRPCRouter,
  call: { path: string; type: RpcType; input: unknown; ctx: unknown },
): Promise<RpcResponse> {
  try {
    const result = await callTRPCProcedure({
      router,
      path: call.path,
      getRawInput: async () => call.input,
      ctx: call.ctx,
      type: call.type,
      signal: undefined,
      batchIndex: 0,
    });
    return { result };
  } catch (cause) {
    const error = getTRPCErrorFromUnknown(cause);
    if (error.code === 'INTERNAL_SERVER_ERROR') {
      const ctx = call.ctx as Partial<Pick<RpcContext<unknown>, 'log' | 'requestId'>>;
      const transport = findTransportError(error);
      if (transport) {
        // Another service being down is an answer (503/504) the caller expects, not a bug: no stack trace.
        ctx.log?.warn({ cause: transport.message, path: call.path, requestId: ctx.requestId }, 'procedure failed');
      } else {
        ctx.log?.error({ err: error.cause ?? error, path: call.path, requestId: ctx.requestId }, 'procedure failed');
      }
    }
    const shape = getTRPCErrorShape({
      config: router._def._config,
      error,
      type: call.type,
      path: call.path,
      input: call.input,
      ctx: call.ctx,
    }) as RpcErrorShape;
    return { error: shape };
  }
}
