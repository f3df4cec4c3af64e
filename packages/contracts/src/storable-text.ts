import type { z } from 'zod';

const LONE_SURROGATE = /\p{Surrogate}/u;

/** PostgreSQL text cannot hold U+0000 nor a lone UTF-16 surrogate; the reason a string is refused, or null. */
export function unstorableTextIssue(text: string): { message: string; code: string } | null {
  if (text.includes('\u0000'))
    return { message: 'Null characters are not allowed.', code: 'null_characters_not_allowed' };
  if (LONE_SURROGATE.test(text)) {
    return { message: 'Unpaired surrogate characters are not allowed.', code: 'surrogate_characters_not_allowed' };
  }
  return null;
}

/** The first such issue in any string (key or value) of a JSON value; iterative, so any depth. */
export function unstorableJsonIssue(value: unknown): { message: string; code: string } | null {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current === 'string') {
      const issue = unstorableTextIssue(current);
      if (issue) return issue;
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

/** Adds the issue of a string or JSON value PostgreSQL cannot store to a zod context, DRF-style (`params.code`). */
export function refuseUnstorable(value: unknown, ctx: z.RefinementCtx): void {
  const issue = unstorableJsonIssue(value);
  if (issue) ctx.addIssue({ code: 'custom', message: issue.message, params: { code: issue.code } });
}
