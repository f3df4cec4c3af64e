/** Words that stay upper case when an identifier is humanised (`$os` → `OS`, `$current_url` → `Current URL`). */
const ACRONYMS = new Map(
  ['os', 'url', 'utm', 'id', 'ip', 'api', 'ui', 'ux', 'sdk', 'seo', 'ab', 'csv', 'pdf', 'html', 'css', 'json'].map(
    (word) => [word, word.toUpperCase()],
  ),
);
const SPECIAL_WORDS = new Map([
  ['geoip', 'GeoIP'],
  ['pageview', 'Pageview'],
  ['pageleave', 'Pageleave'],
]);

/** PostHog's own events, named as their plural noun (`$pageview` → `Pageviews`); custom events get `… Events`. */
const SYSTEM_EVENT_PLURALS = new Map([
  ['$pageview', 'Pageviews'],
  ['$pageleave', 'Pageleaves'],
  ['$screen', 'Screen Views'],
  ['$autocapture', 'Autocaptured Events'],
  ['$identify', 'Identifications'],
  ['$exception', 'Exceptions'],
  ['$rageclick', 'Rage Clicks'],
  ['$feature_flag_called', 'Feature Flag Calls'],
  ['$groupidentify', 'Group Identifications'],
]);

/** Splits `$user_signed_up`, `userSignedUp`, `user-signed-up`, `user.signed.up` into lower-case words. */
function words(identifier: string): string[] {
  return identifier
    .replace(/^\$+/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_\-.:/]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

function capitalizeWord(word: string): string {
  return ACRONYMS.get(word) ?? SPECIAL_WORDS.get(word) ?? word.charAt(0).toUpperCase() + word.slice(1);
}

/** An event or property name as words a reader recognises: `$pageview` → `Pageview`, `$geoip_country_code` → `GeoIP Country Code`. */
export function humanizeIdentifier(identifier: string): string {
  const parts = words(identifier);
  return parts.length === 0 ? identifier : parts.map(capitalizeWord).join(' ');
}

/** The plural noun for counting an event in a name: `Pageviews` for `$pageview`, `Signed Up Events` for `signed_up`. */
export function eventPluralNoun(event: string): string {
  return SYSTEM_EVENT_PLURALS.get(event) ?? `${humanizeIdentifier(event)} Events`;
}
