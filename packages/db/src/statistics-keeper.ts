import { type Kysely, sql } from 'kysely';

export interface StatisticsKeeper {
  stop(): Promise<void>;
}

interface TableActivity {
  table: string;
  live: number;
  dead: number;
  modified: number;
  analyzed: boolean;
}

/** autovacuum's default thresholds: base rows plus a fraction of the table. */
const ANALYZE_BASE = 50;
const ANALYZE_FRACTION = 0.1;
const VACUUM_BASE = 50;
const VACUUM_FRACTION = 0.2;

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Keeps the planner's statistics of one schema's tables current when the server's autovacuum is off (an operator's
 * choice, or a test machine's): without them PostgreSQL takes a table it never analysed for nearly empty, and plans a
 * primary-key lookup as a scan of the whole project. Every `intervalMs`, the tables that autovacuum would have
 * vacuumed or analysed (its default thresholds) are. Does nothing where autovacuum runs. Failures are reported and
 * retried on the next round; they never stop the service.
 */
export function startStatisticsKeeper(options: {
  db: Kysely<any>;
  schema: string;
  intervalMs?: number;
  onError?: (error: unknown) => void;
  /** Keep them even where autovacuum runs (tests, whose server's setting is not theirs to choose). */
  evenWithAutovacuum?: boolean;
}): StatisticsKeeper {
  const intervalMs = options.intervalMs ?? 10_000;
  let stopped = false;
  let round: Promise<void> = Promise.resolve();

  const tablesDue = async (): Promise<{ table: string; vacuum: boolean }[]> => {
    const { rows } = await sql<TableActivity>`
      SELECT relname AS table, n_live_tup AS live, n_dead_tup AS dead, n_mod_since_analyze AS modified,
             (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL) AS analyzed
      FROM pg_stat_user_tables WHERE schemaname = ${options.schema}`.execute(options.db);
    return rows
      .map((row) => ({
        table: row.table,
        vacuum: Number(row.dead) > VACUUM_BASE + VACUUM_FRACTION * Number(row.live),
        analyze:
          Number(row.modified) > ANALYZE_BASE + ANALYZE_FRACTION * Number(row.live) ||
          (!row.analyzed && Number(row.modified) > 0),
      }))
      .filter((due) => due.vacuum || due.analyze);
  };

  const keep = async () => {
    for (const { table, vacuum } of await tablesDue()) {
      if (stopped) return;
      const name = sql.raw(`${quoteIdentifier(options.schema)}.${quoteIdentifier(table)}`);
      await (vacuum ? sql`VACUUM (ANALYZE) ${name}` : sql`ANALYZE ${name}`).execute(options.db);
    }
  };

  const timer = setInterval(() => {
    round = round.then(keep).catch((error: unknown) => options.onError?.(error));
  }, intervalMs);
  timer.unref();
  const autovacuum = sql<{ autovacuum: string }>`SHOW autovacuum`.execute(options.db).then(
    ({ rows }) => {
      if (rows[0]?.autovacuum === 'on' && !options.evenWithAutovacuum) clearInterval(timer);
    },
    () => undefined,
  );

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await autovacuum;
      await round;
    },
  };
}
