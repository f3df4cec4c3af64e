import type { Dataset, DatasetEvent, DatasetPerson } from './dataset.js';

export interface PersonSpec {
  properties?: Record<string, unknown>;
  /** Defaults to the person's earliest event. */
  createdAt?: string | null;
}

/** `[event, person key, ISO timestamp, properties?]` */
export type EventSpec = [string, string, string, Record<string, unknown>?];

/** A stable uuid for a short key (`p1` → `00000000-0000-4000-8000-0000000000p1` style, hex-encoded). */
export function uuidFor(key: string, salt = 0): string {
  const hex = Buffer.from(`${salt}:${key}`).toString('hex').padStart(32, '0').slice(-32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/**
 * A hand-written data set for tests that state their expectations directly: persons by key, events as tuples, and
 * merges (`[merged person, surviving person]`).
 */
export function buildDataset(spec: {
  persons: Record<string, PersonSpec>;
  events: EventSpec[];
  merges?: Array<[string, string]>;
}): Dataset {
  const events: DatasetEvent[] = spec.events.map(([event, person, timestamp, properties], index) => ({
    uuid: uuidFor(`event-${index}`, 1),
    event,
    distinctId: `${person}-device`,
    personId: uuidFor(person),
    timestamp: new Date(timestamp).toISOString(),
    properties: properties ?? {},
  }));
  const merged = new Map(spec.merges ?? []);
  const earliest = new Map<string, string>();
  for (const [, person, timestamp] of spec.events) {
    const owner = merged.get(person) ?? person;
    const iso = new Date(timestamp).toISOString();
    if (!earliest.has(owner) || iso < earliest.get(owner)!) earliest.set(owner, iso);
  }
  const persons: DatasetPerson[] = Object.entries(spec.persons)
    .filter(([key]) => !merged.has(key))
    .map(([key, person]) => ({
      id: uuidFor(key),
      createdAt: person.createdAt === undefined ? (earliest.get(key) ?? null) : person.createdAt,
      properties: person.properties ?? {},
      isIdentified: true,
      distinctIds: [`${key}-device`],
    }));
  return {
    projectId: 1,
    events,
    persons,
    overrides: [...merged].map(([from, into]) => ({ oldPersonId: uuidFor(from), overridePersonId: uuidFor(into) })),
  };
}
