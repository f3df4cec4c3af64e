import { describe, expect, it } from 'vitest';
import { generateEvents } from './generate-events.js';
import type { GeneratedEvent } from './generated-event.js';
import { NOMINAL_DISTRIBUTION } from './nominal-distribution.js';

const NOW = new Date('2024-05-01T12:00:00.000Z');
const DAY_MS = 86_400_000;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function allEvents(options: Parameters<typeof generateEvents>[0]): GeneratedEvent[] {
  return [...generateEvents(options)].flat();
}

// One sample shared by the distribution checks: 60,000 events over the default 30 days.
const SAMPLE = allEvents({ count: 60_000, seed: 'sample', now: NOW });

function countBy<T, K extends string | number>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, number> {
  const counts = new Map<K, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
}

/** Each event's person: identified ids map back to the anonymous id they were identified from. */
function personKeys(events: readonly GeneratedEvent[]): string[] {
  const anonymousIdOf = new Map<string, string>();
  return events.map((event) => {
    if (event.event === '$identify') anonymousIdOf.set(event.distinct_id, event.properties.$anon_distinct_id as string);
    return anonymousIdOf.get(event.distinct_id) ?? event.distinct_id;
  });
}

describe('generateEvents: count and batches', () => {
  it.each([0, 1, 4_999, 5_000, 5_001, 12_345])('yields exactly %i events', (count) => {
    const batches = [...generateEvents({ count, seed: 1, now: NOW })];
    expect(batches.flat()).toHaveLength(count);
    expect(batches.slice(0, -1).every((batch) => batch.length === 5_000)).toBe(true);
    expect(batches.every((batch) => batch.length > 0)).toBe(true);
  });

  it('yields batches of the asked size', () => {
    const sizes = [...generateEvents({ count: 2_500, seed: 1, now: NOW, batchSize: 1_000 })].map((b) => b.length);
    expect(sizes).toEqual([1_000, 1_000, 500]);
  });

  it('refuses options it cannot honour', () => {
    const run = (options: Partial<Parameters<typeof generateEvents>[0]>) => () => [
      ...generateEvents({ count: 10, seed: 1, now: NOW, ...options }),
    ];
    expect(run({ count: -1 })).toThrow(RangeError);
    expect(run({ count: 1.5 })).toThrow(RangeError);
    expect(run({ days: 0 })).toThrow(RangeError);
    expect(run({ batchSize: 0 })).toThrow(RangeError);
    expect(run({ now: new Date('invalid') })).toThrow(RangeError);
  });
});

describe('generateEvents: determinism', () => {
  it('gives identical events, uuids included, for the same seed and now', () => {
    expect(allEvents({ count: 3_000, seed: 42, now: NOW })).toEqual(allEvents({ count: 3_000, seed: 42, now: NOW }));
  });

  it('gives different events for another seed', () => {
    const a = allEvents({ count: 500, seed: 42, now: NOW });
    const b = allEvents({ count: 500, seed: 43, now: NOW });
    expect(a.map((event) => event.uuid)).not.toEqual(b.map((event) => event.uuid));
    expect(a.map((event) => event.timestamp)).not.toEqual(b.map((event) => event.timestamp));
  });

  it('does not depend on the batch size', () => {
    const whole = allEvents({ count: 2_000, seed: 'x', now: NOW, batchSize: 2_000 });
    expect(allEvents({ count: 2_000, seed: 'x', now: NOW, batchSize: 7 })).toEqual(whole);
  });

  it('gives a prefix of a larger count for a smaller one', () => {
    const large = allEvents({ count: 3_000, seed: 'x', now: NOW });
    expect(allEvents({ count: 1_000, seed: 'x', now: NOW })).toEqual(large.slice(0, 1_000));
  });
});

