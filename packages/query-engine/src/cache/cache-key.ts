import { createHash } from 'node:crypto';
import { parseQuery } from '../parse-query.js';
import type { ProjectSettings } from '../project.js';

/** JSON with sorted keys and without null-valued keys (an explicit null means the same as an absent field). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== null && item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A stable cache key for a query in a project (§7.5): `cache_` + md5 of the validated query (unwrapped from
 * `InsightVizNode`, without `tags`, keys sorted, nulls dropped) with the settings that change its results — time zone,
 * week start, and the test-account filters when the query applies them.
 */
export function normalizedQueryKey(node: unknown, project: ProjectSettings, projectId?: number): string {
  // Validating the node is most of the work, and every read of a cached result asks for the key of the same nodes.
  const asGiven = JSON.stringify([node, project, projectId ?? null]);
  let key = keysOfNodes.get(asGiven);
  if (key === undefined) {
    if (rememberedChars + asGiven.length > MAX_REMEMBERED_CHARS) {
      keysOfNodes.clear();
      rememberedChars = 0;
    }
    key = computeQueryKey(node, project, projectId);
    keysOfNodes.set(asGiven, key);
    rememberedChars += asGiven.length;
  }
  return key;
}

const keysOfNodes = new Map<string, string>();
/** About 20 MB of remembered nodes at most; forgotten all at once beyond that. */
const MAX_REMEMBERED_CHARS = 10_000_000;
let rememberedChars = 0;

function computeQueryKey(node: unknown, project: ProjectSettings, projectId?: number): string {
  const { tags: _tags, ...query } = parseQuery(node);
  const payload = canonicalJson({
    query_runner: query.kind,
    query,
    team_id: projectId ?? null,
    timezone: project.timezone,
    week_start_day: project.weekStartDay,
    test_account_filters: query.filterTestAccounts ? project.testAccountFilters : null,
    version: 2,
  });
  return `cache_${createHash('md5').update(`query_${payload}`).digest('hex')}`;
}
