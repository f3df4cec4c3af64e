import { z } from 'zod';
import { DrfInteger, drfChar } from '../drf-fields.js';

export const BULK_UPDATE_TAGS_MAX_IDS = 500;
export const BULK_UPDATE_TAGS_MAX_TAGS = 100;
export const BULK_UPDATE_TAGS_MAX_CHANGES = 10_000;

/** Distinct normalised tags (PostHog's tagify: trimmed, lowercased, blanks dropped), sorted. */
export function tagify(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => String(tag).trim().toLowerCase()).filter(Boolean))].sort();
}

/** `POST …/bulk_update_tags/` body with PostHog's limits and messages (spec §7). */
export const BulkUpdateTagsRequest = z
  .object({
    ids: z.array(DrfInteger).min(1).max(BULK_UPDATE_TAGS_MAX_IDS),
    action: z.enum(['add', 'remove', 'set']),
    tags: z.array(drfChar(255)).max(BULK_UPDATE_TAGS_MAX_TAGS),
  })
  .superRefine((body, ctx) => {
    if ((body.action === 'add' || body.action === 'remove') && body.tags.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['tags'],
        message: `tags must not be empty for action '${body.action}'.`,
        params: { code: 'invalid' },
      });
      return;
    }
    if (body.ids.length * tagify(body.tags).length > BULK_UPDATE_TAGS_MAX_CHANGES) {
      ctx.addIssue({
        code: 'custom',
        path: ['tags'],
        message: `Too many changes in one request: ids × distinct tags must not exceed ${BULK_UPDATE_TAGS_MAX_CHANGES}.`,
        params: { code: 'invalid' },
      });
    }
  });
export type BulkUpdateTagsRequest = z.infer<typeof BulkUpdateTagsRequest>;

export const BULK_UPDATE_TAGS_SKIP_REASON = 'Not found or no edit access';

export const BulkUpdateTagsResponse = z
  .object({
    updated: z.array(z.object({ id: z.number().int(), tags: z.array(z.string()) })),
    skipped: z.array(z.object({ id: z.number().int(), reason: z.string() })),
  })
  .meta({ id: 'BulkUpdateTagsResponse' });
export type BulkUpdateTagsResponse = z.infer<typeof BulkUpdateTagsResponse>;
