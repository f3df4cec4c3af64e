import { createDb } from '@insights/db';
import { createTestDatabase, type TestDatabase } from '@insights/db/testing';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createEventFixture } from './event-fixture.js';

export type EventFixture = Awaited<ReturnType<typeof createEventFixture>>;

export interface EventTestEnvironment {
  /** The test file's own database (set in beforeAll). */
  db: Kysely<any>;
  /** The database's URL, for code that opens its own connections (the relay's LISTEN). */
  databaseUrl: string;
  /** A connection to the shared NATS server (set in beforeAll). */
  nc: NatsConnection;
  /** A fresh schema and NATS prefix, removed after the test. */
  eventFixture(): Promise<EventFixture>;
  /** Runs after the current test. */
  afterThisTest(cleanup: () => Promise<void>): void;
}

/** Registers the hooks every event test file needs: a throwaway database, a NATS connection, per-test fixtures. */
export function useEventTestEnvironment(
  natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
): EventTestEnvironment {
  let database: TestDatabase | undefined;
  const cleanups: (() => Promise<void>)[] = [];
  const environment: EventTestEnvironment = {
    db: undefined as unknown as Kysely<any>,
    databaseUrl: '',
    nc: undefined as unknown as NatsConnection,
    async eventFixture() {
      const fixture = await createEventFixture(environment.db, environment.nc);
      cleanups.push(() => fixture.destroy());
      return fixture;
    },
    afterThisTest(cleanup) {
      cleanups.push(cleanup);
    },
  };
  beforeAll(async () => {
    database = await createTestDatabase();
    environment.databaseUrl = database.url;
    environment.db = createDb<any>({ connectionString: database.url });
    environment.nc = await connect({ servers: natsUrl });
  });
  afterEach(async () => {
    for (let cleanup = cleanups.pop(); cleanup; cleanup = cleanups.pop()) await cleanup();
  });
  afterAll(async () => {
    await environment.nc?.close();
    await environment.db?.destroy();
    await database?.drop();
  });
  return environment;
}
