import { z } from 'zod';

// Structural validation only: the kind and the fields each kind cannot do without. Everything else passes through,
// so queries written by newer PostHog clients are stored as they were sent.
const Series = z.array(z.looseObject({ kind: z.string() }));

export const TrendsQuery = z.looseObject({ kind: z.literal('TrendsQuery'), series: Series });
export const FunnelsQuery = z.looseObject({ kind: z.literal('FunnelsQuery'), series: Series });
export const RetentionQuery = z.looseObject({
  kind: z.literal('RetentionQuery'),
  retentionFilter: z.looseObject({}),
});
export const StickinessQuery = z.looseObject({ kind: z.literal('StickinessQuery'), series: Series });
export const LifecycleQuery = z.looseObject({ kind: z.literal('LifecycleQuery'), series: Series });

export const InsightQuerySource = z.discriminatedUnion('kind', [
  TrendsQuery,
  FunnelsQuery,
  RetentionQuery,
  StickinessQuery,
  LifecycleQuery,
]);

export const InsightVizNode = z.looseObject({ kind: z.literal('InsightVizNode'), source: InsightQuerySource });
export const HogQLQuery = z.looseObject({ kind: z.literal('HogQLQuery'), query: z.string() });
export const DataTableNode = z.looseObject({
  kind: z.literal('DataTableNode'),
  source: z.looseObject({ kind: z.string() }),
});
export const DataVisualizationNode = z.looseObject({
  kind: z.literal('DataVisualizationNode'),
  source: z.looseObject({ kind: z.string() }),
});

export const EventsQuery = z.looseObject({ kind: z.literal('EventsQuery') });
export const ActorsQuery = z.looseObject({ kind: z.literal('ActorsQuery') });
export const GroupsQuery = z.looseObject({ kind: z.literal('GroupsQuery') });

/** Any query node an insight may store, or that generate_metadata names. */
export const QueryNode = z
  .discriminatedUnion('kind', [
    InsightVizNode,
    DataTableNode,
    DataVisualizationNode,
    HogQLQuery,
    EventsQuery,
    ActorsQuery,
    GroupsQuery,
  ])
  .meta({ id: 'QueryNode' });
export type QueryNode = z.infer<typeof QueryNode>;

/** A query node posted to run: any kind; the query engine validates it (unknown kinds and keys are a parse_error). */
export const QueryNodeInput = z.looseObject({ kind: z.string() }).meta({ id: 'QueryNodeInput' });

/** The text PostHog puts in a parse_error for a body whose `query` is not a valid node. */
export function describeQueryIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid query.';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'query';
  return `Invalid query: ${where}: ${issue.message}`;
}
