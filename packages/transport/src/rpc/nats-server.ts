import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { AnyTRPCRouter } from '@trpc/server';
import type { Logger } from 'pino';
import { respondInChunks } from './chunked-reply.js';
import { executeRpc, type RpcType } from './execute-rpc.js';
import { createPublishBatch } from './publish-batch.js';
import { PRINCIPAL_HEADER, REQUEST_ID_HEADER, type RpcCallMeta } from './rpc-context.js';
import { rpcQueueGroup, rpcSubjectPrefix } from './subjects.js';
import { encodeRpcResponse } from './wire-response.js';

export interface ServeOverNatsOptions {
  nc: NatsConnection;
  prefix: string;
  service: string;
  router: AnyTRPCRouter;
  createContext: (meta: RpcCallMeta) => unknown;
  log: Logger;
}

export interface NatsRpcServer {
  /** Stops taking new calls and waits for the ones in flight. */
  drain(): Promise<void>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Serves a router on `<prefix>.rpc.<service>.<path>` in the service's queue group, so replicas share the calls. */
export function serveOverNats(options: ServeOverNatsOptions): NatsRpcServer {
  const subjectPrefix = `${rpcSubjectPrefix(options.prefix, options.service)}.`;
  const inFlight = new Set<Promise<void>>();
  const inTurn = createPublishBatch();
  const subscription: Subscription = options.nc.subscribe(`${subjectPrefix}>`, {
    queue: rpcQueueGroup(options.prefix, options.service),
    callback: (error, msg) => {
      if (error) {
        options.log.error({ err: error }, 'rpc subscription error');
        return;
      }
      const handled = (async () => {
        const path = msg.subject.slice(subjectPrefix.length);
        let type: RpcType = 'query';
        let input: unknown;
        try {
          const request = JSON.parse(decoder.decode(msg.data)) as { type: RpcType; input?: unknown };
          type = request.type === 'mutation' ? 'mutation' : 'query';
          input = request.input;
        } catch {
          msg.respond(
            encoder.encode(
              JSON.stringify({
                error: { message: 'Malformed request', code: -32700, data: { code: 'PARSE_ERROR', httpStatus: 400 } },
              }),
            ),
          );
          return;
        }
        const meta: RpcCallMeta = {
          principalToken: msg.headers?.get(PRINCIPAL_HEADER) || undefined,
          requestId: msg.headers?.get(REQUEST_ID_HEADER) || undefined,
        };
        const response = await executeRpc(options.router, { path, type, input, ctx: options.createContext(meta) });
        const body = encodeRpcResponse(response);
        await new Promise<void>((sent, failed) =>
          inTurn(() => {
            try {
              respondInChunks(options.nc, msg, body);
              sent();
            } catch (err) {
              failed(err);
            }
          }),
        );
      })().catch((err) => options.log.error({ err }, 'rpc handler crashed'));
      inFlight.add(handled);
      handled.finally(() => inFlight.delete(handled));
    },
  });
  return {
    async drain() {
      await subscription.drain();
      await Promise.allSettled([...inFlight]);
    },
  };
}
