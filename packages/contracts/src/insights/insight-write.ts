import { z } from 'zod';
import { refuseUnstorable } from '../storable-text.js';

const Text400 = z.string().max(400).nullable();

/**
 * Writable insight fields (spec §14.3). `query` is validated separately, before this schema, because an invalid
 * query is a parse_error (spec §2.6), not a validation_error.
 */
export const InsightWriteBody = z.object({
  name: Text400.optional(),
  derived_name: Text400.optional(),
  description: Text400.optional(),
  query: z.looseObject({ kind: z.string() }).nullable().optional(),
  filters: z.record(z.string(), z.unknown()).optional(),
  order: z.number().int().nullable().optional(),
  deleted: z.boolean().optional(),
  dashboards: z.array(z.number().int()).optional(),
  tags: z.array(z.string().max(255)).max(100).optional(),
  favorited: z.boolean().optional(),
  saved: z.boolean().optional(),
  // Accepted and ignored (PostHog files the insight in a folder); refused with text PostgreSQL could not store, as any CharField.
  _create_in_folder: z.string().superRefine(refuseUnstorable).optional(),
});
export type InsightWriteBody = z.infer<typeof InsightWriteBody>;
