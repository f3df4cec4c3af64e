/**
 * A query that takes seconds on generated traffic (`admin events generate` over 60 days): an unordered funnel of many
 * steps over the whole range. What concurrent requests pile up behind, and what a cancel or a timeout can catch.
 */
export const slowFunnelQuery = {
  kind: 'FunnelsQuery',
  series: ['$pageview', '$identify', 'signed_up', 'purchase', '$pageview'].map((event) => ({
    kind: 'EventsNode',
    event,
  })),
  funnelsFilter: { funnelOrderType: 'unordered', funnelWindowInterval: 60, funnelWindowIntervalUnit: 'day' },
  dateRange: { date_from: '-60d' },
};
