import type { Dataset, DatasetEvent, DatasetOverride, DatasetPerson } from './dataset.js';
import { pick, randomUuid, seededRandom } from './random.js';

export interface GenerateOptions {
  seed: number;
  projectId?: number;
  /** Events are spread over `[end − days, end]`. */
  end: Date;
  days: number;
  eventCount: number;
  personCount: number;
  /** Fraction of persons merged into another person (their events keep the old person id). */
  mergeRate?: number;
}

const BROWSERS = ['Chrome', 'Chrome', 'Chrome', 'Safari', 'Safari', 'Firefox', 'Edge', 'chrome', '', null] as const;
const OSES = ['Mac OS X', 'Windows', 'Linux', 'iOS', 'Android'] as const;
const PATHS = ['/', '/pricing', '/pricing/', '/docs?x=1', '/blog#top', '/signup/'] as const;
const PLANS = ['free', 'free', 'pro', 'enterprise', null] as const;
const COUNTRIES = ['GB', 'US', 'US', 'DE', 'FR'] as const;
// A funnel-friendly mix: most events are page views, then the steps of a signup flow.
const EVENT_WEIGHTS: Array<[string, number]> = [
  ['$pageview', 60],
  ['signed_up', 8],
  ['viewed_pricing', 10],
  ['purchase', 6],
  ['$pageleave', 8],
  ['clicked', 8],
];

function pickEvent(random: () => number): string {
  let roll = random() * 100;
  for (const [event, weight] of EVENT_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return event;
  }
  return '$pageview';
}

function eventProperties(random: () => number, event: string, sessionId: string): Record<string, unknown> {
  const properties: Record<string, unknown> = { $session_id: sessionId };
  const browser = pick(random, BROWSERS);
  if (browser !== null) properties.$browser = browser;
  if (random() < 0.05) properties.$browser = null;
  properties.$os = pick(random, OSES);
  if (event === '$pageview' || event === 'viewed_pricing')
    properties.$current_url = `https://example.com${pick(random, PATHS)}`;
  if (event === 'purchase' || random() < 0.1) {
    const amount = Math.round(random() * 20000) / 100;
    // Numbers arrive as JSON numbers, sometimes as numeric strings, sometimes not at all.
    const roll = random();
    if (roll < 0.7) properties.amount = amount;
    else if (roll < 0.85) properties.amount = String(amount);
    else if (roll < 0.9) properties.amount = 'n/a';
  }
  if (random() < 0.03) properties.$process_person_profile = false;
  if (random() < 0.2) properties.plan_hint = pick(random, PLANS);
  return properties;
}

/**
 * A small, deterministic project: persons with several distinct ids, some merged into others, and events spread
 * over the period with a weight towards a few busy persons, values that exercise null/empty breakdowns, numeric
 * strings, URLs with trailing characters and events that skip person processing.
 */
export function generateDataset(options: GenerateOptions): Dataset {
  const random = seededRandom(options.seed);
  const projectId = options.projectId ?? 1;
  const endMs = options.end.getTime();
  const spanMs = options.days * 86_400_000;

  const persons: DatasetPerson[] = Array.from({ length: options.personCount }, (_, index) => {
    const plan = pick(random, PLANS);
    const properties: Record<string, unknown> = {
      email: random() < 0.1 ? `user${index}@posthog.com` : `user${index}@example.com`,
      country: pick(random, COUNTRIES),
    };
    if (plan !== null) properties.plan = plan;
    if (random() < 0.3) properties.age = Math.floor(18 + random() * 60);
    return {
      id: randomUuid(random),
      createdAt: null,
      properties,
      isIdentified: random() < 0.6,
      distinctIds: Array.from({ length: 1 + Math.floor(random() * 2) }, (_, n) => `user-${index}-${n}`),
    };
  });

  // Persons arrive over the period (so "new" users exist at any time) and stay active from then on.
  const firstSeen = persons.map(() => endMs - Math.floor(random() ** 0.7 * spanMs));
  const events: DatasetEvent[] = [];
  for (let index = 0; index < options.eventCount; index++) {
    // Skewed: a quarter of the persons produce most of the events.
    const personIndex =
      random() < 0.6
        ? Math.floor(random() * Math.max(1, options.personCount / 4))
        : Math.floor(random() * options.personCount);
    const person = persons[personIndex]!;
    const since = firstSeen[personIndex]!;
    const at = endMs - Math.floor(random() * (endMs - since));
    const event = pickEvent(random);
    const sessionId = `s-${personIndex}-${Math.floor(at / 3_600_000 / 6)}`;
    events.push({
      uuid: randomUuid(random),
      event,
      distinctId: pick(random, person.distinctIds),
      personId: person.id,
      timestamp: new Date(at).toISOString(),
      properties: eventProperties(random, event, sessionId),
    });
    // Funnels need sequences: follow a page view with the next steps a little later, sometimes.
    if (event === '$pageview' && random() < 0.3) {
      let next = at;
      for (const step of ['viewed_pricing', 'signed_up', 'purchase']) {
        next += Math.floor(random() * 3 * 86_400_000);
        if (next > endMs || random() < 0.35) break;
        events.push({
          uuid: randomUuid(random),
          event: step,
          distinctId: pick(random, person.distinctIds),
          personId: person.id,
          timestamp: new Date(next).toISOString(),
          properties: eventProperties(random, step, sessionId),
        });
      }
    }
  }

  const overrides: DatasetOverride[] = [];
  const mergeRate = options.mergeRate ?? 0.05;
  const merged = new Set<string>();
  for (const person of persons) {
    if (random() >= mergeRate || merged.has(person.id)) continue;
    const target = pick(random, persons);
    if (target.id === person.id || merged.has(target.id) || overrides.some((o) => o.overridePersonId === person.id))
      continue;
    overrides.push({ oldPersonId: person.id, overridePersonId: target.id });
    merged.add(person.id);
    target.distinctIds.push(...person.distinctIds);
  }

  const earliest = new Map<string, string>();
  const resolve = (id: string) => overrides.find((override) => override.oldPersonId === id)?.overridePersonId ?? id;
  for (const event of events) {
    const id = resolve(event.personId);
    const known = earliest.get(id);
    if (!known || event.timestamp < known) earliest.set(id, event.timestamp);
  }
  const survivors = persons
    .filter((person) => !merged.has(person.id))
    .map((person) => ({ ...person, createdAt: earliest.get(person.id) ?? null }));
  return { projectId, events, persons: survivors, overrides };
}
