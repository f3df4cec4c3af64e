import type pg from 'pg';

const POLL_MS = 5;

/**
 * Waits until both consumers of insight events (activity and views) have handled every event the insights service
 * wrote to its outbox: each marks every event it handles in its `processed_event` table, in the handling transaction.
 * Resolves with the time it took.
 */
export async function waitForEventsHandled(client: pg.Client, timeoutMs = 120_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    const { rows } = await client.query<{ written: number; activity: number; views: number }>(
      `SELECT (SELECT count(*) FROM insights.outbox)::int AS written,
         (SELECT count(*) FROM activity.processed_event)::int AS activity,
         (SELECT count(*) FROM views.processed_event)::int AS views`,
    );
    const counts = rows[0];
    if (counts && counts.activity >= counts.written && counts.views >= counts.written) {
      return performance.now() - started;
    }
    if (performance.now() - started > timeoutMs) {
      throw new Error(`events not handled after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
