import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewsDatabase } from '../db/database.js';
import { daysAgo, freshProjectId, insightState, viewed } from '../testing/view-fixtures.js';
import { startViewsDatabase, testUser } from '../testing/views-system.js';
import { trendingInsights } from './trending-insights.js';
import { userBasic } from './user-profile.js';

let database: Awaited<ReturnType<typeof startViewsDatabase>>;
let db: Kysely<ViewsDatabase>;

beforeAll(async () => {
  database = await startViewsDatabase();
  db = database.db;
});

afterAll(async () => {
  await database?.stop();
});

const page = (projectId: number, options: { days?: number; limit?: number; offset?: number } = {}) =>
  trendingInsights(db, {
    projectId,
    since: daysAgo(options.days ?? 7),
    limit: options.limit ?? 10,
    offset: options.offset ?? 0,
  });

const ids = (rows: { insight_id: number }[]) => rows.map((row) => row.insight_id);

describe('trendingInsights', () => {
  it('ranks by the number of users who viewed in the window, then by the most recent modification', async () => {
    const project = freshProjectId();
    const [ann, bob, cat] = [testUser('Ann'), testUser('Bob'), testUser('Cat')];
    await insightState(db, project, 1, { lastModifiedAt: daysAgo(10) });
    await insightState(db, project, 2, { lastModifiedAt: daysAgo(20) });
    await insightState(db, project, 3, { lastModifiedAt: daysAgo(5) });
    await insightState(db, project, 4, { lastModifiedAt: daysAgo(5) });
    await viewed(db, project, ann, [1, 2, 3, 4], daysAgo(1));
    await viewed(db, project, bob, [2, 3, 4], daysAgo(1));
    await viewed(db, project, cat, [2], daysAgo(1));

    const rows = await page(project);

    // 2 has three viewers; 3 and 4 two each, tied on last_modified_at, newest id first; 1 has one.
    expect(rows.map((row) => [row.insight_id, row.view_count])).toEqual([
      [2, 3],
      [4, 2],
      [3, 2],
      [1, 1],
    ]);
  });

  it('counts only views inside the window of `days` days and leaves out insights not viewed in it', async () => {
    const project = freshProjectId();
    const [ann, bob, cat] = [testUser(), testUser(), testUser()];
    await insightState(db, project, 1);
    await insightState(db, project, 2);
    await viewed(db, project, ann, [1], daysAgo(1));
    await viewed(db, project, bob, [1], daysAgo(3));
    await viewed(db, project, cat, [1, 2], daysAgo(10));

    expect((await page(project, { days: 2 })).map((row) => [row.insight_id, row.view_count])).toEqual([[1, 1]]);
    expect((await page(project, { days: 7 })).map((row) => [row.insight_id, row.view_count])).toEqual([[1, 2]]);
    expect((await page(project, { days: 30 })).map((row) => [row.insight_id, row.view_count])).toEqual([
      [1, 3],
      [2, 1],
    ]);
    expect(await page(project, { days: 0 })).toEqual([]);
  });

  it('gives the latest view time of anyone and up to 3 most recent viewers of the window as UserBasic', async () => {
    const project = freshProjectId();
    const users = [testUser('U1'), testUser('U2'), testUser('U3'), testUser('U4'), testUser('U5')];
    await insightState(db, project, 1);
    // Most recent first: U5 (0.5 days), U3 (1), U1 (2), U2 (3); U4 outside the window (20).
    await viewed(db, project, users[0]!, [1], daysAgo(2));
    await viewed(db, project, users[1]!, [1], daysAgo(3));
    await viewed(db, project, users[2]!, [1], daysAgo(1));
    await viewed(db, project, users[3]!, [1], daysAgo(20));
    const latest = daysAgo(0.5);
    await viewed(db, project, users[4]!, [1], latest);

    const [row] = await page(project);

    expect(row?.view_count).toBe(4);
    expect(row?.last_viewed_at.toISOString()).toBe(latest.toISOString());
    expect(row?.viewers).toEqual([userBasic(users[4]!), userBasic(users[2]!), userBasic(users[0]!)]);
    expect(row?.viewers[0]).toEqual({ ...users[4], hedgehog_config: null, role_at_organization: null });
  });

  it('leaves out insights the events said are deleted, and keeps those views has not heard of yet', async () => {
    const project = freshProjectId();
    const [ann, bob] = [testUser(), testUser()];
    await insightState(db, project, 1, { deleted: true });
    await insightState(db, project, 2);
    await viewed(db, project, ann, [1, 2, 3], daysAgo(1));
    await viewed(db, project, bob, [1], daysAgo(1));

    // 3 has no state yet: live until the events say otherwise, after the insights with a known modification time.
    expect(ids(await page(project))).toEqual([2, 3]);
  });

  it('pages through the ranking with offset and limit, and answers nothing for limit 0', async () => {
    const project = freshProjectId();
    const viewers = Array.from({ length: 5 }, () => testUser());
    for (let insightId = 1; insightId <= 5; insightId++) {
      await insightState(db, project, insightId);
      // Insight n is viewed by n users.
      for (const viewer of viewers.slice(0, insightId)) await viewed(db, project, viewer, [insightId], daysAgo(1));
    }

    expect(ids(await page(project, { limit: 2 }))).toEqual([5, 4]);
    expect(ids(await page(project, { limit: 2, offset: 2 }))).toEqual([3, 2]);
    expect(ids(await page(project, { limit: 2, offset: 4 }))).toEqual([1]);
    expect(ids(await page(project, { limit: 2, offset: 6 }))).toEqual([]);
    expect(await page(project, { limit: 0 })).toEqual([]);
  });

  it('never counts or shows views, viewers or deletions of another project', async () => {
    const [project, other] = [freshProjectId(), freshProjectId()];
    const [ann, bob, eve] = [testUser(), testUser(), testUser('Eve')];
    await insightState(db, project, 1);
    await insightState(db, other, 1, { deleted: true });
    await insightState(db, other, 2);
    await viewed(db, project, ann, [1], daysAgo(2));
    await viewed(db, other, bob, [1, 2], daysAgo(1));
    await viewed(db, other, eve, [1, 2], daysAgo(0.1));

    const rows = await page(project);

    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ insight_id: 1, view_count: 1, viewers: [userBasic(ann)] });
    expect(rows[0]?.last_viewed_at.getTime()).toBeLessThan(daysAgo(1).getTime());
  });
});
