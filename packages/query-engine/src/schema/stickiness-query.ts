import { z } from 'zod';
import { CompareFilter, IntervalType, insightBaseFields, ResultCustomizations } from './insight-base.js';
import { SeriesNode } from './series.js';

export const StickinessFilter = z.strictObject({
  display: z.string().nullish(),
  showLegend: z.boolean().nullish(),
  showValuesOnSeries: z.boolean().nullish(),
  showMultipleYAxes: z.boolean().nullish(),
  hiddenLegendIndexes: z.array(z.number().int()).nullish(),
  stickinessCriteria: z.strictObject({ operator: z.enum(['gte', 'lte', 'exact']), value: z.number().int() }).nullish(),
  computedAs: z.enum(['non_cumulative', 'cumulative']).nullish(),
  resultCustomizationBy: z.enum(['value', 'position']).nullish(),
  resultCustomizations: ResultCustomizations.nullish(),
});
export type StickinessFilter = z.infer<typeof StickinessFilter>;

const { aggregation_group_type_index: _notOnStickiness, ...stickinessBaseFields } = insightBaseFields;

export const StickinessQuery = z.strictObject({
  kind: z.literal('StickinessQuery'),
  ...stickinessBaseFields,
  interval: IntervalType.nullish(),
  intervalCount: z.number().int().nullish(),
  series: z.array(SeriesNode),
  stickinessFilter: StickinessFilter.nullish(),
  compareFilter: CompareFilter.nullish(),
});
export type StickinessQuery = z.infer<typeof StickinessQuery>;
