import { type Kysely, sql } from 'kysely';

/**
 * `insights.running_query` is gone: cancel reaches a running query through the session name it runs under
 * (`application_name`, read from `pg_stat_activity`), so no replica has written or read this table since then.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS insights.running_query`.execute(db);
}

// The table exactly as 0006 created it: a migration is a frozen step of history, so it repeats that DDL rather than
// sharing code that could later change under it.
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE insights.running_query (
      backend_pid integer PRIMARY KEY,
      project_id integer NOT NULL,
      client_query_id text NOT NULL,
      started_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX running_query_client_idx ON insights.running_query (project_id, client_query_id)`.execute(db);
}
