import { z } from 'zod';
import { PropertyFilters } from './property-filters.js';

export const DateRange = z.strictObject({
  date_from: z.string().nullish(),
  date_to: z.string().nullish(),
  explicitDate: z.boolean().nullish(),
});
export type DateRange = z.infer<typeof DateRange>;

export const IntervalType = z.enum(['second', 'minute', 'hour', 'day', 'week', 'month']);
export type IntervalType = z.infer<typeof IntervalType>;

export const CompareFilter = z.strictObject({
  compare: z.boolean().nullish(),
  compare_to: z.string().nullish(),
});

/** `InsightsQueryBase` (§1.1): the fields every insight query accepts. */
export const insightBaseFields = {
  version: z.number().nullish(),
  dateRange: DateRange.nullish(),
  filterTestAccounts: z.boolean().nullish(),
  properties: PropertyFilters.nullish(),
  aggregation_group_type_index: z.number().int().nullish(),
  samplingFactor: z.number().nullish(),
  dataColorTheme: z.number().nullish(),
  // Engine knobs are echoed, not interpreted; PostHog's list of them changes often.
  modifiers: z.looseObject({}).nullish(),
  tags: z.looseObject({}).nullish(),
  response: z.looseObject({}).nullish(),
};

const ResultCustomizations = z.record(z.string(), z.looseObject({}));

export const GoalLines = z.array(z.looseObject({}));

export { ResultCustomizations };
