import type pg from 'pg';

const POLL_MS = 5;

/** How long after the call each consumer of insight events had caught up with the outbox. */
export interface EventsHandled {
  activityMs: number;
  viewsMs: number;
}

/**
 * Waits until both consumers of insight events (activity and views) have handled every event the insights service
 * wrote to its outbox: each marks every event it handles in its `processed_event` table, in the handling transaction.
 */
export async function waitForEventsHandled(client: pg.Client, timeoutMs = 120_000): Promise<EventsHandled> {
  const started = performance.now();
  let activityMs: number | null = null;
  let viewsMs: number | null = null;
  for (;;) {
    const { rows } = await client.query<{ written: number; activity: number; views: number }>(
      `SELECT (SELECT count(*) FROM insights.outbox)::int AS written,
         (SELECT count(*) FROM activity.processed_event)::int AS activity,
         (SELECT count(*) FROM views.processed_event)::int AS views`,
    );
    const counts = rows[0];
    const elapsed = performance.now() - started;
    if (counts && activityMs === null && counts.activity >= counts.written) activityMs = elapsed;
    if (counts && viewsMs === null && counts.views >= counts.written) viewsMs = elapsed;
    if (activityMs !== null && viewsMs !== null) return { activityMs, viewsMs };
    if (elapsed > timeoutMs) throw new Error(`events not handled after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
