import type pg from 'pg';

const POLL_MS = 5;

/** How long after the call each consumer of insight events had caught up with the outbox. */
export interface EventsHandled {
  activityMs: number;
  viewsMs: number;
}

type Consumer = 'activity' | 'views';
const CONSUMERS: readonly Consumer[] = ['activity', 'views'];

/**
 * Waits until both consumers of insight events (activity and views) have handled every event the insights service
 * wrote to its outbox since the previous wait: each marks every event it handles in its `processed_event` table, in
 * the handling transaction.
 *
 * The poll must not load the server it measures (two cores): counting whole tables every 5 ms kept a PostgreSQL
 * backend busy for most of the wait. So the outbox is read once per wait (only rows after the last one seen), each
 * poll looks up one id per consumer (the newest event), and only once it is there is the whole set checked; a
 * consumer that handled the newest event but not all of them (an event retried later) is polled on the whole set.
 */
export function eventsHandledWatcher(client: pg.Client) {
  let lastSeq = '0';

  const handledCount = async (consumer: Consumer, ids: readonly string[]) => {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${consumer}.processed_event WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return rows[0]?.n ?? 0;
  };

  return async function waitForEventsHandled(timeoutMs = 120_000): Promise<EventsHandled> {
    const started = performance.now();
    const { rows: written } = await client.query<{ seq: string; id: string }>(
      'SELECT seq::text AS seq, id FROM insights.outbox WHERE seq > $1 ORDER BY seq',
      [lastSeq],
    );
    const ids = written.map((row) => row.id);
    const newest = ids.slice(-1);
    const handledMs: Partial<Record<Consumer, number>> = {};
    const needsWholeSet = new Set<Consumer>();
    for (;;) {
      const elapsed = performance.now() - started;
      for (const consumer of CONSUMERS) {
        if (handledMs[consumer] !== undefined) continue;
        const probe = needsWholeSet.has(consumer) ? ids : newest;
        if ((await handledCount(consumer, probe)) < probe.length) continue;
        if (probe === ids || (await handledCount(consumer, ids)) === ids.length) handledMs[consumer] = elapsed;
        else needsWholeSet.add(consumer);
      }
      const { activity, views } = handledMs;
      if (activity !== undefined && views !== undefined) {
        lastSeq = written.at(-1)?.seq ?? lastSeq;
        return { activityMs: activity, viewsMs: views };
      }
      if (elapsed > timeoutMs) {
        throw new Error(`${ids.length} events not handled after ${timeoutMs} ms: ${JSON.stringify(handledMs)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  };
}
