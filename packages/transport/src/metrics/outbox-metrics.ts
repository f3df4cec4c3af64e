import { type Kysely, sql } from 'kysely';
import { Gauge } from 'prom-client';
import { metricsRegistry } from './registry.js';

type BacklogReader = () => Promise<{ pending: number; oldestSeconds: number }>;

/** The outboxes this process relays, by schema (the latest relay of a schema wins). */
const outboxes = new Map<string, BacklogReader>();

async function collectBacklogs(): Promise<[string, { pending: number; oldestSeconds: number }][]> {
  return Promise.all(
    [...outboxes].map(async ([schema, read]) => [schema, await read().catch(() => ({ pending: 0, oldestSeconds: 0 }))]),
  ) as Promise<[string, { pending: number; oldestSeconds: number }][]>;
}

new Gauge({
  name: 'insights_outbox_pending_events',
  help: 'Outbox events not yet published',
  labelNames: ['schema'],
  registers: [metricsRegistry],
  async collect() {
    for (const [schema, backlog] of await collectBacklogs()) this.set({ schema }, backlog.pending);
  },
});

new Gauge({
  name: 'insights_outbox_lag_seconds',
  help: 'Age of the oldest outbox event not yet published (0 when none)',
  labelNames: ['schema'],
  registers: [metricsRegistry],
  async collect() {
    for (const [schema, backlog] of await collectBacklogs()) this.set({ schema }, backlog.oldestSeconds);
  },
});

/**
 * The outbox's backlog, read when metrics are scraped: events not yet published (nor parked), and how long the oldest
 * has waited. One statement over the pending index.
 */
export function registerOutboxMetrics(db: Kysely<any>, schema: string): void {
  outboxes.set(schema, async () => {
    const { rows } = await sql<{ pending: number; oldest_seconds: number | null }>`
      SELECT count(*)::int AS pending, extract(epoch FROM now() - min(created_at))::float8 AS oldest_seconds
      FROM ${sql.table(`${schema}.outbox`)} WHERE published_at IS NULL AND parked_at IS NULL`.execute(db);
    return { pending: rows[0]?.pending ?? 0, oldestSeconds: rows[0]?.oldest_seconds ?? 0 };
  });
}

/** When a relay stops, its outbox is no longer reported by this process. */
export function unregisterOutboxMetrics(schema: string): void {
  outboxes.delete(schema);
}
