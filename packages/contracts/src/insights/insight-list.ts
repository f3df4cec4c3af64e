import { z } from 'zod';
import { unstorableTextIssue } from '../storable-text.js';
import { Insight, InsightBasic } from './insight.js';

/** `tags=["a","b"]`: a JSON-encoded list of tag names in the query string, as PostHog's clients send it. */
const TagsParam = z.string().transform((value, ctx) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((tag) => typeof tag === 'string')) {
    ctx.addIssue({
      code: 'custom',
      message: 'Expected a JSON-encoded list of tag names.',
      params: { code: 'invalid' },
    });
    return z.NEVER;
  }
  // No stored tag can hold these (PostgreSQL text refuses U+0000 and lone surrogates): refused like in bodies.
  for (const tag of parsed as string[]) {
    const issue = unstorableTextIssue(tag);
    if (issue) {
      ctx.addIssue({ code: 'custom', message: issue.message, params: { code: issue.code } });
      return z.NEVER;
    }
  }
  return parsed as string[];
});

const BooleanParam = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

export const InsightListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
  short_id: z.string().optional(),
  search: z.string().optional(),
  favorited: BooleanParam.optional(),
  created_by: z.coerce.number().int().optional(),
  basic: BooleanParam.optional(),
  saved: BooleanParam.optional(),
  tags: TagsParam.optional(),
  format: z.enum(['json', 'csv']).optional(),
  /** Spec query-results §9: `force_cache` unless the client asks for a refresh. */
  refresh: z.string().max(64).optional(),
  client_query_id: z.string().max(256).optional(),
});
export type InsightListQuery = z.infer<typeof InsightListQuery>;

function page<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      count: z.number().int(),
      next: z.url().nullable(),
      previous: z.url().nullable(),
      results: z.array(item),
    })
    .meta({ id });
}

export const InsightListPage = page(z.union([Insight, InsightBasic]), 'PaginatedInsightList');
export type InsightListPage = z.infer<typeof InsightListPage>;
