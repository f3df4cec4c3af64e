/** Trends/retention markers for a missing (null, absent or empty) breakdown value and for values past the limit (§1.7). */
export const BREAKDOWN_NULL_MARKER = '$$_posthog_breakdown_null_$$';
export const BREAKDOWN_OTHER_MARKER = '$$_posthog_breakdown_other_$$';

/** Funnels box breakdown values into arrays: a missing value is `""`, values past the limit are `"Other"` (§3.3). */
export const FUNNEL_NULL_VALUE = '';
export const FUNNEL_OTHER_VALUE = 'Other';
