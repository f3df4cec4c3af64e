/**
 * What a message of an events stream carries, parsed: one event, or an array of consecutive events of one subject
 * (see `createJetStreamPublisher`). The parts are not checked here.
 */
export function messageParts(parsed: unknown): unknown[] {
  return Array.isArray(parsed) ? parsed : [parsed];
}
