import type { ActivityLogEntry } from '@insights/contracts';
import { JsonText } from '@insights/transport';
import type { StoredActivityDetail } from '../db/database.js';
import type { ActivityPageText } from './read-page.js';

/**
 * An entry on the wire. `detail.trigger` is typed `null`, not the contract's `unknown`: tRPC's client types turn keys
 * of type `unknown` into optional ones, which the REST contract would then refuse.
 */
export type SerializedActivityEntry = Omit<ActivityLogEntry, 'detail'> & { detail: StoredActivityDetail };

/** PostHog's page of activity (spec §14): the entries, the links to the pages next to it, and the total. */
export interface ActivityPageBody {
  results: SerializedActivityEntry[];
  next: string | null;
  previous: string | null;
  total_count: number;
}

/** The page's REST body as JSON text, around the entries PostgreSQL rendered. */
export function renderActivityPage(
  page: ActivityPageText,
  links: { next: string | null; previous: string | null },
): JsonText<ActivityPageBody> {
  return new JsonText(
    `{"results":${page.resultsJson},"next":${JSON.stringify(links.next)},"previous":${JSON.stringify(links.previous)},"total_count":${page.total}}`,
  );
}
