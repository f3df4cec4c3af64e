import type { Insight, InsightBasic, QueryNode, UserBasic } from '@insights/contracts';
import type { AccessLevel } from '@insights/scope-auth';
import type { InsightResultFields } from './insight-results.js';
import type { InsightRow } from './insight-row.js';

export interface SerializeContext {
  tags: string[];
  users: Map<number, UserBasic>;
  level: AccessLevel | null;
  lastViewedAt?: Date | null;
  searchMatchType?: 'exact' | 'similar';
}

const iso = (value: Date) => value.toISOString();

// PostHog's effective restriction/privilege levels: 21 = everyone in the project can edit / can view, 37 = can edit.
const RESTRICTION_EVERYONE_CAN_EDIT = 21;
const PRIVILEGE_CAN_VIEW = 21;
const PRIVILEGE_CAN_EDIT = 37;

function filtersAndQuery(row: InsightRow) {
  // An insight with a query shows `filters: {}` (spec §14.2).
  return row.query ? { filters: {}, query: row.query as QueryNode } : { filters: row.filters, query: null };
}

export function serializeInsightBasic(row: InsightRow, context: SerializeContext): InsightBasic {
  const basic: InsightBasic = {
    id: row.id,
    short_id: row.short_id,
    name: row.name,
    derived_name: row.derived_name,
    ...filtersAndQuery(row),
    dashboards: row.dashboards,
    dashboard_tiles: [],
    description: row.description,
    last_refresh: null,
    refreshing: false,
    saved: row.saved,
    tags: context.tags,
    updated_at: iso(row.updated_at),
    created_by: row.created_by === null ? null : (context.users.get(row.created_by) ?? null),
    created_at: iso(row.created_at),
    last_modified_at: iso(row.last_modified_at),
    favorited: row.favorited,
    user_access_level: context.level,
    last_viewed_at: context.lastViewedAt ? iso(context.lastViewedAt) : null,
  };
  if (context.searchMatchType) basic.search_match_type = context.searchMatchType;
  return basic;
}

/** The fields of the full serializer that depend on who reads: the reader's level on the insight. */
export function readerAccessFields(
  level: AccessLevel | null,
): Pick<Insight, 'user_access_level' | 'effective_privilege_level'> {
  const canEdit = level === 'editor' || level === 'manager';
  return { user_access_level: level, effective_privilege_level: canEdit ? PRIVILEGE_CAN_EDIT : PRIVILEGE_CAN_VIEW };
}

export function serializeInsight(
  row: InsightRow,
  context: SerializeContext & { results: InsightResultFields },
): Insight {
  const insight: Insight = {
    id: row.id,
    short_id: row.short_id,
    name: row.name,
    derived_name: row.derived_name,
    ...filtersAndQuery(row),
    order: row.order,
    deleted: row.deleted,
    dashboards: row.dashboards,
    dashboard_tiles: [],
    description: row.description,
    tags: context.tags,
    favorited: row.favorited,
    saved: row.saved,
    created_at: iso(row.created_at),
    created_by: row.created_by === null ? null : (context.users.get(row.created_by) ?? null),
    updated_at: iso(row.updated_at),
    last_modified_at: iso(row.last_modified_at),
    last_modified_by: row.last_modified_by === null ? null : (context.users.get(row.last_modified_by) ?? null),
    is_sample: row.is_sample,
    effective_restriction_level: RESTRICTION_EVERYONE_CAN_EDIT,
    ...readerAccessFields(context.level),
    ...context.results,
    refreshing: false,
    alerts: [],
  };
  if (context.searchMatchType) insight.search_match_type = context.searchMatchType;
  return insight;
}
