import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { InsightViewedRequest, MyLastViewedList, TrendingPage } from '../views/views.js';
import { commonErrorResponses } from './errors.js';
import type { RouteMetadata } from './route-metadata.js';

const c = initContract();
const ProjectParams = z.object({ project_id: z.string() });
const FormatQuery = z.object({ format: z.enum(['json', 'csv']).optional() });

function meta(action: string): RouteMetadata {
  return { action, resource: 'insight', projectScoped: true, throttle: 'query' };
}

export const viewsContract = c.router({
  viewed: {
    method: 'POST',
    path: '/api/projects/:project_id/insights/viewed/',
    pathParams: ProjectParams,
    query: FormatQuery,
    body: InsightViewedRequest,
    responses: { 201: c.noBody(), ...commonErrorResponses },
    summary: 'Record that the current user viewed these insights; always 201 with an empty body',
    metadata: meta('viewed'),
  },
  myLastViewed: {
    method: 'GET',
    path: '/api/projects/:project_id/insights/my_last_viewed/',
    pathParams: ProjectParams,
    query: FormatQuery,
    responses: { 200: MyLastViewedList, ...commonErrorResponses },
    summary: "The caller's 5 most recently viewed insights, newest first",
    metadata: meta('my_last_viewed'),
  },
  trending: {
    method: 'GET',
    path: '/api/projects/:project_id/insights/trending/',
    pathParams: ProjectParams,
    // Parsed by hand in the route: PostHog answers one message for any bad integer (spec §11).
    query: z.object({
      days: z.string().optional(),
      limit: z.string().optional(),
      offset: z.string().optional(),
      format: z.enum(['json', 'csv']).optional(),
    }),
    responses: { 200: TrendingPage, ...commonErrorResponses },
    summary: 'Insights ranked by views in the last `days`',
    metadata: meta('trending'),
  },
});

export const viewsOperationIds: Record<keyof typeof viewsContract, string> = {
  viewed: 'insights_viewed_create',
  myLastViewed: 'insights_my_last_viewed_retrieve',
  trending: 'insights_trending_retrieve',
};
