import type { PrincipalUser } from '@insights/scope-auth';
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** One row per (project, user, insight): when that user last viewed that insight (PostHog's `InsightViewed`). */
export interface InsightViewedTable {
  project_id: number;
  user_id: number;
  insight_id: number;
  last_viewed_at: Timestamp;
}

/**
 * What views knows of an insight from the insights service's events: whether it is deleted (my_last_viewed and
 * trending leave deleted ones out) and its `last_modified_at` (trending's second sort key).
 * `event_at` is the time of the event that set the row, so an older event delivered late cannot undo a newer one.
 */
export interface InsightStateTable {
  project_id: number;
  insight_id: number;
  deleted: boolean;
  last_modified_at: Timestamp;
  event_at: Timestamp;
}

/** A copy of the users who view or create insights, taken from principals and event actors, for `viewers`. */
export type UserProfileTable = PrincipalUser;

/** Ids of the events the consumer handled (`createProcessedEventsTable`). */
export interface ProcessedEventTable {
  id: string;
  processed_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ViewsDatabase {
  'views.insight_viewed': InsightViewedTable;
  'views.insight_state': InsightStateTable;
  'views.user_profile': UserProfileTable;
  'views.processed_event': ProcessedEventTable;
}

export const VIEWS_SCHEMA = 'views';
