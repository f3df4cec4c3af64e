import { type AnyTRPCRouter, callTRPCProcedure, getTRPCErrorFromUnknown, getTRPCErrorShape } from '@trpc/server';
import type { RpcErrorShape } from './error-formatter.js';

export type RpcType = 'query' | 'mutation';
export type RpcResponse = { result: unknown } | { error: RpcErrorShape };

/** Runs one procedure of a router and returns what goes back on the wire; shared by NATS and in-process serving. */
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
