import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { CurrentPersonalApiKey, CurrentUser, Organization, Project, ProjectPage } from '../identity/identity.js';
import { commonErrorResponses } from './errors.js';
import type { RouteMetadata } from './route-metadata.js';

const c = initContract();
const FormatQuery = z.object({ format: z.enum(['json', 'csv']).optional() });

function meta(action: string, scope: Partial<RouteMetadata> = {}): RouteMetadata {
  return { action, resource: null, projectScoped: false, ...scope };
}

/** Who the key is and what it may reach: any valid key may ask (DESIGN.md decision 1). */
export const identityContract = c.router({
  currentUser: {
    method: 'GET',
    path: '/api/users/@me/',
    query: FormatQuery,
    responses: { 200: CurrentUser, ...commonErrorResponses },
    summary: "The key's user, with the current project and organization",
    metadata: meta('retrieve'),
  },
  currentKey: {
    method: 'GET',
    path: '/api/personal_api_keys/@current/',
    query: FormatQuery,
    responses: { 200: CurrentPersonalApiKey, ...commonErrorResponses },
    summary: 'The personal API key of this request (never its value)',
    metadata: meta('retrieve'),
  },
  organization: {
    method: 'GET',
    path: '/api/organizations/:organization_id/',
    pathParams: z.object({ organization_id: z.string() }),
    query: FormatQuery,
    responses: { 200: Organization, ...commonErrorResponses },
    summary: 'One organization of the user',
    metadata: meta('retrieve', { organizationScoped: true }),
  },
  projects: {
    method: 'GET',
    path: '/api/projects/',
    query: z.object({
      limit: z.coerce.number().int().min(1).max(1000).optional(),
      offset: z.coerce.number().int().min(0).optional(),
      format: z.enum(['json', 'csv']).optional(),
    }),
    responses: { 200: ProjectPage, ...commonErrorResponses },
    summary: 'The projects this key may use',
    metadata: meta('list'),
  },
  project: {
    method: 'GET',
    path: '/api/projects/:project_id/',
    pathParams: z.object({ project_id: z.string() }),
    query: FormatQuery,
    responses: { 200: Project, ...commonErrorResponses },
    summary: 'One project',
    metadata: meta('retrieve', { projectScoped: true }),
  },
});

export const identityOperationIds: Record<keyof typeof identityContract, string> = {
  currentUser: 'users_retrieve',
  currentKey: 'personal_api_keys_retrieve',
  organization: 'organizations_retrieve',
  projects: 'projects_list',
  project: 'projects_retrieve',
};
