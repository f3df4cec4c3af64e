import type { ActivityChange, InsightSnapshot } from '@insights/contracts';

/**
 * The fields an insight's activity reports, in PostHog's order (`tags` comes first there because tagged items are
 * read before the model's own fields; `dashboards`, a reverse relation, last). Everything else of the snapshot is on
 * §15's exclusion list: id, short_id, order, saved, is_sample, last_modified_at.
 */
const INSIGHT_FIELDS = [
  'tags',
  'name',
  'derived_name',
  'description',
  'filters',
  'query',
  'deleted',
  'favorited',
  'dashboards',
] as const;

type InsightField = (typeof INSIGHT_FIELDS)[number];

/** Python's falsy "empty values" of a field: None, "", [], (), {}. `false` and `0` are values. */
function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** Structural equality as Python's `==` on JSON values: objects compare regardless of key order. */
function sameValue(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    return left.every((item, index) => sameValue(item, right[index]));
  }
  const leftKeys = Object.keys(left);
  const rightRecord = right as Record<string, unknown>;
  if (leftKeys.length !== Object.keys(rightRecord).length) return false;
  return leftKeys.every(
    (key) => Object.hasOwn(rightRecord, key) && sameValue((left as Record<string, unknown>)[key], rightRecord[key]),
  );
}

/** A field's value as the activity log shows it: tags as a sorted list of names, dashboards as sorted ids. */
function fieldValue(snapshot: InsightSnapshot | null, field: InsightField): unknown {
  if (!snapshot) return null;
  if (field === 'tags') return [...(snapshot.tags ?? [])].sort();
  if (field === 'dashboards') return [...(snapshot.dashboards ?? [])].sort((a, b) => a - b);
  return snapshot[field];
}

/**
 * PostHog's `changes_between("Insight", before, after)` over our snapshots: per reported field, nothing when both
 * sides are empty, `created` when only the before side is, `deleted` when only the after side is, and `changed` when
 * they differ. Every change carries both `before` and `after` (null for the missing side), as PostHog's `Change` does.
 */
export function insightChanges(before: InsightSnapshot | null, after: InsightSnapshot | null): ActivityChange[] {
  const changes: ActivityChange[] = [];
  for (const field of INSIGHT_FIELDS) {
    const left = fieldValue(before, field);
    const right = fieldValue(after, field);
    const leftEmpty = isEmpty(left);
    const rightEmpty = isEmpty(right);
    if (leftEmpty && rightEmpty) continue;
    if (leftEmpty) {
      changes.push({ type: 'Insight', action: 'created', field, before: null, after: right });
    } else if (rightEmpty) {
      changes.push({ type: 'Insight', action: 'deleted', field, before: left, after: null });
    } else if (!sameValue(left, right)) {
      changes.push({ type: 'Insight', action: 'changed', field, before: left, after: right });
    }
  }
  return changes;
}
