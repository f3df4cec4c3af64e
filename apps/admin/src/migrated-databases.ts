import { createDb, type MigrationList, migrateToLatest } from '@insights/db';
import type { Kysely } from 'kysely';

export interface ServiceSchema {
  schema: string;
  migrations: MigrationList;
}

/**
 * Connections opened on first use, each only after its schema's pending migrations are applied, so every command
 * works on an empty database and touches no schema it does not need.
 */
export class MigratedDatabases {
  private readonly opened = new Map<string, Promise<{ db: Kysely<any>; applied: string[] }>>();
  private readonly connections: Kysely<any>[] = [];

  /** The database at `url` with `service.schema` migrated, and the names of the migrations this call applied. */
  open(url: string, service: ServiceSchema): Promise<{ db: Kysely<any>; applied: string[] }> {
    const key = `${service.schema}\u0000${url}`;
    let opening = this.opened.get(key);
    if (!opening) {
      const db = createDb<any>({ connectionString: url, maxConnections: 2, applicationName: 'insights-admin' });
      this.connections.push(db);
      opening = migrateToLatest(db, service.schema, service.migrations).then((applied) => ({ db, applied }));
      this.opened.set(key, opening);
    }
    return opening;
  }

  async destroy(): Promise<void> {
    await Promise.allSettled(this.connections.map((db) => db.destroy()));
  }
}
