import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE auth.organization (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      slug text NOT NULL UNIQUE,
      is_ai_data_processing_approved boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE auth.project (
      id serial PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE,
      organization_id uuid NOT NULL REFERENCES auth.organization(id),
      name text NOT NULL,
      api_token text NOT NULL UNIQUE,
      timezone text NOT NULL DEFAULT 'UTC',
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE auth."user" (
      id serial PRIMARY KEY,
      uuid uuid NOT NULL UNIQUE,
      distinct_id text NOT NULL UNIQUE,
      email text NOT NULL UNIQUE,
      first_name text NOT NULL DEFAULT '',
      last_name text NOT NULL DEFAULT '',
      is_email_verified boolean NOT NULL DEFAULT false,
      is_active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE auth.membership (
      project_id integer NOT NULL REFERENCES auth.project(id),
      user_id integer NOT NULL REFERENCES auth."user"(id),
      level text NOT NULL CHECK (level IN ('viewer','editor','manager')),
      joined_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (project_id, user_id)
    )`.execute(db);
  await sql`CREATE INDEX membership_user_idx ON auth.membership (user_id, joined_at)`.execute(db);
  await sql`
    CREATE TABLE auth.personal_api_key (
      id uuid PRIMARY KEY,
      user_id integer NOT NULL REFERENCES auth."user"(id),
      label text NOT NULL DEFAULT '',
      secure_value text NOT NULL UNIQUE,
      mask_value text NOT NULL,
      scopes text[] NOT NULL,
      scoped_teams integer[],
      scoped_organizations uuid[],
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE auth.personal_api_key, auth.membership, auth."user", auth.project, auth.organization`.execute(
    db,
  );
}
