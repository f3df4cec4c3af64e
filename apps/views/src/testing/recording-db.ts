import { createPool } from '@insights/db';
import { Kysely, PostgresDialect } from 'kysely';

/** A Kysely that records the SQL of every statement it sends, failed ones included, in `statements`. */
export function createRecordingDb<Database>(options: {
  connectionString: string;
  applicationName: string;
  statements: string[];
}): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: createPool({ connectionString: options.connectionString, applicationName: options.applicationName }),
    }),
    log(event) {
      options.statements.push(event.query.sql);
    },
  });
}
