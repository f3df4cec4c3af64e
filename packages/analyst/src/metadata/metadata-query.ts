import { z } from 'zod';
import { StoredInsightSource, StoredInsightVizNode } from '../query/stored-insight-query.js';

/*
 * The queries generate_metadata accepts (§9 step 2): ActorsQuery, EventsQuery and GroupsQuery are validated as
 * such, anything else must be an InsightVizNode. Objects are loose (PostHog's full schema has many more keys); the
 * fields we read are typed and PostHog's required ones are required.
 */

const nullableString = z.string().nullish();

export const StoredPropertyFilter = z.looseObject({
  key: z.union([z.string(), z.number()]).nullish(),
  operator: nullableString,
  value: z.unknown().optional(),
  type: nullableString,
  cohort_name: nullableString,
});
export type StoredPropertyFilter = z.infer<typeof StoredPropertyFilter>;

const propertyFilters = z.array(StoredPropertyFilter).nullish();

const INSIGHT_ACTOR_SOURCES = ['InsightActorsQuery', 'FunnelsActorsQuery', 'StickinessActorsQuery'] as const;

/** The actors of one insight (a person list opened from a chart): narrowed by series, status, step or day. */
export const InsightActorsSource = z.looseObject({
  kind: z.enum(INSIGHT_ACTOR_SOURCES),
  source: StoredInsightSource,
  series: z.number().int().nullish(),
  status: nullableString,
  funnelStep: z.number().int().nullish(),
  day: z.union([z.number(), z.string()]).nullish(),
  breakdown: z.unknown().optional(),
  funnelStepBreakdown: z.unknown().optional(),
});
export type InsightActorsSource = z.infer<typeof InsightActorsSource>;

const OtherActorsSource = z
  .looseObject({ kind: z.string() })
  .refine((source) => !(INSIGHT_ACTOR_SOURCES as readonly string[]).includes(source.kind), {
    message: 'an insight actors source needs a valid insight query',
  });

export const ActorsQuery = z.looseObject({
  kind: z.literal('ActorsQuery'),
  source: z.union([InsightActorsSource, OtherActorsSource]).nullish(),
  search: nullableString,
  properties: propertyFilters,
  select: z.array(z.string()).nullish(),
});
export type ActorsQuery = z.infer<typeof ActorsQuery>;

export const EventsQuery = z.looseObject({
  kind: z.literal('EventsQuery'),
  select: z.array(z.string()),
  event: nullableString,
  events: z.array(z.string()).nullish(),
  after: nullableString,
  before: nullableString,
  properties: propertyFilters,
  fixedProperties: propertyFilters,
  where: z.array(z.string()).nullish(),
});
export type EventsQuery = z.infer<typeof EventsQuery>;

export const GroupsQuery = z.looseObject({
  kind: z.literal('GroupsQuery'),
  group_type_index: z.number().int().min(0).max(4),
  search: nullableString,
  properties: propertyFilters,
  select: z.array(z.string()).nullish(),
});
export type GroupsQuery = z.infer<typeof GroupsQuery>;

export type MetadataQuery = StoredInsightVizNode | ActorsQuery | EventsQuery | GroupsQuery;

const SCHEMA_BY_KIND: Record<string, z.ZodType<MetadataQuery>> = {
  ActorsQuery,
  EventsQuery,
  GroupsQuery,
};

/** The query as generate_metadata reads it, or null when it is not a valid one (→ 400 `Invalid query format`). */
export function readMetadataQuery(query: unknown): MetadataQuery | null {
  const kind = query && typeof query === 'object' ? (query as { kind?: unknown }).kind : undefined;
  const schema = (typeof kind === 'string' && SCHEMA_BY_KIND[kind]) || StoredInsightVizNode;
  const parsed = schema.safeParse(query);
  return parsed.success ? parsed.data : null;
}
