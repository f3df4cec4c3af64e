import { z } from 'zod';

/** What the activity log and other readers need of an insight, before and after a change. */
export const InsightSnapshot = z.object({
  id: z.number().int(),
  short_id: z.string(),
  name: z.string().nullable(),
  derived_name: z.string().nullable(),
  description: z.string().nullable(),
  filters: z.record(z.string(), z.unknown()),
  query: z.unknown().nullable(),
  order: z.number().int().nullable(),
  deleted: z.boolean(),
  favorited: z.boolean(),
  saved: z.boolean(),
  is_sample: z.boolean(),
  tags: z.array(z.string()),
  dashboards: z.array(z.number().int()),
  last_modified_at: z.iso.datetime({ offset: true }),
});
export type InsightSnapshot = z.infer<typeof InsightSnapshot>;

/** The user who made a change, as the principal carried it. */
export const EventActor = z.object({
  id: z.number().int(),
  uuid: z.string(),
  distinct_id: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string(),
  is_email_verified: z.boolean(),
});
export type EventActor = z.infer<typeof EventActor>;

export const InsightEventType = z.enum(['insight.created', 'insight.updated', 'insight.deleted', 'insight.restored']);
export type InsightEventType = z.infer<typeof InsightEventType>;

/** The domain event written to the insights outbox for every insight change. */
export const InsightEvent = z.object({
  id: z.uuid(),
  type: InsightEventType,
  occurredAt: z.iso.datetime({ offset: true }),
  projectId: z.number().int(),
  organizationId: z.string().nullable(),
  insightId: z.number().int(),
  /**
   * The insight's version after this change: 1 at creation, one more with every change. Changes to one insight are
   * serialized by its row lock, so a reader that applies an event only when it is newer than what it holds ends in
   * the insight's latest state whatever order events reach it in.
   */
  version: z.number().int().positive(),
  actor: EventActor.nullable(),
  client: z.string().nullable(),
  before: InsightSnapshot.nullable(),
  after: InsightSnapshot,
});
export type InsightEvent = z.infer<typeof InsightEvent>;
