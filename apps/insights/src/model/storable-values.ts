import type { InsightWriteBody } from '@insights/contracts';
import { fitsInt4, INT4_MAX, INT4_MIN } from '@insights/db';
import { serviceError, validationError } from '@insights/transport';
import type { TRPCError } from '@trpc/server';

// With the `u` flag a well-formed surrogate pair is one code point, so only a lone surrogate matches.
const LONE_SURROGATE = /\p{Surrogate}/u;

/** PostgreSQL text cannot hold U+0000; text and jsonb cannot hold a lone UTF-16 surrogate (jsonb rejects the escape). */
function characterProblem(text: string): 'null_characters_not_allowed' | 'surrogate_characters_not_allowed' | null {
  if (text.includes('\u0000')) return 'null_characters_not_allowed';
  if (LONE_SURROGATE.test(text)) return 'surrogate_characters_not_allowed';
  return null;
}

const CHARACTER_DETAIL = {
  null_characters_not_allowed: 'Null characters are not allowed.',
  surrogate_characters_not_allowed: 'Unpaired surrogate characters are not allowed.',
} as const;

/** The first string (key or value) anywhere in a JSON value that PostgreSQL cannot store; iterative, any depth. */
function jsonCharacterProblem(value: unknown): ReturnType<typeof characterProblem> {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current === 'string') {
      const problem = characterProblem(current);
      if (problem) return problem;
    } else if (typeof current === 'object' && current !== null) {
      const isArray = Array.isArray(current);
      for (const [key, child] of Object.entries(current)) {
        if (!isArray) pending.push(key);
        pending.push(child);
      }
    }
  }
  return null;
}

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
    const problem = typeof text === 'string' ? characterProblem(text) : null;
    if (problem) throw validationError(CHARACTER_DETAIL[problem], field, problem);
  }
  for (const [index, tag] of (body.tags ?? []).entries()) {
    const problem = characterProblem(tag);
    if (problem) throw validationError(CHARACTER_DETAIL[problem], `tags__${index}`, problem);
  }
  if (body.order != null && !fitsInt4(body.order)) throw rangeError(body.order, 'order');
  for (const [index, dashboard] of (body.dashboards ?? []).entries()) {
    if (!fitsInt4(dashboard)) throw rangeError(dashboard, `dashboards__${index}`);
  }
  const filtersProblem = jsonCharacterProblem(body.filters);
  if (filtersProblem) throw validationError(CHARACTER_DETAIL[filtersProblem], 'filters', filtersProblem);
  const queryProblem = jsonCharacterProblem(body.query);
  if (queryProblem) {
    throw serviceError('BAD_REQUEST', {
      type: 'invalid_request',
      code: 'parse_error',
      detail: `Invalid query: ${CHARACTER_DETAIL[queryProblem]}`,
      attr: null,
    });
  }
}

/** A text filter no stored value can equal or contain (stored text never holds U+0000): it matches nothing. */
export function matchesNoStoredText(text: string | undefined): boolean {
  return text?.includes('\u0000') ?? false;
}
