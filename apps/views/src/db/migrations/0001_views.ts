import { createProcessedEventsTable } from '@insights/transport';
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE views.insight_viewed (
      project_id integer NOT NULL,
      user_id integer NOT NULL,
      insight_id integer NOT NULL,
      last_viewed_at timestamptz NOT NULL,
      PRIMARY KEY (project_id, user_id, insight_id)
    )`.execute(db);
  // my_last_viewed: one user's views in a project, newest first.
  await sql`
    CREATE INDEX insight_viewed_user_recent_idx
      ON views.insight_viewed (project_id, user_id, last_viewed_at DESC, insight_id DESC)`.execute(db);
  // trending: the views of a project inside the window, counted per insight without visiting the table.
  await sql`
    CREATE INDEX insight_viewed_project_recent_idx
      ON views.insight_viewed (project_id, last_viewed_at DESC) INCLUDE (insight_id)`.execute(db);
  // trending, per insight of the page: its latest view and its most recent viewers.
  await sql`
    CREATE INDEX insight_viewed_insight_recent_idx
      ON views.insight_viewed (project_id, insight_id, last_viewed_at DESC) INCLUDE (user_id)`.execute(db);
  await sql`
    CREATE TABLE views.insight_state (
      project_id integer NOT NULL,
      insight_id integer NOT NULL,
      deleted boolean NOT NULL,
      last_modified_at timestamptz NOT NULL,
      event_at timestamptz NOT NULL,
      PRIMARY KEY (project_id, insight_id)
    )`.execute(db);
  await sql`
    CREATE TABLE views.user_profile (
      id integer PRIMARY KEY,
      uuid uuid NOT NULL,
      distinct_id text NOT NULL,
      first_name text NOT NULL,
      last_name text NOT NULL,
      email text NOT NULL,
      is_email_verified boolean NOT NULL
    )`.execute(db);
  await createProcessedEventsTable(db, 'views');
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE views.processed_event, views.user_profile, views.insight_state, views.insight_viewed`.execute(
    db,
  );
}
