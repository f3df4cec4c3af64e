import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { PostHogErrorBody } from '../error-body.js';
import { Insight } from '../insights/insight.js';
import { InsightListPage, InsightListQuery } from '../insights/insight-list.js';
import { InsightWriteBody } from '../insights/insight-write.js';
import { BulkUpdateTagsRequest, BulkUpdateTagsResponse } from '../tags/bulk-update-tags.js';
import { commonErrorResponses } from './errors.js';
import type { RouteMetadata } from './route-metadata.js';

const c = initContract();

const ProjectParams = z.object({ project_id: z.string() });
const InsightParams = z.object({ project_id: z.string(), id: z.string() });
const FormatQuery = z.object({ format: z.enum(['json', 'csv']).optional() });

function meta(action: string, objectLevel = false): RouteMetadata {
  return { action, resource: 'insight', projectScoped: true, objectLevel };
}

export const insightsContract = c.router({
  list: {
    method: 'GET',
    path: '/api/projects/:project_id/insights/',
    pathParams: ProjectParams,
    query: InsightListQuery,
    responses: { 200: InsightListPage, ...commonErrorResponses },
    summary: 'List insights',
    metadata: meta('list'),
  },
  create: {
    method: 'POST',
    path: '/api/projects/:project_id/insights/',
    pathParams: ProjectParams,
    query: FormatQuery,
    body: InsightWriteBody,
    responses: { 201: Insight, ...commonErrorResponses },
    summary: 'Create an insight',
    metadata: meta('create'),
  },
  retrieve: {
    method: 'GET',
    path: '/api/projects/:project_id/insights/:id/',
    pathParams: InsightParams,
    query: FormatQuery.extend({
      refresh: z.string().max(64).optional(),
      client_query_id: z.string().max(256).optional(),
    }),
    responses: { 200: Insight, ...commonErrorResponses },
    summary: 'Retrieve an insight by id or short_id',
    metadata: meta('retrieve'),
  },
  update: {
    method: 'PUT',
    path: '/api/projects/:project_id/insights/:id/',
    pathParams: InsightParams,
    query: FormatQuery,
    body: InsightWriteBody,
    responses: { 200: Insight, ...commonErrorResponses },
    summary: 'Update an insight',
    metadata: meta('update', true),
  },
  partialUpdate: {
    method: 'PATCH',
    path: '/api/projects/:project_id/insights/:id/',
    pathParams: InsightParams,
    query: FormatQuery,
    body: InsightWriteBody,
    responses: { 200: Insight, ...commonErrorResponses },
    summary: 'Partially update an insight; `deleted: true` soft-deletes, `deleted: false` restores',
    metadata: meta('partial_update', true),
  },
  bulkUpdateTags: {
    method: 'POST',
    path: '/api/projects/:project_id/insights/bulk_update_tags/',
    pathParams: ProjectParams,
    query: FormatQuery,
    body: BulkUpdateTagsRequest,
    responses: { 200: BulkUpdateTagsResponse, ...commonErrorResponses },
    summary: 'Add, remove or set tags on many insights at once',
    metadata: { ...meta('bulk_update_tags', true), throttle: 'query' },
  },
  destroy: {
    method: 'DELETE',
    path: '/api/projects/:project_id/insights/:id/',
    pathParams: InsightParams,
    body: c.noBody(),
    responses: { 405: PostHogErrorBody, ...commonErrorResponses },
    summary: 'Hard delete is not allowed; PATCH `deleted: true` instead',
    metadata: meta('destroy'),
  },
});

/** PostHog's operation ids, so clients generated from either document line up. */
export const insightsOperationIds: Record<keyof typeof insightsContract, string> = {
  list: 'insights_list',
  create: 'insights_create',
  retrieve: 'insights_retrieve',
  update: 'insights_update',
  partialUpdate: 'insights_partial_update',
  bulkUpdateTags: 'insights_bulk_update_tags_create',
  destroy: 'insights_destroy',
};
