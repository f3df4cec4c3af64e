import pg from 'pg';
import { eventually } from './eventually.js';

/**
 * Holds an exclusive lock on a system's captured events, so that every query reading them waits until `release`:
 * a test can line requests up behind a query that cannot finish early, however fast the machine runs it.
 */
export async function lockEvents(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE insights.event IN ACCESS EXCLUSIVE MODE');
  let held = true;

  /**
   * The backends waiting to read the events: the queries held up (not the services' own VACUUM or ANALYZE, nor
   * ingest's writes, which ask for other modes). pg_locks alone: this transaction would see pg_stat_activity as it was
   * when first read here.
   */
  const waitingQueries = async () =>
    (
      await client.query<{ pid: number }>(
        `SELECT DISTINCT pid FROM pg_locks
         WHERE NOT granted AND relation = 'insights.event'::regclass AND mode = 'AccessShareLock'`,
      )
    ).rows.map((row) => row.pid);

  const release = async () => {
    if (!held) return;
    held = false;
    try {
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
  };

  return {
    /**
     * The waiting backends once `accept` holds of them. When it does not within `timeoutMs`, releases the lock (the
     * test fails, the queries behind it go on) and throws.
     */
    async waitUntil(accept: (pids: number[]) => boolean, what: string, timeoutMs = 20_000): Promise<number[]> {
      const pids = await eventually(waitingQueries, accept, timeoutMs);
      if (accept(pids)) return pids;
      await client.query('SELECT pg_stat_clear_snapshot()');
      const activity = await client.query(
        `SELECT a.pid, a.state, a.wait_event_type, a.wait_event, left(a.query, 80) AS query,
                (SELECT json_agg(json_build_object('relation', l.relation::regclass::text, 'mode', l.mode))
                 FROM pg_locks l WHERE l.pid = a.pid AND NOT l.granted) AS waiting_for
         FROM pg_stat_activity a WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()`,
      );
      await release();
      throw new Error(`timed out waiting for ${what}; the database's backends: ${JSON.stringify(activity.rows)}`);
    },
    release,
  };
}
