import { type Kysely, sql } from 'kysely';

/**
 * What the query API keeps: results per (project, cache key) with what decides their freshness; the statements
 * running now (so cancel reaches them from any replica) and recent cancel requests (so a query whose statements had
 * not started yet is cancelled too); the status of asynchronous queries; and, per project and UTC day, when events
 * of that day were last ingested (a cached result of a past range is recomputed when its days received events).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE insights.query_result (
      project_id integer NOT NULL,
      cache_key text NOT NULL,
      response jsonb NOT NULL,
      last_refresh timestamptz NOT NULL,
      target_age_seconds integer,
      lazy_target_age_seconds integer,
      refresh_frequency_seconds integer NOT NULL,
      period_from timestamptz NOT NULL,
      period_to timestamptz NOT NULL,
      PRIMARY KEY (project_id, cache_key)
    )`.execute(db);
  await sql`
    CREATE TABLE insights.running_query (
      backend_pid integer PRIMARY KEY,
      project_id integer NOT NULL,
      client_query_id text NOT NULL,
      started_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX running_query_client_idx ON insights.running_query (project_id, client_query_id)`.execute(db);
  await sql`
    CREATE TABLE insights.cancel_request (
      project_id integer NOT NULL,
      client_query_id text NOT NULL,
      requested_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX cancel_request_client_idx ON insights.cancel_request (project_id, client_query_id, requested_at)`.execute(
    db,
  );
  await sql`
    CREATE TABLE insights.query_status (
      project_id integer NOT NULL,
      id text NOT NULL,
      status jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (project_id, id)
    )`.execute(db);
  await sql`
    CREATE TABLE insights.event_day_change (
      project_id integer NOT NULL,
      day date NOT NULL,
      changed_at timestamptz NOT NULL,
      PRIMARY KEY (project_id, day)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE insights.event_day_change, insights.query_status, insights.cancel_request,
    insights.running_query, insights.query_result`.execute(db);
}
