import { createAnalyst } from '@insights/analyst';
import { createPool } from '@insights/db';
import {
  createJetStreamPublisher,
  ensureEventStream,
  ensureIngestStream,
  runServiceMain,
  startOutboxRelay,
  startServiceConsumer,
} from '@insights/transport';
import { INSIGHTS_SCHEMA } from './db/database.js';
import { insightsMigrations } from './db/migrations/index.js';
import { readInsightsEnv } from './env.js';
import { ingestConsumer } from './ingest/ingest-consumer.js';
import { QUERY_SESSION_SETTINGS } from './queries/query-session-settings.js';
import { IDLE_QUERY_SESSION } from './queries/running-queries.js';
import { createInsightsService, INSIGHTS_SERVICE } from './service.js';

await runServiceMain({
  service: INSIGHTS_SERVICE,
  schema: INSIGHTS_SCHEMA,
  migrations: insightsMigrations,
  env: readInsightsEnv(),
  build: async ({ db, connection, env, log }) => {
    await ensureEventStream(connection.nc, env.natsPrefix, env.eventsMaxAgeMs);
    await ensureIngestStream(connection.nc, env.natsPrefix, env.eventsMaxAgeMs);
    const ingestion = await startServiceConsumer(ingestConsumer, { nc: connection.nc, db, env, log });
    const relay = await startOutboxRelay({
      db,
      databaseUrl: env.databaseUrl,
      schema: INSIGHTS_SCHEMA,
      publish: createJetStreamPublisher({ nc: connection.nc, prefix: env.natsPrefix }),
      log,
    });
    const queryPool = createPool({
      connectionString: env.databaseUrl,
      maxConnections: env.queryPoolSize,
      applicationName: IDLE_QUERY_SESSION,
      statementTimeoutMs: env.queryTimeoutMs,
      sessionSettings: QUERY_SESSION_SETTINGS,
    });
    return {
      ...createInsightsService(db, { queryPool, analyst: createAnalyst({ llm: env.llm, log }) }),
      onStop: async () => {
        await ingestion.stop();
        await relay.stop();
        await queryPool.end();
      },
    };
  },
});
