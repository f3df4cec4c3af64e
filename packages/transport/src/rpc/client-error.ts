import { TRPCClientError } from '@trpc/client';
import type { RpcErrorShape } from './error-formatter.js';

/** What a caller gets for a service's error answer: tRPC's client error with the service's error shape. */
export function clientErrorOfAnswer(error: RpcErrorShape): TRPCClientError<any> {
  return TRPCClientError.from({ error } as never);
}

/** What a caller gets when the call itself failed (transport down, timeout): the cause, wrapped as tRPC does. */
export function clientErrorOfFailure(cause: unknown): TRPCClientError<any> {
  return TRPCClientError.from(cause instanceof Error ? cause : new Error(String(cause)));
}
