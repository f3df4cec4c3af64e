import type { Kysely } from 'kysely';
import type { ViewsDatabase } from '../db/database.js';
import { upsertInsightViews } from '../model/upsert-insight-views.js';
import type { ViewerProfile } from '../model/user-profile.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A time `days` days before now (fractions allowed). */
export const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

let nextProjectId = 100;
/** A project id no other test of the file uses. */
export const freshProjectId = () => nextProjectId++;

/** What the events would have told views about an insight. */
export async function insightState(
  db: Kysely<ViewsDatabase>,
  projectId: number,
  insightId: number,
  state: { deleted?: boolean; lastModifiedAt?: Date } = {},
): Promise<void> {
  const lastModifiedAt = state.lastModifiedAt ?? daysAgo(30);
  await db
    .insertInto('views.insight_state')
    .values({
      project_id: projectId,
      insight_id: insightId,
      deleted: state.deleted ?? false,
      last_modified_at: lastModifiedAt,
      event_at: lastModifiedAt,
    })
    .execute();
}

/** `viewer` viewed `insightIds` in `projectId` at `at`. */
export async function viewed(
  db: Kysely<ViewsDatabase>,
  projectId: number,
  viewer: ViewerProfile,
  insightIds: number[],
  at: Date,
): Promise<void> {
  await upsertInsightViews(db, { projectId, viewer, insightIds, viewedAt: at });
}
