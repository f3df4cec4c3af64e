import type { Generated } from 'kysely';

export interface TagTable {
  id: Generated<number>;
  project_id: number;
  name: string;
}

export interface TaggedItemTable {
  project_id: number;
  insight_id: number;
  tag_id: number;
}

/** The version of each insight whose tags the read model last applied. */
export interface InsightVersionTable {
  project_id: number;
  insight_id: number;
  version: number;
}

export interface TaggingDatabase {
  'tagging.tag': TagTable;
  'tagging.tagged_item': TaggedItemTable;
  'tagging.insight_version': InsightVersionTable;
}

export const TAGGING_SCHEMA = 'tagging';
