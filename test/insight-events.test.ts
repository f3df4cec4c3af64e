import { InsightEvent } from '@insights/contracts';
import { eventStreamName } from '@insights/transport';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSystem, seedProject, startSystem } from './support/system.js';

let system: RunningSystem;
let nc: NatsConnection;
beforeAll(async () => {
  system = await startSystem();
  nc = await connect({ servers: system.env.NATS_URL!.replace('nats://', '') });
}, 90_000);
afterAll(async () => {
  await nc?.drain();
  await system?.stop();
});

/** Every event of one insight on the stream, in order, read with an ephemeral consumer as any subscriber would. */
async function eventsOf(insightId: number, expected: number): Promise<InsightEvent[]> {
  const jsm = await jetstreamManager(nc);
  const stream = eventStreamName(system.prefix);
  const consumer = await jsm.consumers.add(stream, { ack_policy: AckPolicy.None, deliver_policy: DeliverPolicy.All });
  const js = jetstream(nc);
  const reader = await js.consumers.get(stream, consumer.name);
  const found: InsightEvent[] = [];
  const deadline = Date.now() + 5_000;
  try {
    while (Date.now() < deadline) {
      const batch = await reader.fetch({ max_messages: 500, expires: 1000 });
      for await (const msg of batch) {
        const event = InsightEvent.parse(msg.json());
        if (event.insightId === insightId) found.push(event);
      }
      if (found.length >= expected) {
        // Read a little longer: a duplicate would show up here.
        const extra = await reader.fetch({ max_messages: 500, expires: 1000 });
        for await (const msg of extra) {
          const event = InsightEvent.parse(msg.json());
          if (event.insightId === insightId) found.push(event);
        }
        break;
      }
    }
  } finally {
    await jsm.consumers.delete(stream, consumer.name).catch(() => undefined);
  }
  return found;
}

describe('insight domain events', () => {
  it('publishes exactly one insight.updated with before and after per PATCH', async () => {
    const seed = await seedProject(system);
    const base = `/api/projects/${seed.project.id}/insights/`;
    const created = (
      await system.api('POST', base, {
        key: seed.key,
        body: { name: 'v1', tags: ['a'] },
        headers: { 'X-PostHog-Client': 'posthog-js' },
      })
    ).body;
    await system.api('PATCH', `${base}${created.id}/`, { key: seed.key, body: { name: 'v2' } });
    await system.api('PATCH', `${base}${created.id}/`, { key: seed.key, body: { tags: ['b', 'a'] } });
    const events = await eventsOf(created.id, 3);
    expect(events.map((e) => e.type)).toEqual(['insight.created', 'insight.updated', 'insight.updated']);
    const [createdEvent, rename, retag] = events;
    expect(createdEvent?.before).toBeNull();
    expect(createdEvent?.client).toBe('posthog-js');
    expect(createdEvent?.actor).toMatchObject({ id: seed.user.id, email: seed.user.email });
    expect(rename?.before?.name).toBe('v1');
    expect(rename?.after.name).toBe('v2');
    expect(retag?.before?.tags).toEqual(['a']);
    expect(retag?.after.tags).toEqual(['a', 'b']);
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
  });

  it('publishes insight.deleted and insight.restored for the soft-delete flow', async () => {
    const seed = await seedProject(system);
    const base = `/api/projects/${seed.project.id}/insights/`;
    const created = (await system.api('POST', base, { key: seed.key, body: { name: 'bin me' } })).body;
    await system.api('PATCH', `${base}${created.id}/`, { key: seed.key, body: { deleted: true } });
    await system.api('PATCH', `${base}${created.id}/`, { key: seed.key, body: { deleted: false } });
    const events = await eventsOf(created.id, 3);
    expect(events.map((e) => e.type)).toEqual(['insight.created', 'insight.deleted', 'insight.restored']);
  });

  it('publishes nothing for a rejected write', async () => {
    const seed = await seedProject(system);
    const base = `/api/projects/${seed.project.id}/insights/`;
    const created = (await system.api('POST', base, { key: seed.key, body: { name: 'stable' } })).body;
    const rejected = await system.api('PATCH', `${base}${created.id}/`, {
      key: seed.key,
      body: { name: 'x'.repeat(401) },
    });
    expect(rejected.status).toBe(400);
    const events = await eventsOf(created.id, 1);
    expect(events.map((e) => e.type)).toEqual(['insight.created']);
  });
});
