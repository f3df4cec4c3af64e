import { type Kysely, sql } from 'kysely';

/** What queries need of a project besides its timezone: its week start and its test-account filters. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE auth.project
    ADD COLUMN week_start_day smallint NOT NULL DEFAULT 0 CHECK (week_start_day IN (0, 1)),
    ADD COLUMN test_account_filters jsonb NOT NULL DEFAULT '[]'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE auth.project DROP COLUMN week_start_day, DROP COLUMN test_account_filters`.execute(db);
}
