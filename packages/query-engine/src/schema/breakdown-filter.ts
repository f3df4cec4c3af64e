import { z } from 'zod';

export const BreakdownType = z.enum([
  'cohort',
  'person',
  'event',
  'event_metadata',
  'group',
  'session',
  'hogql',
  'data_warehouse',
  'data_warehouse_person_property',
  'revenue_analytics',
]);
export type BreakdownType = z.infer<typeof BreakdownType>;

export const BreakdownItem = z.strictObject({
  property: z.union([z.string(), z.number()]),
  type: BreakdownType.nullish(),
  normalize_url: z.boolean().nullish(),
  group_type_index: z.number().int().nullish(),
  histogram_bin_count: z.number().int().nullish(),
});

/** §1.7 */
export const BreakdownFilter = z.strictObject({
  breakdown: z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]).nullish(),
  breakdown_type: BreakdownType.nullish(),
  breakdown_limit: z.number().int().nullish(),
  breakdown_normalize_url: z.boolean().nullish(),
  breakdown_group_type_index: z.number().int().nullish(),
  breakdown_histogram_bin_count: z.number().int().nullish(),
  breakdown_hide_other_aggregation: z.boolean().nullish(),
  breakdown_path_cleaning: z.boolean().nullish(),
  breakdowns: z.array(BreakdownItem).max(3).nullish(),
});
export type BreakdownFilter = z.infer<typeof BreakdownFilter>;
