import { createOutboxTable } from '@insights/transport';
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE insights.insight (
      id serial PRIMARY KEY,
      project_id integer NOT NULL,
      short_id varchar(12) NOT NULL,
      name varchar(400),
      derived_name varchar(400),
      description varchar(400),
      filters jsonb NOT NULL DEFAULT '{}',
      query jsonb,
      "order" integer,
      deleted boolean NOT NULL DEFAULT false,
      saved boolean NOT NULL DEFAULT true,
      favorited boolean NOT NULL DEFAULT false,
      is_sample boolean NOT NULL DEFAULT false,
      dashboards integer[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by integer,
      last_modified_at timestamptz NOT NULL DEFAULT now(),
      last_modified_by integer,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT insight_project_short_id_unique UNIQUE (project_id, short_id)
    )`.execute(db);
  await sql`CREATE INDEX insight_project_list_idx ON insights.insight (project_id, last_modified_at DESC, id DESC) WHERE NOT deleted`.execute(
    db,
  );
  await sql`CREATE INDEX insight_project_created_by_idx ON insights.insight (project_id, created_by) WHERE NOT deleted`.execute(
    db,
  );
  await sql`
    CREATE TABLE insights.object_access (
      project_id integer NOT NULL,
      insight_id integer NOT NULL REFERENCES insights.insight(id),
      user_id integer NOT NULL,
      level text NOT NULL CHECK (level IN ('none','viewer','editor','manager')),
      PRIMARY KEY (insight_id, user_id)
    )`.execute(db);
  await sql`CREATE INDEX object_access_user_idx ON insights.object_access (project_id, user_id)`.execute(db);
  await sql`
    CREATE TABLE insights.user_profile (
      id integer PRIMARY KEY,
      uuid uuid NOT NULL,
      distinct_id text NOT NULL,
      first_name text NOT NULL,
      last_name text NOT NULL,
      email text NOT NULL,
      is_email_verified boolean NOT NULL
    )`.execute(db);
  await createOutboxTable(db, 'insights');
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE insights.outbox, insights.user_profile, insights.object_access, insights.insight`.execute(db);
}
