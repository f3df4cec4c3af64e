import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { ActivityPage, ActivityPageQuery } from '../activity/activity-log.js';
import { commonErrorResponses } from './errors.js';
import type { RouteMetadata } from './route-metadata.js';

const c = initContract();

function meta(action: string): RouteMetadata {
  return { action, resource: 'insight', projectScoped: true, throttle: 'query' };
}

export const activityContract = c.router({
  allActivity: {
    method: 'GET',
    path: '/api/projects/:project_id/insights/activity/',
    pathParams: z.object({ project_id: z.string() }),
    query: ActivityPageQuery,
    responses: { 200: ActivityPage, ...commonErrorResponses },
    summary: 'Project-wide audit trail across all insights, newest first',
    metadata: meta('all_activity'),
  },
  insightActivity: {
    method: 'GET',
    path: '/api/projects/:project_id/insights/:id/activity/',
    pathParams: z.object({ project_id: z.string(), id: z.string() }),
    query: ActivityPageQuery,
    responses: { 200: ActivityPage, ...commonErrorResponses },
    summary: 'Audit trail of one insight, newest first',
    metadata: meta('activity'),
  },
});

export const activityOperationIds: Record<keyof typeof activityContract, string> = {
  allActivity: 'insights_all_activity_retrieve',
  insightActivity: 'insights_activity_retrieve',
};
