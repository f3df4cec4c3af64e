import { type ObjectStore, Objm } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import { nanos } from '@nats-io/transport-node';
import type { EventEnvelope } from './event-envelope.js';

/**
 * Where an event too large for one bus message travels: the JetStream object store of the prefix, under the event's
 * id, kept as long as the events stream keeps events. The message on the stream then carries only this reference.
 */
export interface ExternalPayloadReference extends EventEnvelope {
  externalPayload: { store: 'object'; name: string };
}

export function eventPayloadBucket(prefix: string): string {
  return `${prefix}-event-payloads`;
}

export function isExternalPayloadReference(value: EventEnvelope): value is ExternalPayloadReference {
  const reference = (value as Partial<ExternalPayloadReference>).externalPayload;
  return typeof reference === 'object' && reference !== null && typeof reference.name === 'string';
}

/** Creates (or opens) the payload store once and shares it among the callers of this connection. */
export function eventPayloadStore(nc: NatsConnection, prefix: string, maxAgeMs: number): () => Promise<ObjectStore> {
  let store: Promise<ObjectStore> | undefined;
  return () => {
    store ??= new Objm(nc).create(eventPayloadBucket(prefix), { ttl: nanos(maxAgeMs) }).catch((error: unknown) => {
      store = undefined;
      throw error;
    });
    return store;
  };
}

const decoder = new TextDecoder();

/** The full event a reference stands for; throws when the payload is gone (expired or never stored). */
export async function resolveExternalPayload(
  store: () => Promise<ObjectStore>,
  reference: ExternalPayloadReference,
): Promise<unknown> {
  const data = await (await store()).getBlob(reference.externalPayload.name);
  if (!data) throw new Error(`the payload of event ${reference.id} is not in the object store`);
  return JSON.parse(decoder.decode(data));
}
