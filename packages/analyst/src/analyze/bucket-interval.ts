import type { BucketInterval } from '../text/format-date.js';

/** The query's `interval` as a bucket size; PostHog's default is `day`, and `second` buckets read like minutes. */
export function bucketInterval(interval: string | null | undefined): BucketInterval {
  switch (interval) {
    case 'second':
    case 'minute':
      return 'minute';
    case 'hour':
    case 'week':
    case 'month':
      return interval;
    default:
      return 'day';
  }
}
