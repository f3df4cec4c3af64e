import { randomBytes, randomUUID } from 'node:crypto';
import { BULK_UPDATE_TAGS_SKIP_REASON, type BulkUpdateTagsResponse } from '@insights/contracts';
import { createDb, createPool, migrateToLatest } from '@insights/db';
import { createTestDatabase, type TestDatabase } from '@insights/db/testing';
import { type PrincipalUser, signPrincipal } from '@insights/scope-auth';
import { contextFactory, createLogger, inProcessLink, type RpcCallMeta } from '@insights/transport';
import { createTRPCClient, type TRPCClient } from '@trpc/client';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSIGHTS_SCHEMA } from '../db/database.js';
import { insightsMigrations } from '../db/migrations/index.js';
import type { InsightsRouter } from '../router.js';
import { createInsightsService } from '../service.js';

/**
 * Set-based SQL (issue 3): one bulk_update_tags request does a constant number of statements whatever the number of
 * ids and tags. Insights runs in this process on a Kysely that records every statement it sends to the real database,
 * so the count covers the whole request (tagging follows later, from the events).
 */

const log = createLogger('bulk-update-tags-test', 'silent');
const principalSecret = randomBytes(32).toString('hex');
const editor: PrincipalUser = {
  id: 4_201,
  uuid: randomUUID(),
  distinct_id: 'distinct-4201',
  first_name: 'Editor',
  last_name: 'Tester',
  email: 'editor-4201@example.com',
  is_email_verified: false,
};
/** Far above any id the insight sequence of a throwaway database hands out. */
const UNKNOWN_IDS = [900_001, 900_002, 900_003, 900_004, 900_005];

let database: TestDatabase;
let adminDb: Kysely<any>;
let queryPool: ReturnType<typeof createPool>;
const serviceDbs: Kysely<any>[] = [];
const statements: string[] = [];
let insights: TRPCClient<InsightsRouter>;
let nextProjectId = 1;

/** A service's own Kysely, recording the SQL of every statement it sends (failed ones included). */
function recordingDb(applicationName: string, sent: string[]): Kysely<any> {
  const db = new Kysely<any>({
    dialect: new PostgresDialect({ pool: createPool({ connectionString: database.url, applicationName }) }),
    log(event) {
      sent.push(event.query.sql);
    },
  });
  serviceDbs.push(db);
  return db;
}

beforeAll(async () => {
  database = await createTestDatabase();
  adminDb = createDb<any>({ connectionString: database.url, applicationName: 'bulk-update-tags-test' });
  await migrateToLatest(adminDb, INSIGHTS_SCHEMA, insightsMigrations);

  queryPool = createPool({ connectionString: database.url, maxConnections: 1 });
  const insightsService = createInsightsService(recordingDb('insights', statements), { queryPool });
  insights = createTRPCClient<InsightsRouter>({
    links: [
      inProcessLink({
        router: insightsService.router,
        createContext: contextFactory({ ...insightsService, principalSecret, log }),
      }),
    ],
  });
});

afterAll(async () => {
  for (const db of serviceDbs) await db.destroy();
  await queryPool?.end();
  await adminDb?.destroy();
  await database?.drop();
});

/** Call options carrying a signed principal of the editor, with every scope, in `projectId`. */
function asEditor(projectId: number): { context: RpcCallMeta } {
  const principalToken = signPrincipal(
    { user: editor, projectId, organizationId: null, projectLevel: 'editor', scopes: ['*'], client: null },
    principalSecret,
    10 * 60_000,
  );
  return { context: { principalToken } };
}

async function createInsights(projectId: number, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let n = 0; n < count; n++) {
    const insight = await insights.create.mutate({ name: `Insight ${n}` }, asEditor(projectId));
    ids.push(insight.id);
  }
  return ids;
}

interface BulkRun {
  projectId: number;
  insightIds: number[];
  tags: string[];
  answer: BulkUpdateTagsResponse;
  sent: string[];
}

/** Adds `tagCount` tags to `insightCount` fresh untagged insights (plus `unknownIds`) in one request of a new project. */
async function addTagsInBulk(insightCount: number, tagCount: number, unknownIds: number[] = []): Promise<BulkRun> {
  const projectId = nextProjectId++;
  const insightIds = await createInsights(projectId, insightCount);
  const tags = Array.from({ length: tagCount }, (_, n) => `tag-${String(n).padStart(3, '0')}`);
  const from = statements.length;
  const answer = await insights.bulkUpdateTags.mutate(
    { ids: [...insightIds, ...unknownIds], action: 'add', tags },
    asEditor(projectId),
  );
  const sent = statements.slice(from);
  return { projectId, insightIds, tags, answer, sent };
}

/** The statements a run sent, with the rows of a multi-row VALUES list (one per event) folded into one. */
function statementShapes(run: BulkRun): string[] {
  const shape = (statement: string) =>
    statement
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/ values \(.*$/, ' values (…)');
  return run.sent.map(shape);
}

async function updatedEventsByInsight(projectId: number): Promise<Map<number, { tags: string[] }[]>> {
  const rows = await adminDb
    .selectFrom('insights.outbox')
    .select('event')
    .where('type', '=', 'insight.updated')
    .where(sql`(event->>'projectId')::int`, '=', projectId)
    .execute();
  const byInsight = new Map<number, { tags: string[] }[]>();
  for (const { event } of rows) {
    const snapshots = byInsight.get(event.insightId) ?? [];
    snapshots.push({ tags: event.after.tags });
    byInsight.set(event.insightId, snapshots);
  }
  return byInsight;
}

describe('bulkUpdateTags with 5 ids × 2 tags and with 200 ids × 20 tags plus unknown ids', () => {
  let small: BulkRun;
  let large: BulkRun;

  beforeAll(async () => {
    small = await addTagsInBulk(5, 2);
    large = await addTagsInBulk(200, 20, UNKNOWN_IDS);
  });

  it('sends the same number of statements for both, whatever the number of ids and tags', () => {
    expect(large.sent.length).toEqual(small.sent.length);
  });

  it('sends the same statements for both, one multi-row insert standing for all the events', () => {
    expect(statementShapes(large)).toEqual(statementShapes(small));
  });

  it('answers every known insight as updated with its sorted tags', () => {
    for (const run of [small, large]) {
      expect(run.answer.updated).toEqual(run.insightIds.map((id) => ({ id, tags: run.tags })));
    }
  });

  it('skips the unknown ids with "Not found or no edit access"', () => {
    expect(small.answer.skipped).toEqual([]);
    expect(large.answer.skipped).toEqual(UNKNOWN_IDS.map((id) => ({ id, reason: BULK_UPDATE_TAGS_SKIP_REASON })));
  });

  it('really changes the tags: retrieve shows the new tags of every insight', async () => {
    for (const run of [small, large]) {
      for (const id of run.insightIds) {
        const insight = await insights.retrieve.query({ id: String(id) }, asEditor(run.projectId));
        expect(insight.tags).toEqual(run.tags);
      }
    }
  });

  it('writes exactly one insight.updated outbox event per changed insight, with its new tags', async () => {
    for (const run of [small, large]) {
      const events = await updatedEventsByInsight(run.projectId);
      expect([...events.keys()].sort((a, b) => a - b)).toEqual(run.insightIds);
      for (const snapshots of events.values()) expect(snapshots).toEqual([{ tags: run.tags }]);
    }
  });
});
