import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockEvents } from './support/events-lock.js';
import { slowFunnelQuery } from './support/slow-query.js';
import { type RunningSystem, seedProject, startSystem } from './support/system.js';

/**
 * Issue 9, cancel (spec reference §8) and the statement timeout: a running query registered under its
 * client_query_id is cancelled from the REST surface whichever replica runs it and ends promptly with a 4xx
 * `query_cancelled`; another project's query with the same id runs on; a query past `QUERY_TIMEOUT_MS` ends with a
 * 504-class error.
 */

const QUERY_TIMEOUT_MS = 3_000;

let system: RunningSystem;
let seed: Awaited<ReturnType<typeof seedProject>>;
let other: Awaited<ReturnType<typeof seedProject>>;

const slowQuery = slowFunnelQuery();

beforeAll(async () => {
  system = await startSystem({ extraEnv: { QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS), RPC_TIMEOUT_MS: '10000' } });
  seed = await seedProject(system);
  other = await seedProject(system);
  for (const project of [seed.project.id, other.project.id]) {
    await system.admin('events', 'generate', '--project', String(project), '--count', '150000', '--days', '60');
  }
}, 180_000);

afterAll(async () => system?.stop());

const run = (projectKey: string, projectId: number, clientQueryId: string, query: unknown = slowQuery) =>
  system.api('POST', `/api/projects/${projectId}/query/`, {
    key: projectKey,
    body: { query, client_query_id: clientQueryId, refresh: 'force_blocking' },
  });

describe('cancel', () => {
  it('answers 201 with an empty body whether or not anything ran, and 400 without a client_query_id', async () => {
    const nothing = await system.api('POST', `/api/projects/${seed.project.id}/insights/cancel/`, {
      key: seed.key,
      body: { client_query_id: 'never-ran' },
    });
    expect(nothing.status).toBe(201);
    expect(nothing.text).toBe('');
    const missing = await system.api('POST', `/api/projects/${seed.project.id}/insights/cancel/`, {
      key: seed.key,
      body: {},
    });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({
      type: 'validation_error',
      code: 'invalid_input',
      detail: 'Field is required.',
      attr: 'client_query_id',
    });
  });

  it('ends the running query promptly with query_cancelled, and leaves another project’s query alone', async () => {
    // The events stay locked until the cancel has been answered: both queries are running (waiting for the events)
    // when it comes, however fast the machine would run them.
    const lock = await lockEvents(system.database.url);
    const mine = run(seed.key, seed.project.id, 'slow-1');
    let mineAnswered = false;
    void mine.then(() => {
      mineAnswered = true;
    });
    const theirs = run(other.key, other.project.id, 'slow-1');
    try {
      await lock.waitUntil((pids) => pids.length >= 2, 'both queries');
      // The cancel reaches a query still running.
      expect(mineAnswered).toBe(false);
      const cancelledAt = Date.now();
      const cancel = await system.api('POST', `/api/projects/${seed.project.id}/insights/cancel/`, {
        key: seed.key,
        body: { client_query_id: 'slow-1' },
      });
      expect(cancel.status).toBe(201);

      const answer = await mine;
      const endedAfterCancelMs = Date.now() - cancelledAt;
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        type: 'invalid_request',
        code: 'query_cancelled',
        detail: 'The query was cancelled.',
        attr: null,
      });
      expect(endedAfterCancelMs).toBeLessThan(1_500);
    } finally {
      await lock.release();
    }
    const theirAnswer = await theirs;
    // Theirs was never cancelled: it finished once the events were free (or, on a slow machine, ran into the timeout).
    expect([200, 504]).toContain(theirAnswer.status);
    expect(theirAnswer.body?.code).not.toBe('query_cancelled');
  }, 30_000);
});

describe('the statement timeout', () => {
  it('ends a query that runs past QUERY_TIMEOUT_MS with a 504 in PostHog’s error shape', async () => {
    // Locked events keep the query running past the timeout however fast the machine.
    const lock = await lockEvents(system.database.url);
    try {
      const started = Date.now();
      const answer = await run(seed.key, seed.project.id, 'too-slow');
      expect(answer.status).toBe(504);
      expect(answer.body).toMatchObject({ type: 'server_error', code: 'timeout' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(QUERY_TIMEOUT_MS);
      expect(Date.now() - started).toBeLessThan(QUERY_TIMEOUT_MS + 3_000);
    } finally {
      await lock.release();
    }
  }, 30_000);
});
