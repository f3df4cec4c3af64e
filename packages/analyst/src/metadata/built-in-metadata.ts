import { describeQuery } from './describe-query.js';
import type { MetadataQuery } from './metadata-query.js';
import { nameQuery } from './name-query.js';
import { truncateMetadata } from './truncate-metadata.js';

export interface InsightMetadata {
  name: string;
  description: string;
}

/** generate_metadata answered without a model: a rule-built name and one-sentence description, truncated as §9 says. */
export function builtInMetadata(query: MetadataQuery): InsightMetadata {
  return truncateMetadata({ name: nameQuery(query), description: describeQuery(query) });
}
