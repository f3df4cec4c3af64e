import { parseError, validationError } from './errors.js';
import { describeIssues } from './schema/describe-issues.js';
import { InsightQuery, InsightVizNode } from './schema/insight-query.js';
import { INSIGHT_KINDS, POSTHOG_NODE_KINDS } from './schema/node-kinds.js';
import { checkQuerySupported } from './validation/check-query.js';

export type { InsightQuery as ParsedQuery } from './schema/insight-query.js';

/**
 * Validates a query node like PostHog's schema (unknown keys, wrong types and unknown kinds are a `parse_error`),
 * unwraps `InsightVizNode`, and refuses what the engine cannot compute exactly (a `validation_error` naming the field).
 */
export function parseQuery(node: unknown): InsightQuery {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    throw parseError(
      'Input should be a valid dictionary or object to extract fields from [type=model_attributes_type]',
    );
  }
  const kind = (node as { kind?: unknown }).kind;
  if (typeof kind !== 'string')
    throw parseError('1 validation error for QuerySchemaRoot\nkind\n  Field required [type=missing]');
  if (!POSTHOG_NODE_KINDS.has(kind)) {
    throw parseError(
      `1 validation error for QuerySchemaRoot\nkind\n  Input tag '${kind}' found using 'kind' does not match any of the expected tags [type=union_tag_invalid]`,
    );
  }
  if (kind === 'InsightVizNode') {
    const source = (node as { source?: { kind?: unknown } }).source;
    const sourceKind = typeof source?.kind === 'string' ? source.kind : null;
    if (sourceKind !== null && POSTHOG_NODE_KINDS.has(sourceKind) && !INSIGHT_KINDS.has(sourceKind)) {
      throw validationError(`Unsupported query kind: ${sourceKind}`, 'source__kind');
    }
    const parsed = InsightVizNode.safeParse(node);
    if (!parsed.success) throw parseError(describeIssues('InsightVizNode', parsed.error));
    return checkQuerySupported(parsed.data.source);
  }
  if (!INSIGHT_KINDS.has(kind)) throw validationError(`Unsupported query kind: ${kind}`, 'kind');
  const parsed = InsightQuery.safeParse(node);
  if (!parsed.success) throw parseError(describeIssues(kind, parsed.error));
  return checkQuerySupported(parsed.data);
}
