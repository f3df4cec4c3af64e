/**
 * The whole database state of the system, cheap enough to take after every few requests: one statement answers a
 * row count and an md5 of all rows of every table in the services' schemas. Tables are found at start from the
 * catalog, so a table a later migration adds is covered without a change here.
 *
 * Left out (found by reading `apps/*\/src/db/migrations/` and what writes each column):
 * - `auth.personal_api_key.last_used_at`: bumped when a key authenticates (at most hourly), on reads and refusals alike;
 * - `<schema>.outbox.published_at`: set by the relay after the commit; the outbox rows themselves are compared, so a
 *   refused request that wrote an event is still caught the moment it commits;
 * - `<schema>.kysely_migration` and `kysely_migration_lock`: the migrator's own bookkeeping, written at start only.
 */
import pg from 'pg';

export const SNAPSHOT_SCHEMAS = ['insights', 'tagging', 'views', 'activity', 'auth'] as const;

const EXCLUDED_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);
const EXCLUDED_COLUMNS: Record<string, readonly string[]> = {
  'auth.personal_api_key': ['last_used_at'],
  outbox: ['published_at'],
};
const UNPUBLISHED = '~unpublished events';

export interface TableState {
  rows: number;
  md5: string;
}

export interface Snapshot {
  tables: Map<string, TableState>;
  /** Per consumer (`views.processed_event`), the events written to an outbox that it has not handled. */
  gaps: Map<string, number>;
  /**
   * Every outbox event is published and every consumer has handled every event, but those it can only get again by
   * JetStream's redelivery after a crash (see `StateSnapshotter.afterCrash`).
   */
  settled: boolean;
}

