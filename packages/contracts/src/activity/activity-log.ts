import { z } from 'zod';

const DateTime = z.iso.datetime({ offset: true });

/** One field's change in an activity entry (spec §15). */
export const ActivityChange = z
  .object({
    type: z.string(),
    action: z.enum(['created', 'deleted', 'changed']),
    field: z.string(),
    before: z.unknown().optional().meta({ description: "The field's value before the change (any JSON value)." }),
    after: z.unknown().optional().meta({ description: "The field's value after the change (any JSON value)." }),
  })
  .meta({ id: 'ActivityChange' });
export type ActivityChange = z.infer<typeof ActivityChange>;

export const ActivityDetail = z
  .object({
    name: z.string().nullable(),
    short_id: z.string().nullable(),
    type: z.string().nullable(),
    changes: z.array(ActivityChange).nullable(),
    trigger: z.unknown().nullable(),
  })
  .meta({ id: 'ActivityDetail' });
export type ActivityDetail = z.infer<typeof ActivityDetail>;

export const ActivityUser = z.union([
  z.object({ first_name: z.string(), email: z.string().nullable() }),
  z.object({ first_name: z.literal('System'), email: z.null(), is_system: z.literal(true) }),
]);

/** PostHog's `ActivityLogEntry` (spec §14.4), plus `client`: the request's X-PostHog-Client header or null. */
export const ActivityLogEntry = z
  .object({
    id: z.uuid(),
    user: ActivityUser,
    activity: z.string(),
    scope: z.string(),
    item_id: z.string(),
    detail: ActivityDetail,
    created_at: DateTime,
    client: z.string().nullable(),
  })
  .meta({ id: 'ActivityLogEntry' });
export type ActivityLogEntry = z.infer<typeof ActivityLogEntry>;

export const ActivityPage = z
  .object({
    results: z.array(ActivityLogEntry),
    next: z.url().nullable(),
    previous: z.url().nullable(),
    total_count: z.number().int(),
  })
  .meta({ id: 'ActivityLogPage' });
export type ActivityPage = z.infer<typeof ActivityPage>;

/** `limit` (default 10, above 1,000 treated as 1,000) and 1-based `page`; non-numeric, zero or negative → 400. */
export const ActivityPageQuery = z.object({
  limit: z.coerce.number().int().min(1).optional(),
  page: z.coerce.number().int().min(1).optional(),
  format: z.enum(['json', 'csv']).optional(),
});
export const ACTIVITY_DEFAULT_LIMIT = 10;
export const ACTIVITY_MAX_LIMIT = 1000;
