import { z } from 'zod';
import { AnyPropertyFilter } from './property-filters.js';

/** Every `math` PostHog's schema knows; each runner supports a subset. */
export const MathType = z.enum([
  'total',
  'dau',
  'weekly_active',
  'monthly_active',
  'unique_session',
  'first_time_for_user',
  'first_matching_event_for_user',
  'first_time_for_user_with_filters',
  'unique_group',
  'hogql',
  'avg',
  'sum',
  'min',
  'max',
  'median',
  'p75',
  'p90',
  'p95',
  'p99',
  'avg_count_per_actor',
  'min_count_per_actor',
  'max_count_per_actor',
  'median_count_per_actor',
  'p75_count_per_actor',
  'p90_count_per_actor',
  'p95_count_per_actor',
  'p99_count_per_actor',
  'unique_users',
]);
export type MathType = z.infer<typeof MathType>;

const entityFields = {
  version: z.number().nullish(),
  name: z.string().nullish(),
  custom_name: z.string().nullish(),
  math: MathType.nullish(),
  math_multiplier: z.number().nullish(),
  math_property: z.string().nullish(),
  math_property_type: z.string().nullish(),
  math_property_revenue_currency: z.looseObject({}).nullish(),
  math_hogql: z.string().nullish(),
  math_group_type_index: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).nullish(),
  properties: z.array(AnyPropertyFilter).nullish(),
  fixedProperties: z.array(AnyPropertyFilter).nullish(),
  optionalInFunnel: z.boolean().nullish(),
  response: z.looseObject({}).nullish(),
};

export const EventsNode = z.strictObject({
  kind: z.literal('EventsNode'),
  event: z.string().nullish(),
  limit: z.number().int().nullish(),
  orderBy: z.array(z.string()).nullish(),
  ...entityFields,
});
export type EventsNode = z.infer<typeof EventsNode>;

export const ActionsNode = z.strictObject({ kind: z.literal('ActionsNode'), id: z.number().int(), ...entityFields });

export const DataWarehouseNode = z.strictObject({
  kind: z.literal('DataWarehouseNode'),
  id: z.string(),
  id_field: z.string(),
  table_name: z.string(),
  timestamp_field: z.string(),
  distinct_id_field: z.string(),
  dw_source_type: z.string().nullish(),
  ...entityFields,
});

export const GroupNode = z.strictObject({
  kind: z.literal('GroupNode'),
  operator: z.enum(['AND', 'OR']),
  nodes: z.array(z.looseObject({ kind: z.string() })),
  limit: z.number().int().nullish(),
  orderBy: z.array(z.string()).nullish(),
  ...entityFields,
});

/** A series entry: only `EventsNode` runs; the other kinds parse so they can be refused by name. */
export const SeriesNode = z.discriminatedUnion('kind', [EventsNode, ActionsNode, DataWarehouseNode, GroupNode]);
export type SeriesNode = z.infer<typeof SeriesNode>;

export const FunnelExclusion = z.discriminatedUnion('kind', [
  EventsNode.extend({ funnelFromStep: z.number().int(), funnelToStep: z.number().int() }),
  ActionsNode.extend({ funnelFromStep: z.number().int(), funnelToStep: z.number().int() }),
]);