export interface TableDiff {
  table: string;
  before: TableState | undefined;
  after: TableState | undefined;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export class StateSnapshotter {
  /** Per consumer, events a crashed process had received and not acknowledged: redelivered after the ack wait. */
  private readonly awaitingRedelivery = new Map<string, number>();

  private constructor(
    private readonly client: pg.Client,
    private readonly tableSelects: Map<string, string>,
    private readonly statement: string,
  ) {}

  static async connect(databaseUrl: string): Promise<StateSnapshotter> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ table_schema: string; table_name: string; column_name: string }>(
      `SELECT c.table_schema, c.table_name, c.column_name
         FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = ANY($1) AND t.table_type = 'BASE TABLE'
        ORDER BY c.table_schema, c.table_name, c.ordinal_position`,
      [SNAPSHOT_SCHEMAS],
    );
    const columns = new Map<string, string[]>();
    for (const row of rows) {
      if (EXCLUDED_TABLES.has(row.table_name)) continue;
      const table = `${row.table_schema}.${row.table_name}`;
      const excluded = [...(EXCLUDED_COLUMNS[table] ?? []), ...(EXCLUDED_COLUMNS[row.table_name] ?? [])];
      if (excluded.includes(row.column_name)) continue;
      columns.set(table, [...(columns.get(table) ?? []), row.column_name]);
    }
    const tableSelects = new Map(
      [...columns].map(([table, names]) => {
        const [schema = '', name = ''] = table.split('.');
        return [table, `SELECT ${names.map(quote).join(', ')} FROM ${quote(schema)}.${quote(name)}`];
      }),
    );
    const parts = [...tableSelects].map(
      ([table, select]) =>
        `SELECT '${table}' AS t, count(*)::bigint AS n,
                coalesce(md5(string_agg(r::text, E'\\n' ORDER BY r::text COLLATE "C")), '') AS h
           FROM (${select}) r`,
    );
    const outboxes = [...tableSelects.keys()].filter((table) => table.endsWith('.outbox'));
    for (const outbox of outboxes) {
      const [schema = '', name = ''] = outbox.split('.');
      parts.push(
        `SELECT '${UNPUBLISHED}', count(*)::bigint, '' FROM ${quote(schema)}.${quote(name)} WHERE published_at IS NULL`,
      );
    }
    return new StateSnapshotter(client, tableSelects, parts.join('\nUNION ALL\n'));
  }

  get tableNames(): string[] {
    return [...this.tableSelects.keys()];
  }

  async take(): Promise<Snapshot> {
    const { rows } = await this.client.query<{ t: string; n: string; h: string }>(this.statement);
    const tables = new Map<string, TableState>();
    let unpublished = 0;
    for (const row of rows) {
      if (row.t === UNPUBLISHED) unpublished += Number(row.n);
      else tables.set(row.t, { rows: Number(row.n), md5: row.h });
    }
    const gaps = this.handlingGaps(tables);
    for (const [consumer, gap] of gaps) {
      // Redelivered (some of) what it was waiting for.
      if (gap < (this.awaitingRedelivery.get(consumer) ?? 0)) this.awaitingRedelivery.set(consumer, gap);
    }
    const settled =
      unpublished === 0 && [...gaps].every(([consumer, gap]) => gap <= (this.awaitingRedelivery.get(consumer) ?? 0));
    return { tables, gaps, settled };
  }

  /** Events still awaiting redelivery, per consumer. */
  get pendingRedelivery(): Map<string, number> {
    return new Map([...this.awaitingRedelivery].filter(([, count]) => count > 0));
  }

  /**
   * After a process crashed and was started again: waits until the consumers stop moving, and takes what they still
   * lack as awaiting redelivery, so that later snapshots can settle meanwhile.
   */
  async afterCrash(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = await this.take();
    let stableSince = Date.now();
    while (Date.now() < deadline && Date.now() - stableSince < 500) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const next = await this.take();
      if (diffSnapshots(last, next).length > 0) stableSince = Date.now();
      last = next;
    }
    for (const [consumer, gap] of last.gaps) if (gap > 0) this.awaitingRedelivery.set(consumer, gap);
  }

  private handlingGaps(tables: Map<string, TableState>): Map<string, number> {
    const events = [...tables].filter(([table]) => table.endsWith('.outbox')).reduce((sum, [, s]) => sum + s.rows, 0);
    return new Map(
      [...tables]
        // The consumers of the domain events; a producer's own processed_event (ingestion's) counts something else.
        .filter(
          ([table]) => table.endsWith('.processed_event') && !tables.has(table.replace(/processed_event$/, 'outbox')),
        )
        .map(([table, state]) => [table, events - state.rows]),
    );
  }

  /**
   * A snapshot once the event consumers have caught up (every event published and handled by every consumer),
   * polled for at most `timeoutMs`; `settled` is false in the answer when they had not caught up by then, and such a
   * snapshot cannot be compared exactly.
   */
  async settled(timeoutMs = 2_000): Promise<Snapshot> {
    const deadline = Date.now() + timeoutMs;
    let last = await this.take();
    while (!last.settled && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      last = await this.take();
    }
    return last;
  }

  /** Every row of these tables as text, sorted: for showing what a violation changed. */
  async dump(tables: readonly string[]): Promise<Map<string, string[]>> {
    const dumped = new Map<string, string[]>();
    for (const table of tables) {
      const select = this.tableSelects.get(table);
      if (!select) continue;
      const { rows } = await this.client.query<{ r: string }>(
        `SELECT t::text AS r FROM (${select}) t ORDER BY t::text COLLATE "C"`,
      );
      dumped.set(
        table,
        rows.map((row) => row.r),
      );
    }
    return dumped;
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

export function diffSnapshots(before: Snapshot, after: Snapshot): TableDiff[] {
  const names = new Set([...before.tables.keys(), ...after.tables.keys()]);
  return [...names]
    .filter((table) => {
      const a = before.tables.get(table);
      const b = after.tables.get(table);
      return a?.rows !== b?.rows || a?.md5 !== b?.md5;
    })
    .map((table) => ({ table, before: before.tables.get(table), after: after.tables.get(table) }));
}

/** Rows added and removed in each dumped table, a few of each. */
export function describeRowChanges(before: Map<string, string[]>, after: Map<string, string[]>, limit = 4): string[] {
  const lines: string[] = [];
  for (const [table, rowsAfter] of after) {
    const rowsBefore = new Set(before.get(table) ?? []);
    const afterSet = new Set(rowsAfter);
    const added = rowsAfter.filter((row) => !rowsBefore.has(row));
    const removed = [...rowsBefore].filter((row) => !afterSet.has(row));
    const clip = (row: string) => (row.length > 300 ? `${row.slice(0, 300)}…` : row);
    for (const row of added.slice(0, limit)) lines.push(`${table} + ${clip(row)}`);
    for (const row of removed.slice(0, limit)) lines.push(`${table} - ${clip(row)}`);
    const more = added.length + removed.length - Math.min(added.length, limit) - Math.min(removed.length, limit);
    if (more > 0) lines.push(`${table}: ${more} more changed rows`);
  }
  return lines;
}
