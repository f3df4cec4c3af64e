import { restContract } from '@insights/contracts';
import { initServer } from '@ts-rest/fastify';
import type { Kysely } from 'kysely';
import type { GatewayDatabase } from '../db/database.js';
import { readCurrentKey } from '../identity/current-key.js';
import { readCurrentUser } from '../identity/current-user.js';
import { readOrganization } from '../identity/organization.js';
import { listProjectsOfKey, readProject } from '../identity/projects.js';
import { absoluteRequestUrl, type PublicUrlPolicy } from '../public-url.js';
import { limitOffsetLinks } from '../render/limit-offset-links.js';
import { notFound } from '../render/posthog-error.js';
import { authorizedOf } from '../request-state.js';

const DEFAULT_PROJECT_PAGE = 100;

/** Identity routes: the gateway owns users, keys, organizations and projects, so it answers these itself. */
export function identityRoutes(db: Kysely<GatewayDatabase>, urls: PublicUrlPolicy) {
  const s = initServer();
  return s.router(restContract.identity, {
    currentUser: async ({ request }) => ({
      status: 200,
      body: await readCurrentUser(db, authorizedOf(request).identity),
    }),
    currentKey: async ({ request }) => {
      const key = await readCurrentKey(db, authorizedOf(request).identity.keyId);
      if (!key) throw notFound();
      return { status: 200, body: key };
    },
    organization: async ({ params, request }) => {
      const organization = await readOrganization(
        db,
        authorizedOf(request).identity.user.id,
        params.organization_id.toLowerCase(),
      );
      if (!organization) throw notFound();
      return { status: 200, body: organization };
    },
    projects: async ({ query, request }) => {
      const limit = query.limit ?? DEFAULT_PROJECT_PAGE;
      const offset = query.offset ?? 0;
      const page = await listProjectsOfKey(db, authorizedOf(request).identity, { limit, offset });
      const links = limitOffsetLinks(absoluteRequestUrl(request, urls), { limit, offset, count: page.count });
      return { status: 200, body: { count: page.count, ...links, results: page.results } };
    },
    project: async ({ params }) => {
      const project = await readProject(db, Number(params.project_id));
      if (!project) throw notFound();
      return { status: 200, body: project };
    },
  });
}
