import { randomBytes } from 'node:crypto';
import { createPool } from '@insights/db';
import { createInsightsService, INSIGHTS_SCHEMA, insightsMigrations } from '@insights/insights';
import type { InsightsRouter } from '@insights/insights/router';
import { signPrincipal } from '@insights/scope-auth';
import { contextFactory, createLogger, inProcessLink, type RpcCallMeta } from '@insights/transport';
import { createTRPCClient, type TRPCClient } from '@trpc/client';
import type { AnyTRPCRouter } from '@trpc/server';
import type { Kysely } from 'kysely';
import type { ViewsDatabase } from '../db/database.js';
import type { ViewerProfile } from '../model/user-profile.js';
import type { ViewsRouter } from '../router.js';
import { createViewsService } from '../service.js';
import { createRecordingDb } from './recording-db.js';
import { startViewsDatabase } from './views-system.js';

/**
 * Test support, never part of the build: insights and views in this process (as single-process mode joins
 * them), on a throwaway database, each service on a Kysely of its own that records every statement it sends, so a
 * test can count the statements one call costs each service.
 */

const log = createLogger('views-statements-test', 'silent');

export type ServiceStatements = Record<'insights' | 'views', string[]>;

export interface StatementCountingSystem {
  /** The test's own connection, for fixtures and checks; its statements are not recorded. */
  db: Kysely<ViewsDatabase>;
  insights: TRPCClient<InsightsRouter>;
  views: TRPCClient<ViewsRouter>;
  /** Call options carrying a signed principal of `user` in `projectId`, editor with every scope. */
  as(user: ViewerProfile, projectId: number): { context: RpcCallMeta };
  /** Runs `call` and answers its result with the statements each service sent meanwhile. */
  recording<T>(call: () => Promise<T>): Promise<{ result: T; sent: ServiceStatements }>;
  stop(): Promise<void>;
}

export async function startStatementCountingSystem(): Promise<StatementCountingSystem> {
  const { database, db, stop: stopDatabase } = await startViewsDatabase([[INSIGHTS_SCHEMA, insightsMigrations]]);
  const principalSecret = randomBytes(32).toString('hex');
  const statements: ServiceStatements = { insights: [], views: [] };
  const serviceDbs: Kysely<any>[] = [];
  const serviceDb = (service: keyof ServiceStatements) => {
    const recording = createRecordingDb<any>({
      connectionString: database.url,
      applicationName: service,
      statements: statements[service],
    });
    serviceDbs.push(recording);
    return recording;
  };
  const clientOf = <Router extends AnyTRPCRouter>(service: { router: AnyTRPCRouter; deps: unknown }) =>
    createTRPCClient<Router>({
      links: [
        inProcessLink({
          router: service.router,
          createContext: contextFactory({ deps: service.deps, principalSecret, log }),
        }),
      ],
    });

  const queryPool = createPool({ connectionString: database.url, maxConnections: 1 });
  const insights = clientOf<InsightsRouter>(createInsightsService(serviceDb('insights'), { queryPool }));
  const views = clientOf<ViewsRouter>(createViewsService(serviceDb('views'), insights));

  return {
    db,
    insights,
    views,
    as(user, projectId) {
      const principalToken = signPrincipal(
        { user, projectId, organizationId: null, projectLevel: 'editor', scopes: ['*'], client: null },
        principalSecret,
        10 * 60_000,
      );
      return { context: { principalToken } };
    },
    async recording(call) {
      const from = { insights: statements.insights.length, views: statements.views.length };
      const result = await call();
      return {
        result,
        sent: {
          insights: statements.insights.slice(from.insights),
          views: statements.views.slice(from.views),
        },
      };
    },
    async stop() {
      for (const recording of serviceDbs) await recording.destroy();
      await queryPool.end();
      await stopDatabase();
    },
  };
}
