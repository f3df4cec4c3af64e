import { ACTIVITY_MAX_LIMIT, pageNumberLinks } from '@insights/contracts';
import { z } from 'zod';
import { readActivityPage } from '../log/read-page.js';
import { renderActivityPage } from '../log/render-page.js';
import { scopedProcedure } from '../trpc.js';

/**
 * A bound on the URL a page's links are built from, above anything the gateway's HTTP server lets through (its
 * headers, URL included, are at most 16 KB): no request URL is ever refused here.
 */
const MAX_PAGE_URL_LENGTH = 64 * 1024;

/**
 * A page of the principal's project's activity in one scope (or one item of it), newest first, with the total, as
 * PostHog's REST body: `next`/`previous` are `pageUrl` (the absolute URL the page was asked at) with other `page`
 * numbers, so the gateway sends the answer on as it comes (JSON text, rendered by PostgreSQL and here, never parsed
 * on the way). A page past the end is empty.
 */
export const listActivity = scopedProcedure('activity_log:read')
  .input(
    z.object({
      scope: z.string().min(1).max(79),
      itemId: z.string().min(1).max(72).optional(),
      limit: z.number().int().min(1).max(ACTIVITY_MAX_LIMIT),
      page: z.number().int().min(1),
      pageUrl: z.url().max(MAX_PAGE_URL_LENGTH),
    }),
  )
  .query(async ({ input, ctx }) => {
    const page = await readActivityPage(ctx.deps.db, {
      projectId: ctx.principal.projectId ?? -1,
      scope: input.scope,
      itemId: input.itemId,
      limit: input.limit,
      page: input.page,
    });
    const links = pageNumberLinks(input.pageUrl, { page: input.page, limit: input.limit, total: page.total });
    return renderActivityPage(page, links);
  });
