import type { ActivityDetail } from '@insights/contracts';
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** Who acted, as it was when the entry was written; null for system entries. */
export interface ActivityUserSnapshot {
  first_name: string;
  email: string | null;
}

/** The detail we write: PostHog's `ActivityDetail`, whose `trigger` is always null for insight entries. */
export type StoredActivityDetail = Omit<ActivityDetail, 'trigger'> & { trigger: null };

export interface ActivityLogTable {
  id: string;
  project_id: number;
  organization_id: string | null;
  user_snapshot: Json<ActivityUserSnapshot | null>;
  is_system: boolean;
  client: string | null;
  activity: string;
  scope: string;
  item_id: string;
  detail: Json<StoredActivityDetail>;
  /** When the change happened (the event's `occurredAt`), not when the entry was written. */
  created_at: Timestamp;
  /** 1-based rank of the entry in its (project, scope), in order of insertion. */
  position: number;
  /** 1-based rank of the entry in its (project, scope, item_id), in order of insertion. */
  item_position: number;
}

/** Entries per (project, scope, item); `item_id = ''` counts the whole scope. Kept in the inserting transaction. */
export interface ActivityCountTable {
  project_id: number;
  scope: string;
  item_id: string;
  count: number;
}

export interface ActivityDatabase {
  'activity.activity_log': ActivityLogTable;
  'activity.activity_count': ActivityCountTable;
}

export const ACTIVITY_SCHEMA = 'activity';

/** The counter row of a whole scope. */
export const WHOLE_SCOPE = '';
