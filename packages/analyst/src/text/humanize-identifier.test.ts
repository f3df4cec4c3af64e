import { describe, expect, it } from 'vitest';
import { eventPluralNoun, humanizeIdentifier } from './humanize-identifier.js';
import { countWords, titleCase } from './title-case.js';

describe('humanizeIdentifier', () => {
  it('turns event and property names into words', () => {
    expect(humanizeIdentifier('$pageview')).toBe('Pageview');
    expect(humanizeIdentifier('user_signed_up')).toBe('User Signed Up');
    expect(humanizeIdentifier('$os')).toBe('OS');
    expect(humanizeIdentifier('$current_url')).toBe('Current URL');
    expect(humanizeIdentifier('$geoip_country_code')).toBe('GeoIP Country Code');
    expect(humanizeIdentifier('checkoutStarted')).toBe('Checkout Started');
  });
});

describe('eventPluralNoun', () => {
  it('names system events by their plural and custom events as events', () => {
    expect(eventPluralNoun('$pageview')).toBe('Pageviews');
    expect(eventPluralNoun('signed_up')).toBe('Signed Up Events');
  });
});

describe('titleCase', () => {
  it('capitalises words but keeps minor words after the first in lower case', () => {
    expect(titleCase('pageviews per day by browser')).toBe('Pageviews per Day by Browser');
    expect(titleCase('the GeoIP view')).toBe('The GeoIP View');
  });
});

describe('countWords', () => {
  it('does not count symbols as words', () => {
    expect(countWords('Pageview → Signed Up Conversion')).toBe(4);
  });
});
