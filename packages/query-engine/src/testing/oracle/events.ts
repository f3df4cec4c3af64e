import type { Dataset } from '../dataset.js';
import type { Instant } from './wall-clock.js';

/** An event as the oracle sees it: its person resolved through overrides, the person's row attached. */
export interface OracleEvent {
  uuid: string;
  event: string;
  at: Instant;
  person: string;
  properties: Record<string, unknown>;
  personProperties: Record<string, unknown>;
  personCreatedAt: Instant | null;
}

export function prepareEvents(dataset: Dataset): OracleEvent[] {
  const overrideOf = new Map(dataset.overrides.map((row) => [row.oldPersonId, row.overridePersonId]));
  const personRows = new Map(dataset.persons.map((person) => [person.id, person]));
  return dataset.events
    .map((event) => {
      const person = overrideOf.get(event.personId) ?? event.personId;
      const row = personRows.get(person);
      return {
        uuid: event.uuid,
        event: event.event,
        at: Date.parse(event.timestamp) * 1000,
        person,
        properties: event.properties,
        personProperties: row?.properties ?? {},
        personCreatedAt: row?.createdAt ? Date.parse(row.createdAt) * 1000 : null,
      };
    })
    .sort((a, b) => a.at - b.at || (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0));
}
