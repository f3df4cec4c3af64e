import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { CancelQueryRequest, QueryRequest, QueryResponse, QueryStatusResponse } from '../queries/query-api.js';
import { commonErrorResponses } from './errors.js';
import type { RouteMetadata } from './route-metadata.js';

const c = initContract();

const ProjectParams = z.object({ project_id: z.string() });
const QueryIdParams = z.object({ project_id: z.string(), query_id: z.string().max(256) });
const FormatQuery = z.object({ format: z.enum(['json', 'csv']).optional() });

const queryMeta = (action: string): RouteMetadata => ({
  action,
  resource: 'query',
  projectScoped: true,
  throttle: 'query',
});

/** `POST /query/` (spec §8) and its status route, and the insights cancel action (spec reference §8). */
export const queryContract = c.router({
  run: {
    method: 'POST',
    path: '/api/projects/:project_id/query/',
    pathParams: ProjectParams,
    query: FormatQuery,
    body: QueryRequest,
    responses: { 200: QueryResponse, 202: QueryResponse, ...commonErrorResponses },
    summary: 'Run a query (TrendsQuery, FunnelsQuery, RetentionQuery, StickinessQuery, LifecycleQuery, InsightVizNode)',
    metadata: queryMeta('create'),
  },
  status: {
    method: 'GET',
    path: '/api/projects/:project_id/query/:query_id/',
    pathParams: QueryIdParams,
    query: FormatQuery,
    responses: { 200: QueryStatusResponse, 202: QueryStatusResponse, ...commonErrorResponses },
    summary: 'The status of an asynchronous query, with its results once complete',
    metadata: queryMeta('retrieve'),
  },
  cancelInsightQueries: {
    method: 'POST',
    path: '/api/projects/:project_id/insights/cancel/',
    pathParams: ProjectParams,
    query: FormatQuery,
    body: CancelQueryRequest,
    responses: { 201: c.noBody(), ...commonErrorResponses },
    summary: "Cancel this project's running queries started with a client_query_id",
    metadata: { action: 'cancel', resource: 'insight', projectScoped: true, throttle: 'query' },
  },
});

export const queryOperationIds: Record<keyof typeof queryContract, string> = {
  run: 'query_create',
  status: 'query_retrieve',
  cancelInsightQueries: 'insights_cancel_create',
};
