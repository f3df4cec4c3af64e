import { createPool } from '@insights/db';
import { Kysely, PostgresDialect } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ViewsDatabase } from '../db/database.js';
import { startViewsDatabase, testUser } from '../testing/views-system.js';
import { upsertInsightViews } from './upsert-insight-views.js';

let database: Awaited<ReturnType<typeof startViewsDatabase>>;
let db: Kysely<ViewsDatabase>;
const statements: string[] = [];

beforeAll(async () => {
  database = await startViewsDatabase();
  // The same database through a Kysely that records every statement it sends.
  db = new Kysely<ViewsDatabase>({
    dialect: new PostgresDialect({ pool: createPool({ connectionString: database.database.url }) }),
    log: (event) => {
      if (event.level === 'query') statements.push(event.query.sql);
    },
  });
});

beforeEach(() => {
  statements.length = 0;
});

afterAll(async () => {
  await db?.destroy();
  await database?.stop();
});

async function viewsOf(projectId: number, userId: number) {
  const rows = await database.db
    .selectFrom('views.insight_viewed')
    .select(['insight_id', 'last_viewed_at'])
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .orderBy('insight_id')
    .execute();
  return rows.map((row) => ({ insight_id: row.insight_id, last_viewed_at: row.last_viewed_at.toISOString() }));
}

describe('upsertInsightViews', () => {
  it('writes the views of 2,500 insights and the viewer profile in one statement', async () => {
    const viewer = testUser('Bulk');
    const insightIds = Array.from({ length: 2500 }, (_, index) => 10_000 + index);
    const viewedAt = new Date('2024-05-01T10:00:00.000Z');

    await upsertInsightViews(db, { projectId: 1, viewer, insightIds, viewedAt });

    expect(statements).toHaveLength(1);
    const rows = await viewsOf(1, viewer.id);
    expect(rows).toHaveLength(2500);
    expect(new Set(rows.map((row) => row.last_viewed_at))).toEqual(new Set([viewedAt.toISOString()]));
    const profile = await database.db
      .selectFrom('views.user_profile')
      .selectAll()
      .where('id', '=', viewer.id)
      .executeTakeFirst();
    expect(profile).toEqual(viewer);
  });

  it('keeps one row per user and insight: a second view moves its time forward', async () => {
    const viewer = testUser();
    await upsertInsightViews(db, {
      projectId: 1,
      viewer,
      insightIds: [1, 2],
      viewedAt: new Date('2024-05-01T10:00:00Z'),
    });
    await upsertInsightViews(db, {
      projectId: 1,
      viewer,
      insightIds: [2, 2, 3],
      viewedAt: new Date('2024-05-02T10:00:00Z'),
    });

    expect(await viewsOf(1, viewer.id)).toEqual([
      { insight_id: 1, last_viewed_at: '2024-05-01T10:00:00.000Z' },
      { insight_id: 2, last_viewed_at: '2024-05-02T10:00:00.000Z' },
      { insight_id: 3, last_viewed_at: '2024-05-02T10:00:00.000Z' },
    ]);
  });

  it('never moves a view back in time (a creation event handled after a later view)', async () => {
    const viewer = testUser();
    await upsertInsightViews(db, { projectId: 1, viewer, insightIds: [7], viewedAt: new Date('2024-05-02T00:00:00Z') });
    await upsertInsightViews(db, { projectId: 1, viewer, insightIds: [7], viewedAt: new Date('2024-05-01T00:00:00Z') });

    expect(await viewsOf(1, viewer.id)).toEqual([{ insight_id: 7, last_viewed_at: '2024-05-02T00:00:00.000Z' }]);
  });

  it('keeps the views of each project apart for the same user and insight id', async () => {
    const viewer = testUser();
    await upsertInsightViews(db, { projectId: 1, viewer, insightIds: [5], viewedAt: new Date('2024-05-01T00:00:00Z') });
    await upsertInsightViews(db, { projectId: 2, viewer, insightIds: [5], viewedAt: new Date('2024-06-01T00:00:00Z') });

    expect(await viewsOf(1, viewer.id)).toEqual([{ insight_id: 5, last_viewed_at: '2024-05-01T00:00:00.000Z' }]);
    expect(await viewsOf(2, viewer.id)).toEqual([{ insight_id: 5, last_viewed_at: '2024-06-01T00:00:00.000Z' }]);
  });

  it('updates the remembered profile when the user changed their name', async () => {
    const viewer = testUser('Before');
    await upsertInsightViews(db, { projectId: 1, viewer, insightIds: [1], viewedAt: new Date() });
    const renamed = { ...viewer, first_name: 'After', email: 'after@example.com', is_email_verified: true };
    await upsertInsightViews(db, { projectId: 1, viewer: renamed, insightIds: [1], viewedAt: new Date() });

    const profile = await database.db
      .selectFrom('views.user_profile')
      .selectAll()
      .where('id', '=', viewer.id)
      .executeTakeFirst();
    expect(profile).toEqual(renamed);
  });

  it('sends nothing when no insight is left to record', async () => {
    await upsertInsightViews(db, { projectId: 1, viewer: testUser(), insightIds: [], viewedAt: new Date() });
    expect(statements).toEqual([]);
  });
});
