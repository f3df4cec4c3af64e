import type { PrincipalUser } from '@insights/scope-auth';
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface InsightTable {
  id: Generated<number>;
  project_id: number;
  short_id: string;
  name: string | null;
  derived_name: string | null;
  description: string | null;
  filters: Json<Record<string, unknown>>;
  query: Json<Record<string, unknown> | null>;
  order: number | null;
  deleted: boolean;
  saved: boolean;
  favorited: boolean;
  is_sample: boolean;
  dashboards: ColumnType<number[], number[], number[]>;
  /** The insight's tags, normalised and sorted: the store of record (tagging keeps a read model fed by events). */
  tags: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Timestamp;
  created_by: number | null;
  last_modified_at: Timestamp;
  last_modified_by: number | null;
  updated_at: Timestamp;
  /** 1 at creation, one more with every change; carried by the change's event. */
  version: Generated<number>;
}

export interface ObjectAccessTable {
  project_id: number;
  insight_id: number;
  user_id: number;
  level: 'none' | 'viewer' | 'editor' | 'manager';
}

/** A copy of the users who act on insights, taken from the signed principal, so insights never reads auth tables. */
export type UserProfileTable = PrincipalUser;

export interface InsightsDatabase {
  'insights.insight': InsightTable;
  'insights.object_access': ObjectAccessTable;
  'insights.user_profile': UserProfileTable;
}

export const INSIGHTS_SCHEMA = 'insights';
