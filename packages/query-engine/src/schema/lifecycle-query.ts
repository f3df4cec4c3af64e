import { z } from 'zod';
import { IntervalType, insightBaseFields } from './insight-base.js';
import { SeriesNode } from './series.js';

export const LifecycleFilter = z.strictObject({
  showValuesOnSeries: z.boolean().nullish(),
  toggledLifecycles: z.array(z.enum(['new', 'resurrecting', 'returning', 'dormant'])).nullish(),
  showLegend: z.boolean().nullish(),
  stacked: z.boolean().nullish(),
});

export const LifecycleQuery = z.strictObject({
  kind: z.literal('LifecycleQuery'),
  ...insightBaseFields,
  interval: IntervalType.nullish(),
  series: z.array(SeriesNode),
  lifecycleFilter: LifecycleFilter.nullish(),
});
export type LifecycleQuery = z.infer<typeof LifecycleQuery>;
