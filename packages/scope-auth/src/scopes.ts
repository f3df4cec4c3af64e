import { z } from 'zod';

export const WILDCARD_SCOPE = '*';

/** A scope an operator may grant: `<object>:read`, `<object>:write` (e.g. `activity_log:read`) or `*`. */
export const ScopeString = z
  .string()
  .regex(/^(\*|[a-z][a-z_]*:(read|write))$/, 'Scope must be "<object>:read", "<object>:write" or "*"');
export type ScopeString = z.infer<typeof ScopeString>;

/** True when the granted scopes allow `required`: `*` allows everything and `X:write` also allows `X:read`. */
export function scopeSatisfied(granted: readonly string[], required: string): boolean {
  if (granted.includes(WILDCARD_SCOPE) || granted.includes(required)) return true;
  if (!required.endsWith(':read')) return false;
  return granted.includes(`${required.slice(0, -':read'.length)}:write`);
}

/** The first required scope the granted scopes do not allow, or null when all are allowed. */
export function firstMissingScope(granted: readonly string[], required: readonly string[]): string | null {
  return required.find((scope) => !scopeSatisfied(granted, scope)) ?? null;
}
