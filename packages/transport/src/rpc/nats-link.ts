import { headers, type NatsConnection, NoRespondersError, RequestError, TimeoutError } from '@nats-io/transport-node';
import type { AnyTRPCRouter } from '@trpc/server';
import { rpcDuration } from '../metrics/rpc-metrics.js';
import { readReplyBody } from './chunked-reply.js';
import type { RpcResponse } from './execute-rpc.js';
import { PRINCIPAL_HEADER, REQUEST_ID_HEADER } from './rpc-context.js';
import { rpcLink } from './rpc-link.js';
import { rpcSubjectPrefix } from './subjects.js';
import { TransportError } from './transport-error.js';

export interface NatsLinkOptions {
  nc: NatsConnection;
  prefix: string;
  service: string;
  timeoutMs: number;
  /** Lets the link fail fast while the connection is down instead of waiting for the timeout. */
  isConnected?: () => boolean;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function isNoResponders(error: unknown): boolean {
  return error instanceof NoRespondersError || (error instanceof RequestError && error.isNoResponders());
}

/** The client side of serveOverNats: one NATS request per call, with the principal and request id in headers. */
export function natsLink<TRouter extends AnyTRPCRouter>(options: NatsLinkOptions) {
  const subjectPrefix = rpcSubjectPrefix(options.prefix, options.service);
  return rpcLink<TRouter>(async ({ path, type, input, meta }) => {
    if (options.nc.isClosed() || (options.isConnected && !options.isConnected())) {
      throw new TransportError('service_unavailable', 'NATS is not connected');
    }
    const stopTimer = rpcDuration.startTimer({ target: options.service, procedure: path });
    const requestHeaders = headers();
    if (meta.principalToken) requestHeaders.set(PRINCIPAL_HEADER, meta.principalToken);
    if (meta.requestId) requestHeaders.set(REQUEST_ID_HEADER, meta.requestId);
    try {
      const reply = await options.nc.request(
        `${subjectPrefix}.${path}`,
        encoder.encode(JSON.stringify({ type, input })),
        {
          timeout: options.timeoutMs,
          headers: requestHeaders,
        },
      );
      const body = await readReplyBody(options.nc, reply.data, options.timeoutMs);
      const response = JSON.parse(decoder.decode(body)) as RpcResponse;
      stopTimer({ outcome: 'error' in response ? 'error' : 'ok' });
      return response;
    } catch (error) {
      stopTimer({ outcome: 'unreachable' });
      if (isNoResponders(error))
        throw new TransportError('service_unavailable', `no ${options.service} service answered`);
      if (error instanceof TimeoutError || (error instanceof RequestError && error.cause instanceof TimeoutError)) {
        if (options.isConnected && !options.isConnected())
          throw new TransportError('service_unavailable', 'NATS is not connected');
        throw new TransportError('timeout', `${options.service}.${path} timed out`);
      }
      throw new TransportError('service_unavailable', error instanceof Error ? error.message : 'NATS request failed');
    }
  });
}
