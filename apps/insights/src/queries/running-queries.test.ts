import { createDb, createPool, migrateToLatest } from '@insights/db';
import { createTestDatabase, type TestDatabase } from '@insights/db/testing';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSIGHTS_SCHEMA } from '../db/database.js';
import { insightsMigrations } from '../db/migrations/index.js';
import { cancelQueries, IDLE_QUERY_SESSION, registerStatement, unregisterStatement } from './running-queries.js';

/**
 * Two replicas of the insights service: each has its own query pool and its own database handle, and they share
 * nothing but PostgreSQL. A cancel from one must reach a statement the other runs.
 */
let database: TestDatabase;
let replicaA: { queryPool: pg.Pool; db: Kysely<any> };
let replicaB: { queryPool: pg.Pool; db: Kysely<any> };

function replica(name: string) {
  return {
    queryPool: createPool({ connectionString: database.url, maxConnections: 2, applicationName: IDLE_QUERY_SESSION }),
    db: createDb<any>({ connectionString: database.url, applicationName: `${name}-db` }),
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  replicaA = replica('replica-a');
  replicaB = replica('replica-b');
  await migrateToLatest(replicaA.db, INSIGHTS_SCHEMA, insightsMigrations);
});

afterAll(async () => {
  for (const r of [replicaA, replicaB]) {
    await r.queryPool?.end();
    await r.db?.destroy();
  }
  await database?.drop();
});

/** A 30-second statement of (project, client_query_id) run as the query backend runs one, on replica A. */
async function runSlowStatement(projectId: number, clientQueryId: string) {
  const client = await replicaA.queryPool.connect();
  const statement = { projectId, clientQueryId, queryStartedAt: new Date() };
  const registered = await registerStatement(client, statement);
  const started = performance.now();
  const outcome = client.query('SELECT pg_sleep(30)').then(
    () => 'finished',
    (error: { code?: string }) => error.code,
  );
  const ended = outcome.then(async (result) => {
    const unregistered = await unregisterStatement(client, statement);
    const name = (await client.query<{ name: string }>(`SELECT current_setting('application_name') AS name`)).rows[0]
      ?.name;
    client.release();
    return { result, cancelled: unregistered.cancelled, ms: performance.now() - started, sessionName: name };
  });
  const pid = (client as pg.PoolClient & { processID: number }).processID;
  return { registered, ended, stop: () => replicaB.queryPool.query('SELECT pg_cancel_backend($1)', [pid]) };
}

async function waitUntilRunning(clientCount: number) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { rows } = await replicaB.queryPool.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)' AND state = 'active'`,
    );
    if (rows[0].n >= clientCount) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the statements never started');
}

describe('running queries across replicas', () => {
  it('cancels, from another replica, the statement of (project, client_query_id), and only that one', async () => {
    // A client's id may be 256 characters: far more than a session name holds.
    const longId = `dashboard-${'x'.repeat(246)}`;
    const target = await runSlowStatement(7001, longId);
    const sameIdOtherProject = await runSlowStatement(7002, longId);
    expect(target.registered.cancelled).toBe(false);
    await waitUntilRunning(2);

    expect(await cancelQueries(replicaB.db, 7001, longId)).toBe(1);
    const ended = await target.ended;
    expect(ended.result).toBe('57014');
    expect(ended.cancelled).toBe(true);
    expect(ended.ms).toBeLessThan(5_000);
    // The session is back to its idle name: a later cancel of that id cannot reach whatever it runs next.
    expect(ended.sessionName).toBe(IDLE_QUERY_SESSION);

    // The other project's query with the same id still runs.
    const { rows } = await replicaB.queryPool.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)' AND state = 'active'`,
    );
    expect(rows[0].n).toBe(1);
    await sameIdOtherProject.stop();
    const other = await sameIdOtherProject.ended;
    expect(other.cancelled).toBe(false);
  });

  it('tells a statement about to start that its query was cancelled, and answers 0 when nothing runs', async () => {
    expect(await cancelQueries(replicaB.db, 7003, 'not-started-yet')).toBe(0);
    const client = await replicaA.queryPool.connect();
    try {
      const statement = {
        projectId: 7003,
        clientQueryId: 'not-started-yet',
        queryStartedAt: new Date(Date.now() - 1000),
      };
      expect((await registerStatement(client, statement)).cancelled).toBe(true);
      // A query that started after the cancel is not cancelled by it.
      const later = { ...statement, queryStartedAt: new Date(Date.now() + 1000) };
      expect((await registerStatement(client, later)).cancelled).toBe(false);
      await unregisterStatement(client, later);
    } finally {
      client.release();
    }
  });
});
