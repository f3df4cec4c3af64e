import type { EventEnvelope } from './event-envelope.js';

/**
 * An event as JSON text, with the two fields the bus routes it by. The relay reads outbox rows this way, so an event
 * on its way to the bus is neither parsed nor serialized again; whoever needs the object parses it.
 */
export class EventText implements EventEnvelope {
  constructor(
    readonly id: string,
    readonly type: string,
    readonly text: string,
  ) {}
}

/** The event as an object, parsing it if it came as text. */
export function wholeEvent(event: EventEnvelope): EventEnvelope {
  return event instanceof EventText ? (JSON.parse(event.text) as EventEnvelope) : event;
}

/** The event's JSON text, serializing it unless it came as text. */
export function eventJson(event: EventEnvelope): string {
  return event instanceof EventText ? event.text : JSON.stringify(event);
}