describe('generateEvents: shape', () => {
  it('dates every event within [now − days, now)', () => {
    const inWindow = (events: GeneratedEvent[], days: number) =>
      events.every((event) => {
        const ms = Date.parse(event.timestamp);
        return ms >= NOW.getTime() - days * DAY_MS && ms < NOW.getTime();
      });
    expect(inWindow(SAMPLE, 30)).toBe(true);
    expect(inWindow(allEvents({ count: 5_000, seed: 3, now: NOW, days: 2 }), 2)).toBe(true);
    expect(SAMPLE.every((event) => event.timestamp === new Date(event.timestamp).toISOString())).toBe(true);
  });

  it('gives every event a unique UUIDv7 of its own timestamp', () => {
    expect(SAMPLE.every((event) => UUID_V7.test(event.uuid))).toBe(true);
    expect(new Set(SAMPLE.map((event) => event.uuid)).size).toBe(SAMPLE.length);
    const timeOf = (uuid: string) => Number.parseInt(uuid.replace('-', '').slice(0, 12), 16);
    expect(SAMPLE.every((event) => timeOf(event.uuid) === Date.parse(event.timestamp))).toBe(true);
  });

  it('gives pageviews the properties insights read', () => {
    const pageviews = SAMPLE.filter((event) => event.event === '$pageview');
    for (const { properties } of pageviews.slice(0, 2_000)) {
      expect(properties).toMatchObject({
        $current_url: expect.stringMatching(/^https:\/\/hedgebox\.example\//),
        $pathname: expect.stringMatching(/^\//),
        $browser: expect.any(String),
        $os: expect.any(String),
        $device_type: expect.stringMatching(/^(Desktop|Mobile|Tablet)$/),
        $geoip_country_code: expect.stringMatching(/^[A-Z]{2}$/),
        $referring_domain: expect.any(String),
        $session_id: expect.stringMatching(UUID_V7),
      });
      expect(properties.$current_url).toBe(`https://hedgebox.example${properties.$pathname}`);
    }
  });

  it('keeps each person’s events in time order and on one device', () => {
    const keys = personKeys(SAMPLE);
    const lastTimestamp = new Map<string, string>();
    const deviceOf = new Map<string, string>();
    const outOfOrder: GeneratedEvent[] = [];
    const otherDevice: GeneratedEvent[] = [];
    SAMPLE.forEach((event, index) => {
      const key = keys[index]!;
      if (event.timestamp < (lastTimestamp.get(key) ?? '')) outOfOrder.push(event);
      lastTimestamp.set(key, event.timestamp);
      const device = `${event.properties.$os}/${event.properties.$browser}/${event.properties.$geoip_country_code}`;
      if ((deviceOf.get(key) ?? device) !== device) otherDevice.push(event);
      deviceOf.set(key, device);
    });
    expect(outOfOrder).toEqual([]);
    expect(otherDevice).toEqual([]);
  });
});

describe('generateEvents: identification and the funnel', () => {
  const identifies = SAMPLE.filter((event) => event.event === '$identify');

  it('identifies as posthog-js does: the user id as distinct_id, the anonymous id seen before, $set on the person', () => {
    expect(identifies.length).toBeGreaterThan(0);
    const seenBefore = new Map<string, string>();
    for (const event of SAMPLE) {
      if (event.event === '$identify') {
        const anonymousId = event.properties.$anon_distinct_id as string;
        expect(seenBefore.has(anonymousId)).toBe(true);
        expect(seenBefore.get(anonymousId)! <= event.timestamp).toBe(true);
        expect(event.distinct_id).toMatch(/^user_[0-9a-f]{16}$/);
        expect(event.properties.$set).toEqual({
          email: expect.stringContaining('@'),
          name: expect.any(String),
          plan: 'free',
        });
      }
      if (!seenBefore.has(event.distinct_id)) seenBefore.set(event.distinct_id, event.timestamp);
    }
  });

  it('never uses the anonymous id again once its person is identified', () => {
    const identifiedAt = new Map(
      identifies.map((event) => [event.properties.$anon_distinct_id as string, event.timestamp]),
    );
    for (const event of SAMPLE) {
      const since = identifiedAt.get(event.distinct_id);
      if (since !== undefined) expect(event.timestamp <= since).toBe(true);
    }
  });

  it('identifies no more people than visited anonymously, and signs up everyone identified', () => {
    const anonymousVisitors = new Set(
      SAMPLE.filter((event) => event.event === '$pageview' && !event.distinct_id.startsWith('user_')).map(
        (event) => event.distinct_id,
      ),
    );
    expect(new Set(identifies.map((event) => event.distinct_id)).size).toBeLessThanOrEqual(anonymousVisitors.size);
    const signedUp = SAMPLE.filter((event) => event.event === 'signed_up').map((event) => event.distinct_id);
    expect(Math.abs(signedUp.length - identifies.length)).toBeLessThanOrEqual(1);
  });

  it('makes purchases only after signing up, at most one per person, with a positive amount and a plan', () => {
    const signedUp = new Set<string>();
    const purchasers = new Set<string>();
    const plans = Object.keys(NOMINAL_DISTRIBUTION.planShare);
    const firstSeen = new Map<string, string>();
    for (const event of SAMPLE) {
      if (!firstSeen.has(event.distinct_id)) firstSeen.set(event.distinct_id, event.event);
      if (event.event === 'signed_up') signedUp.add(event.distinct_id);
      if (event.event !== 'purchase') continue;
      // Someone who signed up before the window shows no signed_up, but buys as the user they became.
      expect(event.distinct_id).toMatch(/^user_/);
      if (firstSeen.get(event.distinct_id) === '$identify') expect(signedUp.has(event.distinct_id)).toBe(true);
      expect(purchasers.has(event.distinct_id)).toBe(false);
      purchasers.add(event.distinct_id);
      expect(typeof event.properties.amount).toBe('number');
      expect(event.properties.amount as number).toBeGreaterThan(0);
      expect(plans).toContain(event.properties.plan);
      expect(event.properties.$set).toEqual({ plan: event.properties.plan });
    }
    expect(purchasers.size).toBeGreaterThan(0);
    expect(purchasers.size).toBeLessThan(signedUp.size);
  });
});

describe('generateEvents: distributions', () => {
  it.each(Object.entries(NOMINAL_DISTRIBUTION.eventShareBounds))('keeps the share of %s within %j', (name, bounds) => {
    const share = SAMPLE.filter((event) => event.event === name).length / SAMPLE.length;
    expect(share).toBeGreaterThanOrEqual(bounds[0]);
    expect(share).toBeLessThanOrEqual(bounds[1]);
  });

  it('makes no other events', () => {
    expect([...countBy(SAMPLE, (event) => event.event).keys()].sort()).toEqual(
      Object.keys(NOMINAL_DISTRIBUTION.eventShare).sort(),
    );
  });

  it('has fewer events per weekend day than per weekday', () => {
    const perWeekday = countBy(SAMPLE, (event) => new Date(event.timestamp).getUTCDay());
    const days = countBy(SAMPLE, (event) => event.timestamp.slice(0, 10));
    // Average over the whole days of the window (the first and last are partial).
    const wholeDays = [...days.keys()].sort().slice(1, -1);
    const averageOn = (weekdays: number[]) => {
      const matching = wholeDays.filter((day) => weekdays.includes(new Date(`${day}T00:00:00Z`).getUTCDay()));
      return matching.reduce((sum, day) => sum + days.get(day)!, 0) / matching.length;
    };
    expect(averageOn([0, 6]) / averageOn([1, 2, 3, 4, 5])).toBeLessThan(0.75);
    expect(perWeekday.size).toBe(7);
  });

  it('has fewer events at night than in the afternoon (UTC)', () => {
    const perHour = countBy(SAMPLE, (event) => new Date(event.timestamp).getUTCHours());
    const averageOf = (hours: number[]) =>
      hours.reduce((sum, hour) => sum + (perHour.get(hour) ?? 0), 0) / hours.length;
    expect(averageOf([1, 2, 3, 4]) / averageOf([12, 13, 14, 15, 16])).toBeLessThan(0.35);
  });

  it('brings people back along a decaying retention curve', () => {
    const keys = personKeys(SAMPLE);
    const sessions = new Map<string, Set<unknown>>();
    SAMPLE.forEach((event, index) => {
      const key = keys[index]!;
      if (!sessions.has(key)) sessions.set(key, new Set());
      sessions.get(key)!.add(event.properties.$session_id);
    });
    const people = [...sessions.values()];
    const returning = (visits: number) => people.filter((visited) => visited.size >= visits).length / people.length;
    expect(returning(2)).toBeGreaterThan(0.25);
    expect(returning(2)).toBeLessThan(0.6);
    expect(returning(4)).toBeLessThan(returning(2) * 0.6);
    expect(returning(8)).toBeLessThan(returning(4) * 0.6);
    expect(returning(8)).toBeGreaterThan(0);
  });

  it('has a few power users making a large share of the events', () => {
    const perPerson = [...countBy(personKeys(SAMPLE), (key) => key).values()].sort((a, b) => b - a);
    const topPercent = perPerson.slice(0, Math.ceil(perPerson.length / 100));
    expect(topPercent.reduce((sum, count) => sum + count, 0) / SAMPLE.length).toBeGreaterThan(0.1);
    expect(perPerson[0]).toBeGreaterThan(100);
  });

  it('gives people devices in the nominal proportions', () => {
    const firstEvents = new Map<string, GeneratedEvent>();
    personKeys(SAMPLE).forEach((key, index) => {
      if (!firstEvents.has(key)) firstEvents.set(key, SAMPLE[index]!);
    });
    const devices = countBy(firstEvents.values(), (event) => event.properties.$device_type as string);
    for (const [deviceType, share] of Object.entries(NOMINAL_DISTRIBUTION.deviceTypeShare)) {
      expect((devices.get(deviceType) ?? 0) / firstEvents.size).toBeCloseTo(share, 1);
    }
  });
});
