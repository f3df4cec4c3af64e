import { createPool } from '@insights/db';
import { Kysely, PostgresDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewsDatabase } from '../db/database.js';
import { freshProjectId } from '../testing/view-fixtures.js';
import { startViewsDatabase, testUser } from '../testing/views-system.js';
import { createViewWriter } from './view-writer.js';

let database: Awaited<ReturnType<typeof startViewsDatabase>>;
let db: Kysely<ViewsDatabase>;
let statements = 0;

beforeAll(async () => {
  database = await startViewsDatabase();
  db = new Kysely<ViewsDatabase>({
    dialect: new PostgresDialect({ pool: createPool({ connectionString: database.database.url }) }),
    log: (event) => {
      if (event.level === 'query') statements++;
    },
  });
});

afterAll(async () => {
  await db?.destroy();
  await database?.stop();
});

const viewsOf = async (projectId: number) =>
  (
    await database.db
      .selectFrom('views.insight_viewed')
      .select(['user_id', 'insight_id', 'last_viewed_at'])
      .where('project_id', '=', projectId)
      .orderBy(['user_id', 'insight_id'])
      .execute()
  ).map((row) => `${row.user_id}:${row.insight_id}@${row.last_viewed_at.toISOString()}`);

describe('view writer', () => {
  it('writes concurrent requests of several users together, each acknowledged only once committed', async () => {
    const writer = createViewWriter(db);
    const project = freshProjectId();
    const [ann, bob] = [testUser('Ann'), testUser('Bob')];
    const at = (second: number) => new Date(Date.UTC(2026, 10, 29, 12, 0, second));
    const before = statements;
    const writes = [
      writer.write({ projectId: project, viewer: ann, insightIds: [3, 1], viewedAt: at(1) }),
      writer.write({ projectId: project, viewer: bob, insightIds: [1], viewedAt: at(2) }),
      // The same insight twice in one batch: the later view wins, the earlier never moves it back.
      writer.write({ projectId: project, viewer: ann, insightIds: [1], viewedAt: at(5) }),
      writer.write({ projectId: project, viewer: ann, insightIds: [1], viewedAt: at(4) }),
      writer.write({ projectId: project, viewer: bob, insightIds: [], viewedAt: at(6) }),
    ];
    await Promise.all(writes);
    expect(await viewsOf(project)).toEqual([
      `${ann.id}:1@${at(5).toISOString()}`,
      `${ann.id}:3@${at(1).toISOString()}`,
      `${bob.id}:1@${at(2).toISOString()}`,
    ]);
    // The first went alone; the three that came while it was written, together.
    expect(statements - before).toBe(2);
    const profiles = await database.db.selectFrom('views.user_profile').select('first_name').execute();
    expect(profiles.map((profile) => profile.first_name)).toEqual(expect.arrayContaining(['Ann', 'Bob']));
  });

  it('fails every request of a statement that fails, and goes on with the next ones', async () => {
    const writer = createViewWriter(db);
    const project = freshProjectId();
    const viewer = testUser();
    const first = writer.write({ projectId: project, viewer, insightIds: [1], viewedAt: new Date() });
    const broken = writer.write({ projectId: project, viewer, insightIds: [2], viewedAt: new Date(Number.NaN) });
    const alongside = writer.write({ projectId: project, viewer, insightIds: [3], viewedAt: new Date() });
    await first;
    await expect(broken).rejects.toThrow();
    await expect(alongside).rejects.toThrow();
    await writer.write({ projectId: project, viewer, insightIds: [4], viewedAt: new Date() });
    expect((await viewsOf(project)).map((view) => view.split('@')[0])).toEqual([`${viewer.id}:1`, `${viewer.id}:4`]);
  });
});
