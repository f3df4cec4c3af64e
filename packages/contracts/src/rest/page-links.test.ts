import { describe, expect, it } from 'vitest';
import { pageNumberLinks, withQueryParam } from './page-links.js';

describe('page-number links (spec §6)', () => {
  it('appends page and then limit to a URL without a query', () => {
    expect(
      pageNumberLinks('https://host/api/projects/1/insights/activity/', { page: 1, limit: 10, total: 25 }),
    ).toEqual({
      next: 'https://host/api/projects/1/insights/activity/?page=2&limit=10',
      previous: null,
    });
  });

  it('replaces page and limit digits where they already are', () => {
    const url = 'https://host/a/?limit=5&page=3&format=json';
    expect(pageNumberLinks(url, { page: 3, limit: 5, total: 100 })).toEqual({
      next: 'https://host/a/?limit=5&page=4&format=json',
      previous: 'https://host/a/?limit=5&page=2&format=json',
    });
  });

  it('has no next link on the last page', () => {
    expect(pageNumberLinks('https://h/x/?page=3', { page: 3, limit: 10, total: 30 }).next).toBeNull();
  });

  it('appends with & when a query exists', () => {
    expect(withQueryParam('https://h/x/?format=json', 'page', 2)).toBe('https://h/x/?format=json&page=2');
  });
});
