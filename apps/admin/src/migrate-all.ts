import { ACTIVITY_SCHEMA, activityMigrations } from '@insights/activity';
import { AUTH_SCHEMA, gatewayMigrations } from '@insights/gateway/admin';
import { INSIGHTS_SCHEMA, insightsMigrations } from '@insights/insights';
import { TAGGING_SCHEMA, taggingMigrations } from '@insights/tagging';
import { VIEWS_SCHEMA, viewsMigrations } from '@insights/views';
import { readAdminEnv, type ServiceName } from './env.js';
import { describeFailure } from './failure.js';
import { MigratedDatabases, type ServiceSchema } from './migrated-databases.js';

const SERVICE_SCHEMAS: Readonly<Record<ServiceName, ServiceSchema>> = {
  gateway: { schema: AUTH_SCHEMA, migrations: gatewayMigrations },
  insights: { schema: INSIGHTS_SCHEMA, migrations: insightsMigrations },
  tagging: { schema: TAGGING_SCHEMA, migrations: taggingMigrations },
  views: { schema: VIEWS_SCHEMA, migrations: viewsMigrations },
  activity: { schema: ACTIVITY_SCHEMA, migrations: activityMigrations },
};

/** `pnpm migrate`: every service's pending migrations, without starting anything; prints what each schema applied. */
async function migrateAll(): Promise<number> {
  const databases = new MigratedDatabases();
  try {
    const env = readAdminEnv();
    const applied: Record<string, string[]> = {};
    // One schema after the other: a failure names the schema it stopped at, and the others stay untouched.
    for (const [service, schema] of Object.entries(SERVICE_SCHEMAS) as [ServiceName, ServiceSchema][]) {
      try {
        applied[schema.schema] = (await databases.open(env.databaseUrls[service], schema)).applied;
      } catch (error) {
        throw new Error(`migrating ${schema.schema}: ${describeFailure(error).message}`);
      }
    }
    process.stdout.write(`${JSON.stringify({ applied })}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${describeFailure(error).message}\n`);
    return 1;
  } finally {
    await databases.destroy();
  }
}

process.exitCode = await migrateAll();
