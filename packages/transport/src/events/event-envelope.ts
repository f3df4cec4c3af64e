/**
 * What the event machinery needs to know about an event: a unique id (uuid, used for deduplication in
 * JetStream and by consumers) and a dotted type (used for the subject). The rest is the producer's business.
 */
export interface EventEnvelope {
  id: string;
  type: string;
}

const EVENT_TYPE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** Throws unless the value carries a string id and a type usable as NATS subject tokens. */
export function assertEventEnvelope(value: unknown): asserts value is EventEnvelope {
  const candidate = value as Partial<EventEnvelope> | null;
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) {
    throw new TypeError('an event must be a JSON object');
  }
  if (typeof candidate.id !== 'string' || candidate.id.length === 0) {
    throw new TypeError('an event needs a string id');
  }
  if (typeof candidate.type !== 'string' || !EVENT_TYPE.test(candidate.type)) {
    throw new TypeError(`event ${candidate.id} has an invalid type: ${String(candidate.type)}`);
  }
}
