import { headers, type NatsConnection } from '@nats-io/transport-node';
import type { AnyTRPCRouter } from '@trpc/server';
import { rpcDuration } from '../metrics/rpc-metrics.js';
import { readReplyBody } from './chunked-reply.js';
import { NoRespondersRpcError, RpcTimeoutError, requestMux } from './request-mux.js';
import { PRINCIPAL_HEADER, REQUEST_ID_HEADER } from './rpc-context.js';
import { type RpcSender, rpcLink } from './rpc-link.js';
import { rpcSubjectPrefix } from './subjects.js';
import { TransportError } from './transport-error.js';
import { decodeRpcResponse } from './wire-response.js';

export interface NatsLinkOptions {
  nc: NatsConnection;
  prefix: string;
  service: string;
  timeoutMs: number;
  /** Lets the link fail fast while the connection is down instead of waiting for the timeout. */
  isConnected?: () => boolean;
}

const encoder = new TextEncoder();

/** The client side of serveOverNats: one NATS request per call, with the principal and request id in headers. */
export function natsSender(options: NatsLinkOptions): RpcSender {
  const subjectPrefix = rpcSubjectPrefix(options.prefix, options.service);
  const mux = requestMux(options.nc);
  return async ({ path, type, input, meta, asJsonText = false }) => {
    if (options.nc.isClosed() || (options.isConnected && !options.isConnected())) {
      throw new TransportError('service_unavailable', 'NATS is not connected');
    }
    const stopTimer = rpcDuration.startTimer({ target: options.service, procedure: path });
    const requestHeaders = headers();
    if (meta.principalToken) requestHeaders.set(PRINCIPAL_HEADER, meta.principalToken);
    if (meta.requestId) requestHeaders.set(REQUEST_ID_HEADER, meta.requestId);
    try {
      const reply = await mux.request(`${subjectPrefix}.${path}`, encoder.encode(JSON.stringify({ type, input })), {
        timeoutMs: options.timeoutMs,
        headers: requestHeaders,
      });
      const body = await readReplyBody(options.nc, reply, options.timeoutMs);
      const response = decodeRpcResponse(body, asJsonText);
      stopTimer({ outcome: 'error' in response ? 'error' : 'ok' });
      return response;
    } catch (error) {
      stopTimer({ outcome: 'unreachable' });
      if (error instanceof NoRespondersRpcError)
        throw new TransportError('service_unavailable', `no ${options.service} service answered`);
      if (error instanceof RpcTimeoutError) {
        if (options.isConnected && !options.isConnected())
          throw new TransportError('service_unavailable', 'NATS is not connected');
        throw new TransportError('timeout', `${options.service}.${path} timed out`);
      }
      throw new TransportError('service_unavailable', error instanceof Error ? error.message : 'NATS request failed');
    }
  };
}

/** natsSender as a tRPC link, for a `createTRPCClient`. */
export function natsLink<TRouter extends AnyTRPCRouter>(options: NatsLinkOptions) {
  return rpcLink<TRouter>(natsSender(options));
}
