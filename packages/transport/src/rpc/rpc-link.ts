import type { TRPCLink } from '@trpc/client';
import type { AnyTRPCRouter } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import { clientErrorOfAnswer, clientErrorOfFailure } from './client-error.js';
import type { RpcResponse, RpcType } from './execute-rpc.js';
import type { RpcCallMeta } from './rpc-context.js';

/** Sends one call somewhere and resolves with what came back; a NATS request or a direct in-process call. */
export type RpcSender = (call: {
  path: string;
  type: RpcType;
  input: unknown;
  meta: RpcCallMeta;
  /** The result as a JsonText of the answer's text, not parsed. */
  asJsonText?: boolean;
}) => Promise<RpcResponse>;

/** The context a caller passes per call: `client.x.query(input, { context: { principalToken, requestId } })`. */
export type RpcOperationContext = RpcCallMeta;

/** A terminating tRPC link over any RpcSender; errors come back as TRPCClientError with the service's shape. */
export function rpcLink<TRouter extends AnyTRPCRouter>(send: RpcSender): TRPCLink<TRouter> {
  return () =>
    ({ op }) =>
      observable((observer) => {
        const type = op.type === 'mutation' ? 'mutation' : 'query';
        const meta = op.context as RpcCallMeta;
        send({
          path: op.path,
          type,
          input: op.input,
          meta: { principalToken: meta.principalToken, requestId: meta.requestId },
        })
          .then((response) => {
            if ('error' in response) {
              observer.error(clientErrorOfAnswer(response.error));
              return;
            }
            observer.next({ result: { type: 'data', data: response.result } });
            observer.complete();
          })
          .catch((cause: unknown) => observer.error(clientErrorOfFailure(cause)));
        return () => undefined;
      });
}
