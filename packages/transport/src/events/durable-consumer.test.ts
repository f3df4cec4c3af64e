import { jetstream } from '@nats-io/jetstream';
import { describe, expect, it, vi } from 'vitest';
import { type DurableConsumerOptions, startDurableConsumer } from './durable-consumer.js';
import { eventSubject } from './event-subjects.js';
import { createJetStreamPublisher } from './jetstream-publisher.js';
import type { EventHandler } from './process-event-once.js';
import { recordingHandler, type TestEvent, testEvent } from './testing/event-fixture.js';
import { type EventFixture, useEventTestEnvironment } from './testing/event-test-environment.js';

const eventually = { timeout: 10_000, interval: 10 };
const env = useEventTestEnvironment();

async function startConsumer(
  fixture: EventFixture,
  handle: EventHandler<TestEvent>,
  overrides: Partial<DurableConsumerOptions<TestEvent>> = {},
) {
  const consumer = await startDurableConsumer<TestEvent>({
    nc: env.nc,
    prefix: fixture.prefix,
    durable: 'activity',
    db: env.db,
    schema: fixture.schema,
    handle,
    ...overrides,
  });
  env.afterThisTest(() => consumer.stop());
  return consumer;
}

function labelled(...labels: string[]): TestEvent[] {
  return labels.map((label) => testEvent(label));
}

