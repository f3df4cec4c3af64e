import { z } from 'zod';
import { JsonValue } from '../json-value.js';
import { refuseUnstorable } from '../storable-text.js';
import { QueryNodeInput } from './query-node.js';

/** A project's settings that change query results (the gateway owns projects and passes them along). */
export const ProjectQuerySettings = z.object({
  timezone: z.string(),
  weekStartDay: z.union([z.literal(0), z.literal(1)]),
  testAccountFilters: z.array(z.unknown()),
});
export type ProjectQuerySettings = z.infer<typeof ProjectQuerySettings>;

/** Spec §7.2: how a request may use the results cache. */
export const RefreshMode = z.enum([
  'blocking',
  'force_blocking',
  'async',
  'lazy_async',
  'force_async',
  'force_cache',
  'async_except_on_cache_miss',
]);
export type RefreshMode = z.infer<typeof RefreshMode>;

/** Spec §7.4. */
export const QueryStatus = z
  .looseObject({
    id: z.string(),
    query_async: z.literal(true),
    team_id: z.number().int(),
    insight_id: z.number().int().nullable().optional(),
    dashboard_id: z.number().int().nullable().optional(),
    error: z.boolean(),
    complete: z.boolean(),
    error_message: z.string().nullable(),
    results: z.unknown().optional(),
    start_time: z.string().nullable().optional(),
    end_time: z.string().nullable().optional(),
    expiration_time: z.string().nullable().optional(),
  })
  .meta({ id: 'QueryStatus' });
export type QueryStatus = z.infer<typeof QueryStatus>;

/** `POST /api/projects/:id/query/` body (spec §8.1). */
export const QueryRequest = z
  .object({
    query: QueryNodeInput,
    client_query_id: z.string().max(256).nullish(),
    refresh: z.union([RefreshMode, z.boolean()]).nullish(),
    async: z.boolean().nullish(),
    name: z.string().max(128).nullish(),
  })
  .meta({ id: 'QueryRequest' });
export type QueryRequest = z.infer<typeof QueryRequest>;

/**
 * A runner response with the cache envelope (spec §7.1): `results` plus kind-specific keys. Or, for a cache miss or an
 * enqueued computation, only `cache_key` and `query_status`.
 */
export const QueryResponse = z
  .looseObject({
    results: JsonValue.optional(),
    is_cached: z.boolean().optional(),
    last_refresh: z.string().nullable().optional(),
    next_allowed_client_refresh: z.string().nullable().optional(),
    cache_target_age: z.string().nullable().optional(),
    cache_key: z.string().nullable(),
    timezone: z.string().optional(),
    query_status: QueryStatus.nullable(),
  })
  .meta({ id: 'QueryResponse' });
export type QueryResponse = z.infer<typeof QueryResponse>;

export const QueryStatusResponse = z.object({ query_status: QueryStatus }).meta({ id: 'QueryStatusResponse' });

/** `POST …/insights/cancel/` body (spec reference §8). */
export const CancelQueryRequest = z.object({ client_query_id: z.unknown().superRefine(refuseUnstorable).optional() });
