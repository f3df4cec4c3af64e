/**
 * A copy of a JSON value without `null`-valued object keys, at any depth (pydantic's `exclude_none`). Array items
 * are kept as they are, nulls included, as pydantic keeps them.
 */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === null ? null : withoutNulls(item)));
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === null || item === undefined) continue;
    copy[key] = withoutNulls(item);
  }
  return copy;
}
