import { randomBytes, randomUUID } from 'node:crypto';
import { type JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { type Kysely, sql } from 'kysely';
import type { EventEnvelope } from '../event-envelope.js';
import { ensureEventStream } from '../event-stream.js';
import { eventStreamName } from '../event-subjects.js';
import { messageParts } from '../message-parts.js';
import {
  addOutboxParking,
  createOutboxTable,
  createParkedEventsTable,
  createProcessedEventsTable,
} from '../outbox-tables.js';
import type { EventHandler } from '../process-event-once.js';

export interface TestEvent extends EventEnvelope {
  label: string;
}

/** A fresh event of a test type, labelled for readable assertions. */
export function testEvent(label: string, type = 'insight.updated'): TestEvent {
  return { id: randomUUID(), type, label };
}

/** The table a recording handler writes to, inside the consumer's own transaction. */
export async function createHandledLog(db: Kysely<any>, schema: string): Promise<void> {
  await sql`CREATE TABLE ${sql.table(`${schema}.handled_log`)} (
    seq bigserial PRIMARY KEY, id uuid NOT NULL, label text NOT NULL, event jsonb NOT NULL)`.execute(db);
}

/**
 * A handler that records, in order, the events it handled, in the handler's transaction: what it reports is what
 * committed, so a batch that was rolled back and handled again shows once.
 */
export function recordingHandler(db: Kysely<any>, schema: string) {
  const table = sql.table(`${schema}.handled_log`);
  const handle: EventHandler<TestEvent> = async (event, trx) => {
    await sql`INSERT INTO ${table} (id, label, event) VALUES (${event.id}::uuid, ${event.label}, ${JSON.stringify(event)}::jsonb)`.execute(
      trx,
    );
  };
  const events = async (): Promise<TestEvent[]> => {
    const { rows } = await sql<{ event: TestEvent }>`SELECT event FROM ${table} ORDER BY seq`.execute(db);
    return rows.map((row) => row.event);
  };
  return { handle, events, labels: async () => (await events()).map((event) => event.label) };
}

/**
 * One test's own corner of the shared database and NATS server: a schema with an outbox and a
 * processed-event table, and a NATS prefix with its events stream. `destroy()` deletes the stream
 * (and with it every consumer on it).
 */
export async function createEventFixture(db: Kysely<any>, nc: NatsConnection) {
  const suffix = randomBytes(4).toString('hex');
  const schema = `events_${suffix}`;
  const prefix = `test_${suffix}`;
  await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(db);
  await createOutboxTable(db, schema);
  await createProcessedEventsTable(db, schema);
  await addOutboxParking(db, schema);
  await createParkedEventsTable(db, schema);
  await createHandledLog(db, schema);
  const jsm: JetStreamManager = await jetstreamManager(nc);
  await ensureEventStream(jsm, prefix);
  const stream = eventStreamName(prefix);

  return {
    schema,
    prefix,
    stream,
    jsm,
    /** Ids of the events stored in the stream, in stream order (duplicates included). */
    async storedEventIds(): Promise<string[]> {
      const info = await jsm.streams.info(stream);
      const ids: string[] = [];
      for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
        const message = await jsm.streams.getMessage(stream, { seq });
        if (message) ids.push(...messageParts(message.json()).map((part) => (part as EventEnvelope).id));
      }
      return ids;
    },
    async unpublishedIds(): Promise<string[]> {
      const rows = await db
        .withSchema(schema)
        .selectFrom('outbox')
        .select('id')
        .where('published_at', 'is', null)
        .orderBy('seq')
        .execute();
      return rows.map((row: { id: string }) => row.id);
    },
    async destroy(): Promise<void> {
      await jsm.streams.delete(stream).catch(() => undefined);
    },
  };
}
