import { describe, expect, it } from 'vitest';
import { httpErrorOf } from './http-error-of.js';

describe('httpErrorOf', () => {
  it('answers 503 database_unavailable with Retry-After when PostgreSQL cannot be reached', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const error = httpErrorOf(refused);
    expect(error.status).toBe(503);
    expect(error.body).toMatchObject({ type: 'server_error', code: 'database_unavailable', attr: null });
    expect(error.headers).toEqual({ 'Retry-After': '1' });
  });

  it('answers 415 for a content type we do not parse', () => {
    const error = httpErrorOf(
      Object.assign(new Error('x'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', contentType: 'text/plain' }),
    );
    expect(error.status).toBe(415);
    expect(error.body.code).toBe('unsupported_media_type');
  });

  it('never leaks the message of an unexpected error', () => {
    const error = httpErrorOf(new Error('relation "auth.secret" does not exist'));
    expect(error.status).toBe(500);
    expect(error.body).toEqual({ type: 'server_error', code: 'error', detail: 'A server error occurred.', attr: null });
  });
});
