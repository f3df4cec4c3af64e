import { z } from 'zod';
import { BreakdownFilter } from './breakdown-filter.js';
import { GoalLines, IntervalType, insightBaseFields, ResultCustomizations } from './insight-base.js';
import { FunnelExclusion, SeriesNode } from './series.js';

export const FunnelWindowUnit = z.enum(['second', 'minute', 'hour', 'day', 'week', 'month']);
export type FunnelWindowUnit = z.infer<typeof FunnelWindowUnit>;

/** `FunnelsFilter` (§3.1). */
export const FunnelsFilter = z.strictObject({
  exclusions: z.array(FunnelExclusion).nullish(),
  layout: z.enum(['horizontal', 'vertical']).nullish(),
  binCount: z.number().int().nullish(),
  breakdownAttributionType: z.enum(['first_touch', 'last_touch', 'all_events', 'step']).nullish(),
  breakdownAttributionValue: z.number().int().nullish(),
  funnelAggregateByHogQL: z.string().nullish(),
  funnelToStep: z.number().int().nullish(),
  funnelFromStep: z.number().int().nullish(),
  funnelOrderType: z.enum(['strict', 'unordered', 'ordered']).nullish(),
  funnelVizType: z.enum(['steps', 'time_to_convert', 'trends', 'flow']).nullish(),
  funnelWindowInterval: z.number().int().nullish(),
  funnelWindowIntervalUnit: FunnelWindowUnit.nullish(),
  hiddenLegendBreakdowns: z.array(z.string()).nullish(),
  funnelStepReference: z.enum(['total', 'previous']).nullish(),
  useUdf: z.boolean().nullish(),
  resultCustomizations: ResultCustomizations.nullish(),
  goalLines: GoalLines.nullish(),
  showValuesOnSeries: z.boolean().nullish(),
});
export type FunnelsFilter = z.infer<typeof FunnelsFilter>;

export const FunnelsQuery = z.strictObject({
  kind: z.literal('FunnelsQuery'),
  ...insightBaseFields,
  interval: IntervalType.nullish(),
  series: z.array(SeriesNode),
  funnelsFilter: FunnelsFilter.nullish(),
  breakdownFilter: BreakdownFilter.nullish(),
});
export type FunnelsQuery = z.infer<typeof FunnelsQuery>;
