import pg from 'pg';

/** One statement's share of a measured run, from pg_stat_statements. */
export interface StatementFigure {
  query: string;
  calls: number;
  execMs: number;
}

interface Counters {
  query: string;
  calls: number;
  execMs: number;
}

export interface StatementStats {
  /** The statements of the bench's database run since the last reading, busiest first. */
  since(before: Map<string, Counters>): Promise<StatementFigure[]>;
  read(): Promise<Map<string, Counters>>;
  close(): Promise<void>;
}

/**
 * PostgreSQL's own account of the statements a run executed (pg_stat_statements), for the bench's database; null,
 * with the reason, when the extension is not loaded (it needs `shared_preload_libraries`).
 */
export async function connectStatementStats(
  databaseUrl: string,
): Promise<{ stats: StatementStats; missing: null } | { stats: null; missing: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await client.query('SELECT 1 FROM pg_stat_statements LIMIT 1');
  } catch (error) {
    await client.end();
    return { stats: null, missing: (error as Error).message };
  }
  const read = async () => {
    const { rows } = await client.query<{ id: string; query: string; calls: string; exec_ms: number }>(
      `SELECT queryid::text AS id, query, calls, total_exec_time AS exec_ms FROM pg_stat_statements
       WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND query NOT LIKE '%pg_stat_statements%'`,
    );
    return new Map(rows.map((row) => [row.id, { query: row.query, calls: Number(row.calls), execMs: row.exec_ms }]));
  };
  return {
    missing: null,
    stats: {
      read,
      async since(before) {
        const figures: StatementFigure[] = [];
        for (const [id, now] of await read()) {
          const then = before.get(id);
          const calls = now.calls - (then?.calls ?? 0);
          if (calls > 0) figures.push({ query: now.query, calls, execMs: now.execMs - (then?.execMs ?? 0) });
        }
        return figures.sort((a, b) => b.execMs - a.execMs);
      },
      close: () => client.end(),
    },
  };
}
