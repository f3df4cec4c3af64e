import { z } from 'zod';
import { BreakdownFilter } from './breakdown-filter.js';
import { insightBaseFields } from './insight-base.js';
import { AnyPropertyFilter } from './property-filters.js';

/** `RetentionEntity` (§4.1). */
export const RetentionEntity = z.strictObject({
  id: z.union([z.string(), z.number()]).nullish(),
  type: z.enum(['events', 'actions', 'new_entity']).nullish(),
  kind: z.enum(['EventsNode', 'ActionsNode']).nullish(),
  name: z.string().nullish(),
  custom_name: z.string().nullish(),
  order: z.number().int().nullish(),
  uuid: z.string().nullish(),
  properties: z.array(AnyPropertyFilter).nullish(),
});
export type RetentionEntity = z.infer<typeof RetentionEntity>;

export const RetentionPeriod = z.enum(['Hour', 'Day', 'Week', 'Month']);
export type RetentionPeriod = z.infer<typeof RetentionPeriod>;

export const RetentionFilter = z.strictObject({
  retentionType: z.enum(['retention_recurring', 'retention_first_time', 'retention_first_ever_occurrence']).nullish(),
  retentionReference: z.enum(['total', 'previous']).nullish(),
  totalIntervals: z.number().int().nullish(),
  minimumOccurrences: z.number().int().nullish(),
  returningEntity: RetentionEntity.nullish(),
  targetEntity: RetentionEntity.nullish(),
  period: RetentionPeriod.nullish(),
  cumulative: z.boolean().nullish(),
  timeWindowMode: z.enum(['strict_calendar_dates', '24_hour_windows']).nullish(),
  meanRetentionCalculation: z.enum(['simple', 'weighted', 'none']).nullish(),
  display: z.string().nullish(),
  dashboardDisplay: z.string().nullish(),
  showTrendLines: z.boolean().nullish(),
  selectedInterval: z.number().int().nullish(),
  retentionCustomBrackets: z.array(z.number()).nullish(),
});
export type RetentionFilter = z.infer<typeof RetentionFilter>;

export const RetentionQuery = z.strictObject({
  kind: z.literal('RetentionQuery'),
  ...insightBaseFields,
  retentionFilter: RetentionFilter,
  breakdownFilter: BreakdownFilter.nullish(),
});
export type RetentionQuery = z.infer<typeof RetentionQuery>;
