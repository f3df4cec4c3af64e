import type { InsightSnapshot } from '@insights/contracts';
import type { InsightRow } from './insight-row.js';

export function snapshotInsight(row: InsightRow, tags: readonly string[] = row.tags): InsightSnapshot {
  return {
    id: row.id,
    short_id: row.short_id,
    name: row.name,
    derived_name: row.derived_name,
    description: row.description,
    filters: row.filters,
    query: row.query,
    order: row.order,
    deleted: row.deleted,
    favorited: row.favorited,
    saved: row.saved,
    is_sample: row.is_sample,
    tags: [...tags].sort(),
    dashboards: [...row.dashboards],
    last_modified_at: row.last_modified_at.toISOString(),
  };
}
