import { randomBytes } from 'node:crypto';
import { type JetStreamManager, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { connect, type NatsConnection, nanos } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureEventStream } from './event-stream.js';
import { eventStreamName, eventSubject } from './event-subjects.js';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const SEVEN_DAYS_MS = 7 * 24 * 60 * 60 * 1000;

let nc: NatsConnection;
let jsm: JetStreamManager;
const prefix = `test-${randomBytes(4).toString('hex')}.app`;
const stream = eventStreamName(prefix);

beforeAll(async () => {
  nc = await connect({ servers: NATS_URL });
  jsm = await jetstreamManager(nc);
});

afterAll(async () => {
  await jsm?.streams.delete(stream).catch(() => undefined);
  await nc?.close();
});

describe('event stream', () => {
  it('names subjects <prefix>.events.<type> and the stream <PREFIX>_EVENTS', () => {
    expect(eventSubject('insights', 'insight.updated')).toBe('insights.events.insight.updated');
    expect(eventStreamName('insights')).toBe('INSIGHTS_EVENTS');
    expect(eventStreamName('my-app.eu')).toBe('MY_APP_EU_EVENTS');
  });

  it('creates the stream on file storage, keeping events 7 days with a 2-minute duplicate window, idempotently', async () => {
    await ensureEventStream(nc, prefix);
    const info = await ensureEventStream(jsm, prefix);

    expect(info.config).toMatchObject({
      name: stream,
      subjects: [`${prefix}.events.>`],
      storage: StorageType.File,
      max_age: nanos(SEVEN_DAYS_MS),
      duplicate_window: nanos(2 * 60 * 1000),
    });
    expect((await jsm.streams.info(stream)).config.max_age).toBe(nanos(SEVEN_DAYS_MS));
  });

  it('updates the retention of an existing stream and keeps its events', async () => {
    await ensureEventStream(jsm, prefix);
    await jsm.jetstream().publish(eventSubject(prefix, 'insight.created'));

    const info = await ensureEventStream(jsm, prefix, 60 * 60 * 1000);

    expect(info.config.max_age).toBe(nanos(60 * 60 * 1000));
    expect(info.state.messages).toBe(1);
  });
});
