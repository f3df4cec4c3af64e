import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import {
  GenerateMetadataRequest,
  InsightAnalysis,
  InsightMetadata,
  InsightSuggestions,
  SuggestionsRequest,
} from '../insights/analyst.js';
import { commonErrorResponses } from './errors.js';
import type { RouteMetadata } from './route-metadata.js';

const c = initContract();

const ProjectParams = z.object({ project_id: z.string() });
const InsightParams = z.object({ project_id: z.string(), id: z.string() });
const FormatQuery = z.object({ format: z.enum(['json', 'csv']).optional() });

const meta = (action: string, objectLevel: boolean): RouteMetadata => ({
  action,
  resource: 'insight',
  projectScoped: true,
  objectLevel,
  throttle: 'ai',
});

/** The analyst endpoints (spec reference §4, §5, §9): built-in analyst by default, a model when one is configured. */
export const analystContract = c.router({
  analyze: {
    method: 'GET',
    path: '/api/projects/:project_id/insights/:id/analyze/',
    pathParams: InsightParams,
    query: FormatQuery,
    responses: { 200: InsightAnalysis, ...commonErrorResponses },
    summary: "Plain-text analysis of an insight's results",
    metadata: meta('analyze', true),
  },
  suggestions: {
    method: 'GET',
    path: '/api/projects/:project_id/insights/:id/suggestions/',
    pathParams: InsightParams,
    query: FormatQuery,
    responses: { 200: InsightSuggestions, ...commonErrorResponses },
    summary: 'Follow-up insights, each with a ready-to-run query',
    metadata: meta('suggestions', true),
  },
  suggestionsWithContext: {
    method: 'POST',
    path: '/api/projects/:project_id/insights/:id/suggestions/',
    pathParams: InsightParams,
    query: FormatQuery,
    body: SuggestionsRequest,
    responses: { 200: InsightSuggestions, ...commonErrorResponses },
    summary: 'Follow-up insights, given some context (e.g. a previous analysis)',
    metadata: meta('suggestions', true),
  },
  generateMetadata: {
    method: 'POST',
    path: '/api/projects/:project_id/insights/generate_metadata/',
    pathParams: ProjectParams,
    query: FormatQuery,
    body: GenerateMetadataRequest,
    responses: { 200: InsightMetadata, ...commonErrorResponses },
    summary: 'A name and a description for a query',
    metadata: meta('generate_metadata', false),
  },
});

export const analystOperationIds: Record<keyof typeof analystContract, string> = {
  analyze: 'insights_analyze_retrieve',
  suggestions: 'insights_suggestions_retrieve',
  suggestionsWithContext: 'insights_suggestions_create',
  generateMetadata: 'insights_generate_metadata_create',
};
