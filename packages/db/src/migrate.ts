import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';

export type MigrationList = Record<string, Migration>;

class StaticMigrationProvider implements MigrationProvider {
  constructor(private readonly migrations: MigrationList) {}
  async getMigrations(): Promise<MigrationList> {
    return this.migrations;
  }
}

/** Applies a service's pending migrations inside its own schema, tracked in its own migration table. */
export async function migrateToLatest(db: Kysely<any>, schema: string, migrations: MigrationList): Promise<string[]> {
  // Replicas starting together on an empty database would race creating the schema and kysely's own tables;
  // a session advisory lock per schema makes them take turns.
  return db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(hashtext(${`migrate:${schema}`}))`.execute(connection);
    try {
      return await migrateLocked(connection, schema, migrations);
    } finally {
      await sql`SELECT pg_advisory_unlock(hashtext(${`migrate:${schema}`}))`.execute(connection);
    }
  });
}

async function migrateLocked(db: Kysely<any>, schema: string, migrations: MigrationList): Promise<string[]> {
  await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
  const migrator = new Migrator({
    db,
    provider: new StaticMigrationProvider(migrations),
    migrationTableSchema: schema,
    migrationTableName: 'kysely_migration',
    migrationLockTableName: 'kysely_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
