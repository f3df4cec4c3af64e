/**
 * A query that takes seconds on generated traffic (`admin events generate`): an unordered funnel of five steps over
 * the last `days` days, with a window as long. What concurrent requests pile up behind, and what a cancel or a timeout
 * can catch.
 */
export function slowFunnelQuery(days = 60) {
  return {
    kind: 'FunnelsQuery',
    series: ['$pageview', '$identify', 'signed_up', 'purchase', '$pageview'].map((event) => ({
      kind: 'EventsNode',
      event,
    })),
    funnelsFilter: { funnelOrderType: 'unordered', funnelWindowInterval: days, funnelWindowIntervalUnit: 'day' },
    dateRange: { date_from: `-${days}d` },
  };
}
