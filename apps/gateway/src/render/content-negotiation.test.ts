import { describe, expect, it } from 'vitest';
import { negotiateContent, splitFormatSuffix } from './content-negotiation.js';

describe('content negotiation (DRF)', () => {
  const format = (request: Parameters<typeof negotiateContent>[0]) => negotiateContent(request);

  it('answers JSON when nothing is asked, or anything is accepted', () => {
    expect(format({ query: {} })).toEqual({ format: 'json' });
    expect(format({ query: {}, accept: '*/*' })).toEqual({ format: 'json' });
    expect(format({ query: {}, accept: '' })).toEqual({ format: 'json' });
    expect(format({ query: {}, accept: 'text/html,application/xhtml+xml,*/*;q=0.8' })).toEqual({ format: 'json' });
  });

  it('answers CSV to Accept: text/csv, or text/*', () => {
    expect(format({ query: {}, accept: 'text/csv' })).toEqual({ format: 'csv' });
    expect(format({ query: {}, accept: 'text/*' })).toEqual({ format: 'csv' });
    expect(format({ query: {}, accept: 'TEXT/CSV; charset=utf-8' })).toEqual({ format: 'csv' });
  });

  it('prefers the most specific media type, then JSON; q-values do not order the choice', () => {
    expect(format({ query: {}, accept: 'text/csv, application/json' })).toEqual({ format: 'json' });
    expect(format({ query: {}, accept: 'text/csv, */*' })).toEqual({ format: 'csv' });
    expect(format({ query: {}, accept: 'application/json;q=0.1, text/csv;q=1' })).toEqual({ format: 'json' });
    expect(format({ query: {}, accept: 'application/*, text/csv; header=present' })).toEqual({ format: 'csv' });
  });

  it('lets the suffix, then ?format=, pick the renderer; an unknown format is not found', () => {
    expect(format({ suffix: 'csv', query: {} })).toEqual({ format: 'csv' });
    expect(format({ suffix: 'csv', query: { format: 'json' } })).toEqual({ format: 'csv' });
    expect(format({ query: { format: 'csv' } })).toEqual({ format: 'csv' });
    expect(format({ query: { format: 'xml' } })).toEqual({ refused: 'not_found' });
    expect(format({ query: { format: ['json', 'csv'] } })).toEqual({ refused: 'not_found' });
  });

  it('refuses what no renderer can give: 406', () => {
    expect(format({ query: {}, accept: 'application/xml' })).toEqual({ refused: 'not_acceptable' });
    expect(format({ query: { format: 'csv' }, accept: 'application/json' })).toEqual({ refused: 'not_acceptable' });
  });
});

describe('format suffixes', () => {
  it('takes .csv and .json off the last segment of an API path, with or without a trailing slash', () => {
    expect(splitFormatSuffix('/api/projects/1/insights.csv')).toEqual({
      url: '/api/projects/1/insights/',
      suffix: 'csv',
    });
    expect(splitFormatSuffix('/api/projects/1/insights/7.csv?x=1')).toEqual({
      url: '/api/projects/1/insights/7/?x=1',
      suffix: 'csv',
    });
    expect(splitFormatSuffix('/api/projects/1/insights/my_last_viewed.json/')).toEqual({
      url: '/api/projects/1/insights/my_last_viewed/',
      suffix: 'json',
    });
  });

  it('leaves other URLs alone', () => {
    expect(splitFormatSuffix('/api/projects/1/insights/')).toBeNull();
    expect(splitFormatSuffix('/api/projects/1/insights/7.xml')).toBeNull();
    expect(splitFormatSuffix('/batch/x.csv')).toBeNull();
    expect(splitFormatSuffix('/api/projects/1/insights/?search=a.csv')).toBeNull();
  });
});
