import { PROPERTY_MATH_TYPES, SUPPORTED_PROPERTY_OPERATORS, SUPPORTED_TRENDS_MATHS } from '@insights/query-engine';
import { z } from 'zod';

/*
 * The subset of PostHog's query schema that our query engine runs and that the analyst may hand out as a suggestion's
 * `targetQuery` (maths and property operators are the engine's own lists). Objects are strict (unknown keys rejected, as PostHog's `extra="forbid"`), no key may be `null`, and
 * anything we cannot run is left out: ActionsNode (we have no actions), HogQL (math, filters, breakdowns), groups
 * (group filters, `unique_group`, `aggregation_group_type_index`) and cohorts.
 */

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const RunnablePropertyFilter = z.strictObject({
  key: z.string().min(1),
  value: z.union([Scalar, z.array(Scalar)]).optional(),
  operator: z.enum(SUPPORTED_PROPERTY_OPERATORS).optional(),
  type: z.enum(['event', 'person']),
});
export type RunnablePropertyFilter = z.infer<typeof RunnablePropertyFilter>;

/** Declared by hand only because a recursive schema needs its type up front. */
export interface RunnablePropertyGroup {
  type: 'AND' | 'OR';
  values: Array<RunnablePropertyFilter | RunnablePropertyGroup>;
}

export const RunnablePropertyGroup: z.ZodType<RunnablePropertyGroup> = z.lazy(() =>
  z.strictObject({
    type: z.enum(['AND', 'OR']),
    values: z.array(z.union([RunnablePropertyFilter, RunnablePropertyGroup])),
  }),
);

export const RunnableProperties = z.union([z.array(RunnablePropertyFilter), RunnablePropertyGroup]);

/** Maths that aggregate a numeric property and therefore need `math_property`. */
export const PROPERTY_MATHS = PROPERTY_MATH_TYPES;

/** The maths the engine computes (its trends maths: every other kind that takes a math takes a subset). */
export const RUNNABLE_MATHS = SUPPORTED_TRENDS_MATHS;
export type RunnableMath = (typeof RUNNABLE_MATHS)[number];

export const RunnableEventsNode = z
  .strictObject({
    kind: z.literal('EventsNode'),
    event: z.string().min(1).optional(),
    name: z.string().optional(),
    custom_name: z.string().optional(),
    math: z.enum(RUNNABLE_MATHS).optional(),
    math_property: z.string().min(1).optional(),
    properties: z.array(RunnablePropertyFilter).optional(),
  })
  .refine((node) => !(PROPERTY_MATHS as readonly string[]).includes(node.math ?? '') || node.math_property, {
    message: 'a property math needs math_property',
    path: ['math_property'],
  });
export type RunnableEventsNode = z.infer<typeof RunnableEventsNode>;

export const RunnableDateRange = z.strictObject({
  date_from: z.string().min(1).optional(),
  date_to: z.string().min(1).optional(),
  explicitDate: z.boolean().optional(),
});

export const RunnableInterval = z.enum(['minute', 'hour', 'day', 'week', 'month']);
export type RunnableInterval = z.infer<typeof RunnableInterval>;

export const RunnableBreakdownFilter = z.strictObject({
  breakdown: z.string().min(1),
  breakdown_type: z.enum(['event', 'person']),
});

const scope = {
  dateRange: RunnableDateRange.optional(),
  properties: RunnableProperties.optional(),
  filterTestAccounts: z.boolean().optional(),
};

export const TRENDS_DISPLAYS = [
  'ActionsLineGraph',
  'ActionsBar',
  'ActionsUnstackedBar',
  'ActionsStackedBar',
  'ActionsAreaGraph',
  'ActionsLineGraphCumulative',
  'BoldNumber',
  'ActionsPie',
  'ActionsBarValue',
  'ActionsTable',
] as const;

