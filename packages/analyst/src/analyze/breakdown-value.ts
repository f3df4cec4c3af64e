import { isRecord } from './json-guards.js';

const NULL_MARKER = '$$_posthog_breakdown_null_$$';
const OTHER_MARKER = '$$_posthog_breakdown_other_$$';

/** Whether a breakdown value is the bucket of everything beyond the breakdown limit (trends/retention marker, funnels `Other`). */
export function isOtherBreakdownValue(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every((part) => part === OTHER_MARKER || part === 'Other');
  return value === OTHER_MARKER || value === 'Other';
}

function partLabel(part: unknown): string {
  if (part === null || part === undefined || part === '' || part === NULL_MARKER) return '(no value)';
  if (part === OTHER_MARKER) return 'Other';
  if (part === 'all') return 'all users';
  return String(part);
}

/** A breakdown value as a reader sees it: markers replaced, multi-property values joined with ` / `. */
export function breakdownValueLabel(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '(no value)' : value.map(partLabel).join(' / ');
  return partLabel(value);
}

/** The property a query is broken down by (`$browser`, `$browser and $os`), or null without a breakdown. */
export function breakdownDimension(breakdownFilter: unknown): string | null {
  if (!isRecord(breakdownFilter)) return null;
  const { breakdown, breakdowns } = breakdownFilter;
  if (Array.isArray(breakdowns) && breakdowns.length > 0) {
    const properties = breakdowns.map((item) => (isRecord(item) ? String(item.property) : String(item)));
    return properties.join(' and ');
  }
  if (typeof breakdown === 'string' && breakdown.length > 0) return breakdown;
  if (typeof breakdown === 'number') return `cohort ${breakdown}`;
  if (Array.isArray(breakdown) && breakdown.length > 0) return 'cohort';
  return null;
}
