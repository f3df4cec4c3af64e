/** Copies an object's non-null keys (PostHog drops null-valued keys from the legacy `filter` echo). */
export function nonNullEntries(source: object | null | undefined): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (!source) return result;
  for (const [key, value] of Object.entries(source)) {
    if (value !== null && value !== undefined) result[key] = value;
  }
  return result;
}
