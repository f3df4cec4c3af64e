import { z } from 'zod';

/*
 * How the analyst reads a stored query. PostHog's queries carry many keys we never look at, so the objects are loose;
 * the fields we do read are typed, and `null` is accepted wherever PostHog's pydantic models allow `None`. A query
 * whose read fields have the wrong type is not analysable (PostHog answers "" / [] when its own validation fails).
 */

const nullableString = z.string().nullish();

export const StoredSeriesNode = z.looseObject({
  kind: z.string(),
  event: nullableString,
  id: z.union([z.number(), z.string()]).nullish(),
  name: nullableString,
  custom_name: nullableString,
  math: nullableString,
  math_property: nullableString,
  properties: z.array(z.unknown()).nullish(),
});
export type StoredSeriesNode = z.infer<typeof StoredSeriesNode>;

const StoredDateRange = z.looseObject({
  date_from: nullableString,
  date_to: nullableString,
  explicitDate: z.boolean().nullish(),
});

const StoredBreakdownFilter = z.looseObject({
  breakdown: z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]).nullish(),
  breakdown_type: nullableString,
  breakdowns: z.array(z.looseObject({ property: z.union([z.string(), z.number()]), type: nullableString })).nullish(),
});

const insightBase = {
  dateRange: StoredDateRange.nullish(),
  properties: z
    .union([z.array(z.unknown()), z.looseObject({ type: z.string(), values: z.array(z.unknown()) })])
    .nullish(),
  filterTestAccounts: z.boolean().nullish(),
  aggregation_group_type_index: z.number().nullish(),
};

const series = z.array(StoredSeriesNode);
const interval = nullableString;
const breakdownFilter = StoredBreakdownFilter.nullish();
const compareFilter = z.looseObject({ compare: z.boolean().nullish(), compare_to: nullableString }).nullish();

export const StoredTrendsQuery = z.looseObject({
  kind: z.literal('TrendsQuery'),
  ...insightBase,
  series,
  interval,
  breakdownFilter,
  compareFilter,
  trendsFilter: z
    .looseObject({
      display: nullableString,
      formula: nullableString,
      formulas: z.array(z.string()).nullish(),
      formulaNodes: z.array(z.looseObject({ formula: z.string(), custom_name: nullableString })).nullish(),
    })
    .nullish(),
});

export const StoredFunnelsQuery = z.looseObject({
  kind: z.literal('FunnelsQuery'),
  ...insightBase,
  series,
  interval,
  breakdownFilter,
  funnelsFilter: z
    .looseObject({
      funnelVizType: nullableString,
      funnelOrderType: nullableString,
      funnelWindowInterval: z.number().nullish(),
      funnelWindowIntervalUnit: nullableString,
    })
    .nullish(),
});

export const StoredRetentionEntity = z.looseObject({
  id: z.union([z.string(), z.number()]).nullish(),
  type: nullableString,
  kind: nullableString,
  name: nullableString,
  custom_name: nullableString,
  properties: z.array(z.unknown()).nullish(),
});
export type StoredRetentionEntity = z.infer<typeof StoredRetentionEntity>;

export const StoredRetentionQuery = z.looseObject({
  kind: z.literal('RetentionQuery'),
  ...insightBase,
  breakdownFilter,
  retentionFilter: z.looseObject({
    period: nullableString,
    totalIntervals: z.number().nullish(),
    retentionType: nullableString,
    targetEntity: StoredRetentionEntity.nullish(),
    returningEntity: StoredRetentionEntity.nullish(),
  }),
});

export const StoredStickinessQuery = z.looseObject({
  kind: z.literal('StickinessQuery'),
  ...insightBase,
  series,
  interval,
  compareFilter,
  stickinessFilter: z.looseObject({ computedAs: nullableString }).nullish(),
});

export const StoredLifecycleQuery = z.looseObject({
  kind: z.literal('LifecycleQuery'),
  ...insightBase,
  series,
  interval,
  lifecycleFilter: z.looseObject({}).nullish(),
});

/** Paths are a valid insight kind for naming only: the analyst has no results for them. */
export const StoredPathsQuery = z.looseObject({
  kind: z.literal('PathsQuery'),
  ...insightBase,
  pathsFilter: z
    .looseObject({
      includeEventTypes: z.array(z.string()).nullish(),
      startPoint: nullableString,
      endPoint: nullableString,
    })
    .nullish(),
});

export const AnalysableInsightSource = z.discriminatedUnion('kind', [
  StoredTrendsQuery,
  StoredFunnelsQuery,
  StoredRetentionQuery,
  StoredStickinessQuery,
  StoredLifecycleQuery,
]);
export type AnalysableInsightSource = z.infer<typeof AnalysableInsightSource>;

export const StoredInsightSource = z.discriminatedUnion('kind', [
  StoredTrendsQuery,
  StoredFunnelsQuery,
  StoredRetentionQuery,
  StoredStickinessQuery,
  StoredLifecycleQuery,
  StoredPathsQuery,
]);
export type StoredInsightSource = z.infer<typeof StoredInsightSource>;

export type StoredTrendsQuery = z.infer<typeof StoredTrendsQuery>;
export type StoredFunnelsQuery = z.infer<typeof StoredFunnelsQuery>;
export type StoredRetentionQuery = z.infer<typeof StoredRetentionQuery>;
export type StoredStickinessQuery = z.infer<typeof StoredStickinessQuery>;
export type StoredLifecycleQuery = z.infer<typeof StoredLifecycleQuery>;

/** An `InsightVizNode` around one of the five kinds our query engine runs. */
export const AnalysableInsightVizNode = z.looseObject({
  kind: z.literal('InsightVizNode'),
  source: AnalysableInsightSource,
});
export type AnalysableInsightVizNode = z.infer<typeof AnalysableInsightVizNode>;

/** Any `InsightVizNode` PostHog could store, for naming (adds paths). */
export const StoredInsightVizNode = z.looseObject({ kind: z.literal('InsightVizNode'), source: StoredInsightSource });
export type StoredInsightVizNode = z.infer<typeof StoredInsightVizNode>;

/** The source of `query` when it is an `InsightVizNode` the analyst can analyse, else `null` (analyze → "", suggestions → []). */
export function readAnalysableSource(query: unknown): AnalysableInsightSource | null {
  const parsed = AnalysableInsightVizNode.safeParse(query);
  return parsed.success ? parsed.data.source : null;
}

/** Whether analyze and suggestions have anything to work with for this stored query (§4 step 3–4, §5). */
export function isAnalysableInsightQuery(query: unknown): boolean {
  return readAnalysableSource(query) !== null;
}

/** The series of a source that has them (all kinds but retention and paths). */
export function sourceSeries(source: StoredInsightSource): StoredSeriesNode[] {
  switch (source.kind) {
    case 'TrendsQuery':
    case 'FunnelsQuery':
    case 'StickinessQuery':
    case 'LifecycleQuery':
      return source.series;
    default:
      return [];
  }
}

export type StoredBreakdownFilter = z.infer<typeof StoredBreakdownFilter>;

/** The breakdown of a source that can have one (trends, funnels, retention). */
export function sourceBreakdownFilter(source: StoredInsightSource): StoredBreakdownFilter | null {
  switch (source.kind) {
    case 'TrendsQuery':
    case 'FunnelsQuery':
    case 'RetentionQuery':
      return source.breakdownFilter ?? null;
    default:
      return null;
  }
}
