import { z } from 'zod';
import { FunnelsQuery } from './funnels-query.js';
import { LifecycleQuery } from './lifecycle-query.js';
import { RetentionQuery } from './retention-query.js';
import { StickinessQuery } from './stickiness-query.js';
import { TrendsQuery } from './trends-query.js';

export const InsightQuery = z.discriminatedUnion('kind', [
  TrendsQuery,
  FunnelsQuery,
  RetentionQuery,
  StickinessQuery,
  LifecycleQuery,
]);
export type InsightQuery = z.infer<typeof InsightQuery>;

/** The wrapper saved on insights; its view flags do not affect results (§1.1). */
export const InsightVizNode = z.strictObject({
  kind: z.literal('InsightVizNode'),
  version: z.number().nullish(),
  source: InsightQuery,
  full: z.boolean().nullish(),
  showHeader: z.boolean().nullish(),
  showTable: z.boolean().nullish(),
  showCorrelationTable: z.boolean().nullish(),
  showLastComputation: z.boolean().nullish(),
  showLastComputationRefresh: z.boolean().nullish(),
  showFilters: z.boolean().nullish(),
  showResults: z.boolean().nullish(),
  embedded: z.boolean().nullish(),
  suppressSessionAnalysisWarning: z.boolean().nullish(),
  hidePersonsModal: z.boolean().nullish(),
  hideTooltipOnScroll: z.boolean().nullish(),
  vizSpecificOptions: z.looseObject({}).nullish(),
});
