import { createInbox, type Msg, type NatsConnection } from '@nats-io/transport-node';

/** What a reply says instead of its body when the body is bigger than one NATS message may be. */
export interface ChunkedReplyPointer {
  chunked: { subject: string; count: number };
}

// Room left for headers and protocol framing under the server's max_payload.
const FRAMING_ROOM = 8 * 1024;
// A chunked reply is fetched right away; one nobody fetches is dropped after this.
const CHUNKS_KEPT_MS = 30_000;
const DEFAULT_MAX_PAYLOAD = 1024 * 1024;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function maxReplyBytes(nc: NatsConnection): number {
  return (nc.info?.max_payload ?? DEFAULT_MAX_PAYLOAD) - FRAMING_ROOM;
}

/**
 * Answers a request with `body`. A body too big for one message (a long list of large insights) is offered in
 * chunks: the reply points at a private subject where the caller asks for chunk 0, 1, … in turn.
 */
export function respondInChunks(nc: NatsConnection, msg: Msg, body: Uint8Array): void {
  const limit = maxReplyBytes(nc);
  if (body.length <= limit) {
    msg.respond(body);
    return;
  }
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < body.length; offset += limit) chunks.push(body.subarray(offset, offset + limit));
  const subject = createInbox();
  const subscription = nc.subscribe(subject, {
    max: chunks.length,
    callback: (error, request) => {
      if (error) return;
      request.respond(chunks[Number(decoder.decode(request.data))] ?? new Uint8Array());
    },
  });
  setTimeout(() => subscription.unsubscribe(), CHUNKS_KEPT_MS).unref();
  const pointer: ChunkedReplyPointer = { chunked: { subject, count: chunks.length } };
  msg.respond(encoder.encode(JSON.stringify(pointer)));
}

/** The caller's side: the reply body, fetching the chunks when the reply is a pointer to them. */
export async function readReplyBody(nc: NatsConnection, reply: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
  // A pointer is tiny; anything big is the body itself and is not worth parsing twice.
  if (reply.length > 512) return reply;
  const text = decoder.decode(reply);
  if (!text.startsWith('{"chunked"')) return reply;
  const { chunked } = JSON.parse(text) as ChunkedReplyPointer;
  const parts: Uint8Array[] = [];
  for (let index = 0; index < chunked.count; index++) {
    parts.push((await nc.request(chunked.subject, encoder.encode(String(index)), { timeout: timeoutMs })).data);
  }
  const whole = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.length;
  }
  return whole;
}
