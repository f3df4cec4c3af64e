import { randomUUID } from 'node:crypto';
import type { CapturedEvent } from '@insights/contracts';

/** What the database holds of a person that a batch touches. */
export interface KnownPerson {
  id: string;
  isIdentified: boolean;
  properties: Record<string, unknown>;
  createdAt: Date | null;
}

/** A person as it must be written after the batch. */
export interface PersonWrite {
  id: string;
  isIdentified: boolean;
  properties: Record<string, unknown>;
  createdAt: Date;
}

export interface PersonResolution {
  /** The person of every distinct_id of the batch, after every merge of the batch. */
  personOf: Map<string, string>;
  /** Persons to insert or update (new ones included). */
  persons: PersonWrite[];
  /** distinct_id → person rows to insert or repoint. */
  distinctIds: Map<string, string>;
  /** Stored persons merged into another (their events are re-pointed through person_override). */
  merges: { from: string; into: string }[];
}

interface PersonState extends PersonWrite {
  stored: boolean;
  changed: boolean;
}

/**
 * The identity of the two distinct ids an event links: `$identify` links the anonymous id it replaces
 * (`$anon_distinct_id`) to the identified one; `$create_alias` links `alias` to the sender's id.
 */
function linkOf(event: CapturedEvent): { into: string; other: string; identify: boolean } | null {
  if (event.event === '$identify') {
    const anon = event.properties.$anon_distinct_id;
    if (typeof anon === 'string' && anon !== '' && anon !== event.distinct_id) {
      return { into: event.distinct_id, other: anon, identify: true };
    }
    return null;
  }
  if (event.event === '$create_alias') {
    const alias = event.properties.alias;
    if (typeof alias === 'string' && alias !== '' && alias !== event.distinct_id) {
      return { into: event.distinct_id, other: alias, identify: false };
    }
  }
  return null;
}

/** Every distinct id a batch names: senders, and the ids `$identify` and `$create_alias` link to them. */
export function distinctIdsOf(events: readonly CapturedEvent[]): string[] {
  const ids = new Set<string>();
  for (const event of events) {
    ids.add(event.distinct_id);
    const link = linkOf(event);
    if (link) ids.add(link.other);
  }
  return [...ids];
}

function applyPropertyUpdates(properties: Record<string, unknown>, event: CapturedEvent): boolean {
  let changed = false;
  const set = event.properties.$set;
  if (set && typeof set === 'object' && !Array.isArray(set)) {
    for (const [key, value] of Object.entries(set)) {
      if (JSON.stringify(properties[key]) !== JSON.stringify(value)) {
        properties[key] = value;
        changed = true;
      }
    }
  }
  const setOnce = event.properties.$set_once;
  if (setOnce && typeof setOnce === 'object' && !Array.isArray(setOnce)) {
    for (const [key, value] of Object.entries(setOnce)) {
      if (!(key in properties)) {
        properties[key] = value;
        changed = true;
      }
    }
  }
  const unset = event.properties.$unset;
  if (Array.isArray(unset)) {
    for (const key of unset) {
      if (typeof key === 'string' && key in properties) {
        delete properties[key];
        changed = true;
      }
    }
  }
  return changed;
}

/**
 * Who every event of a batch belongs to, with PostHog's merge rules for the simple cases, applied in the order the
 * events arrived:
 * - an unknown distinct_id gets a new person;
 * - `$identify` (with `$anon_distinct_id`) or `$create_alias` linking an id to another: if only one of them has a
 *   person, the other joins it; if they have different persons, the other one's person is merged into the sender's,
 *   unless (for `$identify`) it is already identified, which PostHog refuses; `$identify` marks the person identified;
 * - `$set`, `$set_once` and `$unset` update the person's properties; a merged person's properties fill in the ones the
 *   surviving person lacks;
 * - a person's `created_at` is its earliest event's timestamp, whatever order events arrive in.
 */
export function resolvePersons(
  events: readonly CapturedEvent[],
  storedPersonOf: ReadonlyMap<string, string>,
  storedPersons: ReadonlyMap<string, KnownPerson>,
): PersonResolution {
  const personOf = new Map(storedPersonOf);
  const distinctIds = new Map<string, string>();
  const persons = new Map<string, PersonState>();
  const merges: { from: string; into: string }[] = [];

  const stateOf = (id: string): PersonState => {
    let state = persons.get(id);
    if (!state) {
      const known = storedPersons.get(id);
      state = known
        ? {
            id,
            isIdentified: known.isIdentified,
            properties: { ...known.properties },
            createdAt: known.createdAt ?? new Date(8.64e15),
            stored: true,
            changed: known.createdAt === null,
          }
        : { id, isIdentified: false, properties: {}, createdAt: new Date(8.64e15), stored: false, changed: true };
      persons.set(id, state);
    }
    return state;
  };
  const assign = (distinctId: string, personId: string) => {
    personOf.set(distinctId, personId);
    distinctIds.set(distinctId, personId);
  };
  const personFor = (distinctId: string): PersonState => {
    const existing = personOf.get(distinctId);
    if (existing) return stateOf(existing);
    const id = randomUUID();
    assign(distinctId, id);
    return stateOf(id);
  };
  const merge = (from: PersonState, into: PersonState) => {
    for (const [distinctId, personId] of personOf) if (personId === from.id) assign(distinctId, into.id);
    for (const [key, value] of Object.entries(from.properties))
      if (!(key in into.properties)) into.properties[key] = value;
    if (from.createdAt < into.createdAt) into.createdAt = from.createdAt;
    into.changed = true;
    persons.delete(from.id);
    if (from.stored) merges.push({ from: from.id, into: into.id });
    for (const earlier of merges) if (earlier.into === from.id) earlier.into = into.id;
  };

  for (const event of events) {
    const link = linkOf(event);
    if (link) {
      const intoId = personOf.get(link.into);
      const otherId = personOf.get(link.other);
      if (!intoId && !otherId) assign(link.other, personFor(link.into).id);
      else if (intoId && !otherId) assign(link.other, intoId);
      else if (!intoId && otherId) assign(link.into, otherId);
      else if (intoId && otherId && intoId !== otherId) {
        const other = stateOf(otherId);
        if (!(link.identify && other.isIdentified)) merge(other, stateOf(intoId));
      }
    }
    const person = personFor(event.distinct_id);
    if (link?.identify && !person.isIdentified) {
      person.isIdentified = true;
      person.changed = true;
    }
    if (applyPropertyUpdates(person.properties, event)) person.changed = true;
    const at = new Date(event.timestamp);
    if (at < person.createdAt) {
      person.createdAt = at;
      person.changed = true;
    }
  }

  const written = [...persons.values()]
    .filter((person) => person.changed)
    .map(({ id, isIdentified, properties, createdAt }) => ({ id, isIdentified, properties, createdAt }));
  const batchPersonOf = new Map<string, string>();
  for (const event of events) batchPersonOf.set(event.distinct_id, personOf.get(event.distinct_id)!);
  return { personOf: batchPersonOf, persons: written, distinctIds, merges };
}
