const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a value PostgreSQL accepts as a canonical uuid; anything else cannot name an existing row. */
export function looksLikeUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
