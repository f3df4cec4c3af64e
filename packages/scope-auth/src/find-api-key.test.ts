import { describe, expect, it } from 'vitest';
import { findPersonalApiKey, invalidKeyMessage } from './find-api-key.js';

const headerKey = 'phx_header';
const bodyKey = 'phx_body';
const queryKey = 'phx_query';

describe('findPersonalApiKey', () => {
  it('finds a bearer key in the Authorization header', () => {
    expect(findPersonalApiKey({ authorization: `Bearer ${headerKey}` })).toEqual({
      key: headerKey,
      source: 'Authorization header',
    });
  });

  it('prefers the Authorization header over the body and the query string', () => {
    const found = findPersonalApiKey({
      authorization: `Bearer ${headerKey}`,
      body: { personal_api_key: bodyKey },
      query: { personal_api_key: queryKey },
    });
    expect(found).toEqual({ key: headerKey, source: 'Authorization header' });
  });

  it('prefers the body over the query string', () => {
    const found = findPersonalApiKey({ body: { personal_api_key: bodyKey }, query: { personal_api_key: queryKey } });
    expect(found).toEqual({ key: bodyKey, source: 'body' });
  });

  it('falls back to the query string', () => {
    expect(findPersonalApiKey({ query: { personal_api_key: queryKey } })).toEqual({
      key: queryKey,
      source: 'query string',
    });
  });

  it('takes the last value of a repeated query-string parameter', () => {
    expect(findPersonalApiKey({ query: { personal_api_key: ['phx_first', queryKey] } })?.key).toBe(queryKey);
  });

  it('returns null when no key is given anywhere', () => {
    expect(findPersonalApiKey({ body: { name: 'x' }, query: {} })).toBeNull();
  });

  it('ignores a pha_ OAuth token in the header and keeps looking', () => {
    expect(findPersonalApiKey({ authorization: 'Bearer pha_oauthtoken' })).toBeNull();
    expect(
      findPersonalApiKey({ authorization: 'Bearer pha_oauthtoken', query: { personal_api_key: queryKey } }),
    ).toEqual({ key: queryKey, source: 'query string' });
  });

  it('ignores a malformed Authorization header', () => {
    expect(findPersonalApiKey({ authorization: 'Basic dXNlcjpwYXNz' })).toBeNull();
    expect(findPersonalApiKey({ authorization: 'Bearer' })).toBeNull();
    expect(findPersonalApiKey({ authorization: 'Bearer    ' })).toBeNull();
    expect(findPersonalApiKey({ authorization: 'bearer phx_lowercase_scheme' })).toBeNull();
  });

  it('trims whitespace around the bearer token', () => {
    expect(findPersonalApiKey({ authorization: `Bearer   ${headerKey}  ` })?.key).toBe(headerKey);
  });

  it('reads the body only when it is a plain object with a non-empty string key', () => {
    expect(findPersonalApiKey({ body: [bodyKey] })).toBeNull();
    expect(findPersonalApiKey({ body: `{"personal_api_key":"${bodyKey}"}` })).toBeNull();
    expect(findPersonalApiKey({ body: { personal_api_key: '' } })).toBeNull();
    expect(findPersonalApiKey({ body: { personal_api_key: 42 } })).toBeNull();
  });

  it('does not read the key from an inherited property', () => {
    const body = Object.create({ personal_api_key: bodyKey }) as object;
    expect(findPersonalApiKey({ body })).toBeNull();
  });
});

describe('invalidKeyMessage', () => {
  it('names where the key was found, in PostHog words', () => {
    expect(invalidKeyMessage('Authorization header')).toBe(
      'Personal API key found in request Authorization header is invalid.',
    );
    expect(invalidKeyMessage('query string')).toBe('Personal API key found in request query string is invalid.');
  });
});
