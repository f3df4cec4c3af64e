import { describe, expect, it } from 'vitest';
import { countPhrase, pluralNoun } from './pluralize.js';

describe('countPhrase', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect(countPhrase('1', 'user')).toBe('1 user');
    expect(countPhrase('0', 'user')).toBe('0 users');
    expect(countPhrase('2', 'user')).toBe('2 users');
    expect(countPhrase('1.5', 'day')).toBe('1.5 days');
    expect(countPhrase('12,345', 'event')).toBe('12,345 events');
  });

  it('takes an irregular plural when given one', () => {
    expect(countPhrase('3', 'person', 'people')).toBe('3 people');
  });
});

describe('pluralNoun', () => {
  it('follows the English endings the analyst needs', () => {
    expect(pluralNoun('day')).toBe('days');
    expect(pluralNoun('category')).toBe('categories');
    expect(pluralNoun('session')).toBe('sessions');
    expect(pluralNoun('match')).toBe('matches');
  });
});