export const RunnableTrendsQuery = z.strictObject({
  kind: z.literal('TrendsQuery'),
  series: z.array(RunnableEventsNode).min(1),
  interval: RunnableInterval.optional(),
  breakdownFilter: RunnableBreakdownFilter.optional(),
  trendsFilter: z.strictObject({ display: z.enum(TRENDS_DISPLAYS).optional() }).optional(),
  ...scope,
});
export type RunnableTrendsQuery = z.infer<typeof RunnableTrendsQuery>;

export const RunnableFunnelsQuery = z.strictObject({
  kind: z.literal('FunnelsQuery'),
  series: z.array(RunnableEventsNode).min(2),
  interval: RunnableInterval.optional(),
  breakdownFilter: RunnableBreakdownFilter.optional(),
  funnelsFilter: z
    .strictObject({
      funnelOrderType: z.enum(['ordered', 'strict', 'unordered']).optional(),
      funnelVizType: z.enum(['steps', 'time_to_convert', 'trends']).optional(),
      funnelWindowInterval: z.number().int().positive().optional(),
      funnelWindowIntervalUnit: z.enum(['second', 'minute', 'hour', 'day', 'week', 'month']).optional(),
    })
    .optional(),
  ...scope,
});
export type RunnableFunnelsQuery = z.infer<typeof RunnableFunnelsQuery>;

export const RunnableRetentionEntity = z.strictObject({
  id: z.string().min(1),
  type: z.literal('events'),
  name: z.string().optional(),
  custom_name: z.string().optional(),
  properties: z.array(RunnablePropertyFilter).optional(),
});
export type RunnableRetentionEntity = z.infer<typeof RunnableRetentionEntity>;

export const RunnableRetentionQuery = z.strictObject({
  kind: z.literal('RetentionQuery'),
  retentionFilter: z.strictObject({
    period: z.enum(['Hour', 'Day', 'Week', 'Month']).optional(),
    totalIntervals: z.number().int().min(1).max(100).optional(),
    retentionType: z
      .enum(['retention_recurring', 'retention_first_time', 'retention_first_ever_occurrence'])
      .optional(),
    targetEntity: RunnableRetentionEntity.optional(),
    returningEntity: RunnableRetentionEntity.optional(),
    cumulative: z.boolean().optional(),
  }),
  breakdownFilter: RunnableBreakdownFilter.optional(),
  ...scope,
});
export type RunnableRetentionQuery = z.infer<typeof RunnableRetentionQuery>;

export const RunnableStickinessQuery = z.strictObject({
  kind: z.literal('StickinessQuery'),
  series: z.array(RunnableEventsNode).min(1),
  interval: RunnableInterval.optional(),
  stickinessFilter: z.strictObject({ computedAs: z.enum(['non_cumulative', 'cumulative']).optional() }).optional(),
  ...scope,
});
export type RunnableStickinessQuery = z.infer<typeof RunnableStickinessQuery>;

export const RunnableLifecycleQuery = z.strictObject({
  kind: z.literal('LifecycleQuery'),
  series: z.array(RunnableEventsNode).length(1),
  interval: RunnableInterval.optional(),
  lifecycleFilter: z
    .strictObject({ toggledLifecycles: z.array(z.enum(['new', 'returning', 'resurrecting', 'dormant'])).optional() })
    .optional(),
  ...scope,
});
export type RunnableLifecycleQuery = z.infer<typeof RunnableLifecycleQuery>;

export const RunnableInsightSource = z.discriminatedUnion('kind', [
  RunnableTrendsQuery,
  RunnableFunnelsQuery,
  RunnableRetentionQuery,
  RunnableStickinessQuery,
  RunnableLifecycleQuery,
]);
export type RunnableInsightSource = z.infer<typeof RunnableInsightSource>;

/** A suggestion's `targetQuery`: an `InsightVizNode` our query engine can run as it is. */
export const RunnableInsightVizNode = z.strictObject({
  kind: z.literal('InsightVizNode'),
  source: RunnableInsightSource,
});
export type RunnableInsightVizNode = z.infer<typeof RunnableInsightVizNode>;
