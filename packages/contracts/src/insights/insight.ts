import { z } from 'zod';
import { JsonValue } from '../json-value.js';
import { QueryNode } from '../queries/query-node.js';
import { UserBasic } from '../user-basic.js';

export const AccessLevelName = z.enum(['none', 'viewer', 'editor', 'manager']);
const DateTime = z.iso.datetime({ offset: true });

export const DashboardTile = z.object({
  id: z.number().int(),
  dashboard_id: z.number().int(),
  deleted: z.boolean().nullable(),
});

/** Fields of PostHog's `InsightBasicSerializer` (spec §14.2), in declaration order. */
export const InsightBasic = z
  .object({
    id: z.number().int(),
    short_id: z.string(),
    name: z.string().nullable(),
    derived_name: z.string().nullable(),
    filters: z.record(z.string(), z.unknown()),
    query: QueryNode.nullable(),
    dashboards: z.array(z.number().int()),
    dashboard_tiles: z.array(DashboardTile),
    description: z.string().nullable(),
    last_refresh: DateTime.nullable(),
    refreshing: z.boolean(),
    saved: z.boolean(),
    tags: z.array(z.string()),
    updated_at: DateTime,
    created_by: UserBasic.nullable(),
    created_at: DateTime,
    last_modified_at: DateTime,
    favorited: z.boolean(),
    user_access_level: AccessLevelName.nullable(),
    last_viewed_at: DateTime.nullable(),
    search_match_type: z.enum(['exact', 'similar']).optional(),
  })
  .meta({ id: 'InsightBasic' });
export type InsightBasic = z.infer<typeof InsightBasic>;

/** What an insight's query returned, as the full serializer shows it (spec query-results §9). */
const InsightResultFields = {
  result: JsonValue.nullable(),
  hasMore: z.boolean().nullable(),
  columns: z.array(z.unknown()).nullable(),
  types: z.array(z.unknown()).nullable(),
  is_cached: z.boolean(),
  cache_target_age: DateTime.nullable(),
  next_allowed_client_refresh: DateTime.nullable(),
  query_status: z.looseObject({}).nullable(),
  resolved_date_range: z.object({ date_from: z.string(), date_to: z.string() }).nullable(),
  filters_hash: z.string().nullable(),
};

/** PostHog's full `InsightSerializer` (spec §14.3), with the results of its query (spec query-results §9). */
export const Insight = z
  .object({
    id: z.number().int(),
    short_id: z.string(),
    name: z.string().nullable(),
    derived_name: z.string().nullable(),
    filters: z.record(z.string(), z.unknown()),
    query: QueryNode.nullable(),
    order: z.number().int().nullable(),
    deleted: z.boolean(),
    dashboards: z.array(z.number().int()),
    dashboard_tiles: z.array(DashboardTile),
    last_refresh: DateTime.nullable(),
    description: z.string().nullable(),
    tags: z.array(z.string()),
    favorited: z.boolean(),
    saved: z.boolean(),
    created_at: DateTime,
    created_by: UserBasic.nullable(),
    updated_at: DateTime,
    last_modified_at: DateTime,
    last_modified_by: UserBasic.nullable(),
    is_sample: z.boolean(),
    effective_restriction_level: z.number().int(),
    effective_privilege_level: z.number().int(),
    user_access_level: AccessLevelName.nullable(),
    timezone: z.string().nullable(),
    ...InsightResultFields,
    refreshing: z.boolean(),
    alerts: z.array(z.looseObject({}).meta({ description: 'An alert on this insight (none until alerts exist).' })),
    search_match_type: z.enum(['exact', 'similar']).optional(),
  })
  .meta({ id: 'Insight' });
export type Insight = z.infer<typeof Insight>;
