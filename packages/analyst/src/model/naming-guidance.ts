import type { MetadataQuery } from '../metadata/metadata-query.js';

/** Per-kind naming advice for the metadata prompt (§9 step 3), in our words. */
const NAMING_GUIDANCE: Record<string, string> = {
  TrendsQuery:
    'This is a TRENDS insight: one or more metrics over time. With one series, name the metric ("Daily Pageviews", "Weekly Active Users"); with two to six, list them ("Pageviews, Signups, and Purchases"); with more, name the first and add "and Other Key Metrics". Work a notable aggregation (unique users, average per user) into the name naturally.',
  FunnelsQuery:
    'This is a FUNNEL insight: conversion through ordered steps. Put an arrow between the first and last step ("Signup → Purchase Conversion"); with four or more steps use only the entry and the exit. Never use "vs"; end with "Conversion" or "Funnel".',
  RetentionQuery:
    'This is a RETENTION insight: how many users come back after a first event. Leave out details such as first occurrence or filters. Lead with a non-default period ("Weekly Retention after Signup"); when the start and return events differ, name both ("Retention: Signup → Feature Use").',
  StickinessQuery:
    'This is a STICKINESS insight: on how many days or weeks users did an event. Focus on the event and the engagement ("Dashboard Stickiness", "Feature Use Frequency").',
  LifecycleQuery:
    'This is a LIFECYCLE insight: new, returning, resurrecting and dormant users. Name the event it tracks ("Pageview Lifecycle", "Signup Lifecycle").',
  PathsQuery:
    'This is a PATHS insight: the sequences of pages, screens or events users go through. Use short labels for path types ($pageview → Page, $screen → Screen, custom events → Event) joined with "&" ("Page & Screen Paths"); for a URL start or end point use its meaningful path segment ("Insights Page"); humanise event names.',
  EventsQuery:
    'This is an EVENTS table: a list of raw events matching filters. Lead with the humanised event name ("Pageviews", or "Events" when there is none), then the time window ("in the Last 24 Hours") and property filters ("on Chrome"); put a cohort name in parentheses.',
  ActorsQuery:
    'This is an ACTORS view: a table of persons, groups or sessions matching an insight. Start with the actor type ("Persons Who Performed Pageviews", "Organizations Who Performed Pageviews", "Sessions with Pageviews"). Lead with a lifecycle status when there is one ("Resurrecting Persons on Pageviews") and include a funnel step ("Persons Who Dropped Off at Step 3: Signup → Purchase"). The description says which actors are listed and by which criteria.',
  GroupsQuery:
    'This is a GROUPS list: a table of group entities. Lead with the group type name as given, then property filters ("Accounts on Enterprise Plan") or the search term (\'Organizations Matching "Acme"\').',
};

/** The advice for a query; an actors view of an insight also gets the advice for that insight's kind. */
export function namingGuidance(query: MetadataQuery): string {
  if (query.kind === 'ActorsQuery') {
    const source = query.source;
    const inner =
      source && 'source' in source && typeof source.source === 'object' ? (source.source as { kind: string }) : null;
    return inner
      ? `${NAMING_GUIDANCE.ActorsQuery}\nThe underlying insight is a ${inner.kind}. ${NAMING_GUIDANCE[inner.kind] ?? ''}`.trim()
      : NAMING_GUIDANCE.ActorsQuery!;
  }
  const kind = query.kind === 'InsightVizNode' ? query.source.kind : query.kind;
  return NAMING_GUIDANCE[kind] ?? '';
}
