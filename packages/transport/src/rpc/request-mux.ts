import { createInbox, type MsgHdrs, type NatsConnection } from '@nats-io/transport-node';
import { createPublishBatch } from './publish-batch.js';

export class NoRespondersRpcError extends Error {}
export class RpcTimeoutError extends Error {}

export interface MuxRequestOptions {
  timeoutMs: number;
  headers?: MsgHdrs;
}

export interface RequestMux {
  /** Publishes `data` to `subject` and resolves with the reply's body. */
  request(subject: string, data: Uint8Array, options: MuxRequestOptions): Promise<Uint8Array>;
}

interface Waiting {
  resolve(body: Uint8Array): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

const NO_RESPONDERS_STATUS = 503;
const muxes = new WeakMap<NatsConnection, RequestMux>();

/**
 * Request/reply over one wildcard inbox subscription per connection. nats.js's own `request` does the same, but
 * allocates an Error for every request it completes (it rejects the settled promise with a "cancelled" RequestError),
 * a measurable share of the gateway's CPU on every call.
 */
export function requestMux(nc: NatsConnection): RequestMux {
  const known = muxes.get(nc);
  if (known) return known;
  const inbox = createInbox();
  const waiting = new Map<string, Waiting>();
  const inTurn = createPublishBatch();
  let next = 0;
  nc.subscribe(`${inbox}.*`, {
    callback: (error, msg) => {
      if (error) return;
      const token = msg.subject.slice(inbox.length + 1);
      const call = waiting.get(token);
      if (!call) return;
      waiting.delete(token);
      clearTimeout(call.timer);
      if (msg.data.length === 0 && msg.headers?.code === NO_RESPONDERS_STATUS) {
        call.reject(new NoRespondersRpcError(`no responders for ${token}`));
      } else {
        call.resolve(msg.data);
      }
    },
  });
  // A closed connection answers nothing more: its calls in flight fail now rather than at their timeouts.
  void nc.closed().then(() => {
    for (const [token, call] of waiting) {
      waiting.delete(token);
      clearTimeout(call.timer);
      call.reject(new Error('the NATS connection closed'));
    }
  });
  const mux: RequestMux = {
    request(subject, data, options) {
      return new Promise<Uint8Array>((resolve, reject) => {
        const token = (next++).toString(36);
        const timer = setTimeout(() => {
          waiting.delete(token);
          reject(new RpcTimeoutError(`${subject} timed out`));
        }, options.timeoutMs);
        waiting.set(token, { resolve, reject, timer });
        inTurn(() => {
          try {
            nc.publish(subject, data, { reply: `${inbox}.${token}`, headers: options.headers });
          } catch (error) {
            waiting.delete(token);
            clearTimeout(timer);
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      });
    },
  };
  muxes.set(nc, mux);
  return mux;
}
