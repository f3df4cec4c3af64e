import type { RefreshMode } from './query-api.js';

const MODES_BY_NAME: readonly RefreshMode[] = [
  'async',
  'blocking',
  'force_async',
  'force_blocking',
  'force_cache',
  'lazy_async',
];

/**
 * Spec query-results §9: the `refresh` parameter of an insight read. Absent, `false`, `0`, `no` → `force_cache`
 * (cached or nothing); `true`, `1`, `yes` or empty → `force_blocking`; a mode name → that mode
 * (`async_except_on_cache_miss` is not accepted here); anything else → `force_cache`.
 */
export function insightRefreshMode(value: string | undefined): RefreshMode {
  if (value === undefined) return 'force_cache';
  const lowered = value.trim().toLowerCase();
  if (lowered === '' || lowered === 'true' || lowered === '1' || lowered === 'yes') return 'force_blocking';
  return MODES_BY_NAME.find((mode) => mode === lowered) ?? 'force_cache';
}

/**
 * Spec query-results §8.1: the `refresh` of `POST /query/`. `true` → `force_blocking`, `false`/absent → `blocking`,
 * `async: true` → `async`; `force_cache` is upgraded to `blocking` on this endpoint.
 */
export function queryRefreshMode(
  refresh: RefreshMode | boolean | null | undefined,
  async?: boolean | null,
): RefreshMode {
  if (refresh === true) return 'force_blocking';
  if (refresh === false || refresh === null || refresh === undefined) return async ? 'async' : 'blocking';
  return refresh === 'force_cache' ? 'blocking' : refresh;
}

/**
 * The refresh modes whose answer is the cached one whenever it is fresh by its target age (spec query-results §7.2):
 * what a fresh cached result answers does not depend on which of them was asked for.
 */
export const FRESH_CACHE_FIRST_MODES: ReadonlySet<RefreshMode> = new Set([
  'blocking',
  'async',
  'async_except_on_cache_miss',
]);
