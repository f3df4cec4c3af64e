/**
 * A publish that stored only the events before `index`. `transient` says whether the failure was the bus's (not
 * connected, no answer in time: retry everything later) or this event's own (the server refused it: count an attempt
 * against this event and park it once attempts run out).
 */
export class EventPublishError extends Error {
  constructor(
    readonly index: number,
    readonly transient: boolean,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'EventPublishError';
  }
}

const TRANSIENT_NATS_ERRORS = new Set([
  'TimeoutError',
  'NoRespondersError',
  'ClosedConnectionError',
  'DrainingConnectionError',
  'ConnectionError',
]);

/** True when a NATS error says the bus is unreachable or slow, rather than that it refused this message. */
export function isTransientNatsError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof Error && TRANSIENT_NATS_ERRORS.has(current.name)) return true;
    if (current instanceof Error && /timeout|no responders|closed|disconnect/i.test(current.message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