describe('durable consumer', () => {
  it('catches up after being stopped on the events published meanwhile, handling each once and in order', async () => {
    const fixture = await env.eventFixture();
    const publish = createJetStreamPublisher({ nc: env.nc, prefix: fixture.prefix });
    const recorder = recordingHandler(env.db, fixture.schema);

    const first = await startConsumer(fixture, recorder.handle);
    const before = labelled('before 1', 'before 2', 'before 3');
    await publish(before);
    await vi.waitFor(
      async () => expect(await recorder.labels()).toEqual(['before 1', 'before 2', 'before 3']),
      eventually,
    );
    await first.stop();

    const meanwhile = Array.from({ length: 20 }, (_, index) => testEvent(`meanwhile ${index}`));
    await publish(meanwhile);
    expect(await recorder.labels()).toHaveLength(3);

    await startConsumer(fixture, recorder.handle);
    // Well under the 30 s ack wait: nothing was stranded in a pull request of the stopped consumer.
    await vi.waitFor(async () => expect(await recorder.events()).toHaveLength(23), { timeout: 5_000, interval: 10 });
    expect((await recorder.events()).map((event) => event.id)).toEqual(
      [...before, ...meanwhile].map((event) => event.id),
    );
    await vi.waitFor(async () => {
      const info = await fixture.jsm.consumers.info(fixture.stream, 'activity');
      expect({ pending: info.num_pending, unacked: info.num_ack_pending }).toEqual({ pending: 0, unacked: 0 });
    }, eventually);
  });

  it('naks an event whose handler fails, never acks it, and handles it once when it is redelivered', async () => {
    const fixture = await env.eventFixture();
    const publish = createJetStreamPublisher({ nc: env.nc, prefix: fixture.prefix });
    const recorder = recordingHandler(env.db, fixture.schema);
    let flakyAttempts = 0;
    await startConsumer(fixture, async (event, trx) => {
      // Twice: whether it came in a batch (which then falls back to one by one) or alone, the second failure is its
      // own delivery's, so it is nakked and comes back later.
      if (event.label === 'flaky' && ++flakyAttempts <= 2) throw new Error('read model unavailable');
      await recorder.handle(event, trx);
    });

    await publish(labelled('steady 1', 'flaky', 'steady 2'));
    // One message holds all three: its redelivery must not handle the steady ones again.
    expect((await fixture.jsm.streams.info(fixture.stream)).state.messages).toBe(1);

    await vi.waitFor(async () => expect(await recorder.labels()).toContain('flaky'), eventually);
    expect(await recorder.labels()).toEqual(['steady 1', 'steady 2', 'flaky']);
    expect(flakyAttempts).toBe(3);
    await vi.waitFor(async () => {
      const info = await fixture.jsm.consumers.info(fixture.stream, 'activity');
      expect(info.num_ack_pending).toBe(0);
    }, eventually);
  });

  it('receives only the events of its filter subject', async () => {
    const fixture = await env.eventFixture();
    const publish = createJetStreamPublisher({ nc: env.nc, prefix: fixture.prefix });
    const recorder = recordingHandler(env.db, fixture.schema);
    await startConsumer(fixture, recorder.handle, { filterSubject: eventSubject(fixture.prefix, 'insight.deleted') });

    await publish([
      testEvent('updated', 'insight.updated'),
      testEvent('deleted', 'insight.deleted'),
      testEvent('viewed', 'insight.viewed'),
    ]);
    await publish([testEvent('deleted again', 'insight.deleted')]);

    await vi.waitFor(async () => expect(await recorder.labels()).toEqual(['deleted', 'deleted again']), eventually);
  });

  it('recreates its consumer when it is deleted from under it and skips the events it already handled', async () => {
    const fixture = await env.eventFixture();
    const publish = createJetStreamPublisher({ nc: env.nc, prefix: fixture.prefix });
    const recorder = recordingHandler(env.db, fixture.schema);
    await startConsumer(fixture, recorder.handle);
    await publish(labelled('first'));
    await vi.waitFor(async () => expect(await recorder.labels()).toEqual(['first']), eventually);

    await fixture.jsm.consumers.delete(fixture.stream, 'activity');
    await publish(labelled('second'));

    // The new consumer starts over from the first event again; the processed ids keep it from being handled twice.
    await vi.waitFor(async () => expect(await recorder.labels()).toEqual(['first', 'second']), {
      timeout: 20_000,
      interval: 10,
    });
    const info = await fixture.jsm.consumers.info(fixture.stream, 'activity');
    expect(info.config.durable_name).toBe('activity');
  });

  it('handles a burst in batches: several events per transaction, each once, in stream order', async () => {
    const fixture = await env.eventFixture();
    const publish = createJetStreamPublisher({ nc: env.nc, prefix: fixture.prefix });
    const recorder = recordingHandler(env.db, fixture.schema);
    const batchSizes: number[] = [];
    await startConsumer(fixture, recorder.handle, {
      handle: undefined,
      handleBatch: async (events, trx) => {
        batchSizes.push(events.length);
        for (const event of events) await recorder.handle(event, trx);
      },
    });
    const burst = Array.from({ length: 300 }, (_, index) => testEvent(`burst ${index}`));

    await publish(burst);

    await vi.waitFor(async () => expect(await recorder.events()).toHaveLength(300), eventually);
    expect((await recorder.events()).map((event) => event.id)).toEqual(burst.map((event) => event.id));
    expect(batchSizes.reduce((sum, size) => sum + size, 0)).toBe(300);
    expect(Math.max(...batchSizes)).toBeGreaterThan(1);
    // The burst travelled as arrays of up to 100 events: 3 messages, not 300.
    expect((await fixture.jsm.streams.info(fixture.stream)).state.messages).toBe(3);
    expect(await fixture.storedEventIds()).toEqual(burst.map((event) => event.id));
  });

  it('sends consecutive events of one subject together, up to 64 kB a message, and splits where the subject changes', async () => {
    const fixture = await env.eventFixture();
    const publish = createJetStreamPublisher({ nc: env.nc, prefix: fixture.prefix });
    const recorder = recordingHandler(env.db, fixture.schema);
    await startConsumer(fixture, recorder.handle, { filterSubject: eventSubject(fixture.prefix, 'insight.updated') });
    // 30 events of ~5 kB: 12 fit in 64 kB, so the first run of updates takes 3 messages.
    const padded = (label: string, type?: string) => ({ ...testEvent(label, type), pad: 'p'.repeat(5_000) });
    const updates = Array.from({ length: 30 }, (_, index) => padded(`update ${index}`));
    const deleted = testEvent('deleted', 'insight.deleted');
    const later = [padded('update after'), padded('update last')];

    await publish([...updates, deleted, ...later]);

    const info = await fixture.jsm.streams.info(fixture.stream);
    expect(info.state.messages).toBe(3 + 1 + 1);
    expect(await fixture.storedEventIds()).toEqual([...updates, deleted, ...later].map((event) => event.id));
    await vi.waitFor(async () => expect(await recorder.events()).toHaveLength(32), eventually);
    expect(await recorder.labels()).toEqual([...updates, ...later].map((event) => event.label));
  });

  it('handles the events of a message whose other part is not an event, and acks it', async () => {
    const fixture = await env.eventFixture();
    const recorder = recordingHandler(env.db, fixture.schema);
    await startConsumer(fixture, recorder.handle);
    const js = jetstream(env.nc);
    const subject = eventSubject(fixture.prefix, 'insight.updated');
    const good = [testEvent('good 1'), testEvent('good 2')];

    await js.publish(subject, JSON.stringify([good[0], { id: 7, type: 'no id' }, 'text', good[1]]));
    await js.publish(subject, 'not json');
    await js.publish(subject, JSON.stringify(testEvent('after')));

    await vi.waitFor(async () => expect(await recorder.labels()).toEqual(['good 1', 'good 2', 'after']), eventually);
    await vi.waitFor(async () => {
      const consumerInfo = await fixture.jsm.consumers.info(fixture.stream, 'activity');
      expect({ pending: consumerInfo.num_pending, unacked: consumerInfo.num_ack_pending }).toEqual({
        pending: 0,
        unacked: 0,
      });
    }, eventually);
  });
});
