import { type InsightWriteBody, unstorableJsonIssue, unstorableTextIssue } from '@insights/contracts';
import { fitsInt4, INT4_MAX, INT4_MIN } from '@insights/db';
import { serviceError, validationError } from '@insights/transport';
import type { TRPCError } from '@trpc/server';

function rangeError(value: number, attr: string): TRPCError {
  return value > INT4_MAX
    ? validationError(`Ensure this value is less than or equal to ${INT4_MAX}.`, attr, 'max_value')
    : validationError(`Ensure this value is greater than or equal to ${INT4_MIN}.`, attr, 'min_value');
}

/**
 * What the contract lets through but the insight table cannot store (DRF answers these with 400s: its CharField
 * refuses null characters, a model IntegerField is bounded to int4). Checked before anything is written, tags
 * included, so such a request fails cleanly instead of with a database error. An invalid `query` is a parse_error
 * (spec §2.6); every other field a validation_error with `attr`.
 */
export function assertStorable(body: InsightWriteBody): void {
  for (const field of ['name', 'derived_name', 'description'] as const) {
    const text = body[field];
    const issue = typeof text === 'string' ? unstorableTextIssue(text) : null;
    if (issue) throw validationError(issue.message, field, issue.code);
  }
  for (const [index, tag] of (body.tags ?? []).entries()) {
    const issue = unstorableTextIssue(tag);
    if (issue) throw validationError(issue.message, `tags__${index}`, issue.code);
  }
  if (body.order != null && !fitsInt4(body.order)) throw rangeError(body.order, 'order');
  for (const [index, dashboard] of (body.dashboards ?? []).entries()) {
    if (!fitsInt4(dashboard)) throw rangeError(dashboard, `dashboards__${index}`);
  }
  const filtersIssue = unstorableJsonIssue(body.filters);
  if (filtersIssue) throw validationError(filtersIssue.message, 'filters', filtersIssue.code);
  const queryIssue = unstorableJsonIssue(body.query);
  if (queryIssue) {
    throw serviceError('BAD_REQUEST', {
      type: 'invalid_request',
      code: 'parse_error',
      detail: `Invalid query: ${queryIssue.message}`,
      attr: null,
    });
  }
}

/** A text filter no stored value can equal or contain (stored text never holds U+0000): it matches nothing. */
export function matchesNoStoredText(text: string | undefined): boolean {
  return text?.includes('\u0000') ?? false;
}
