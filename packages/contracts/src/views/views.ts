import { z } from 'zod';
import { DrfInteger } from '../drf-fields.js';
import { InsightBasic } from '../insights/insight.js';
import { UserBasic } from '../user-basic.js';

export const INSIGHT_VIEWED_MAX_IDS = 2500;

/** `POST …/viewed/` body (spec §12). */
export const InsightViewedRequest = z.object({
  insight_ids: z.array(DrfInteger).min(1).max(INSIGHT_VIEWED_MAX_IDS),
});

/** One entry of `GET …/my_last_viewed/`: the basic serializer with this user's `last_viewed_at`. */
export const MyLastViewedList = z.array(InsightBasic).meta({ id: 'MyLastViewedList' });

export const TrendingInsight = InsightBasic.extend({
  view_count: z.number().int(),
  viewers: z.array(UserBasic),
  last_modified_by: UserBasic.nullable(),
}).meta({ id: 'TrendingInsight' });
export type TrendingInsight = z.infer<typeof TrendingInsight>;

export const TrendingPage = z
  .object({
    count: z.number().int(),
    next: z.null(),
    previous: z.null(),
    results: z.array(TrendingInsight),
  })
  .meta({ id: 'TrendingInsightList' });
export type TrendingPage = z.infer<typeof TrendingPage>;

export const TRENDING_DEFAULT_DAYS = 7;
export const TRENDING_DEFAULT_LIMIT = 10;
export const TRENDING_MAX_LIMIT = 100;
