import { describe, expect, it } from 'vitest';
import { seedProject, startSystem, streamsOfPrefix } from './support/system.js';

const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

describe('a test system that stops', () => {
  it('leaves none of its streams on the shared NATS server: events, ingest, KV buckets, object store', async () => {
    const system = await startSystem();
    let stopped = false;
    try {
      const seed = await seedProject(system);
      // A computed query takes part in coalescing: the gateway creates its KV bucket.
      const query = { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: '$pageview' }] };
      const answer = await system.api('POST', `/api/projects/${seed.project.id}/query/`, {
        key: seed.key,
        body: { query },
      });
      expect(answer.status).toBe(200);

      const created = await streamsOfPrefix(natsUrl, system.prefix);
      const upper = system.prefix.toUpperCase();
      expect(created).toEqual(
        expect.arrayContaining([`${upper}_EVENTS`, `${upper}_INGEST`, `KV_${system.prefix}-coalescing`]),
      );

      await system.stop();
      stopped = true;
      expect(await streamsOfPrefix(natsUrl, system.prefix)).toEqual([]);
    } finally {
      if (!stopped) await system.stop();
    }
  }, 120_000);
});
