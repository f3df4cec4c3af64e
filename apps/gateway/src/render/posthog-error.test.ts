import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  authenticationFailed,
  databaseUnavailable,
  methodNotAllowed,
  notAuthenticated,
  notFound,
  PostHogHttpError,
  parseError,
  permissionDenied,
  serverError,
  serviceUnavailable,
  throttled,
  timeout,
  toPostHogError,
  unsupportedMediaType,
  validationError,
  validationErrorFromZod,
} from './posthog-error.js';

describe('PostHog error constructors', () => {
  it.each([
    [notFound(), 404, 'invalid_request', 'not_found', 'Not found.'],
    [methodNotAllowed('DELETE'), 405, 'invalid_request', 'method_not_allowed', 'Method "DELETE" not allowed.'],
    [
      unsupportedMediaType('text/plain'),
      415,
      'invalid_request',
      'unsupported_media_type',
      'Unsupported media type "text/plain" in request.',
    ],
    [
      parseError('JSON parse error - Expecting value'),
      400,
      'invalid_request',
      'parse_error',
      'JSON parse error - Expecting value',
    ],
    [
      notAuthenticated(),
      401,
      'authentication_error',
      'not_authenticated',
      'Authentication credentials were not provided.',
    ],
    [
      authenticationFailed('Invalid personal API key.'),
      401,
      'authentication_error',
      'authentication_failed',
      'Invalid personal API key.',
    ],
    [
      permissionDenied(),
      403,
      'authentication_error',
      'permission_denied',
      'You do not have permission to perform this action.',
    ],
    [
      permissionDenied('API key missing required scope'),
      403,
      'authentication_error',
      'permission_denied',
      'API key missing required scope',
    ],
    [serviceUnavailable(), 503, 'server_error', 'service_unavailable', 'A service is unavailable, try again shortly.'],
    [timeout(), 504, 'server_error', 'timeout', 'The request took too long.'],
    [
      databaseUnavailable(),
      503,
      'server_error',
      'database_unavailable',
      'The database is unavailable, try again shortly.',
    ],
    [serverError(), 500, 'server_error', 'error', 'A server error occurred.'],
    [throttled(30), 429, 'throttled_error', 'throttled', 'Request was throttled. Expected available in 30 seconds.'],
  ])('builds %#: status %i with type %s and code %s', (error, status, type, code, detail) => {
    expect(error).toBeInstanceOf(PostHogHttpError);
    expect(error.status).toBe(status);
    expect(error.body).toEqual({ type, code, detail, attr: null });
    expect(error.message).toBe(detail);
  });

  it('challenges with WWW-Authenticate: Bearer on 401s', () => {
    expect(notAuthenticated().headers).toEqual({ 'WWW-Authenticate': 'Bearer' });
    expect(authenticationFailed('Invalid personal API key.').headers).toEqual({ 'WWW-Authenticate': 'Bearer' });
  });

  it('asks to retry after one second when a service or the database is unavailable', () => {
    expect(serviceUnavailable().headers).toEqual({ 'Retry-After': '1' });
    expect(databaseUnavailable().headers).toEqual({ 'Retry-After': '1' });
  });

  it('tells a throttled client when to retry, in seconds', () => {
    expect(throttled(5).headers).toEqual({ 'Retry-After': '5' });
  });

  it('adds no headers to 403, 404, 500 and 504', () => {
    for (const error of [permissionDenied(), notFound(), serverError(), timeout()]) {
      expect(error.headers).toBeUndefined();
    }
  });

  it('words the throttle wait like DRF: rounded up, singular for one second', () => {
    expect(throttled(0.2).body.detail).toBe('Request was throttled. Expected available in 1 second.');
    expect(throttled(59.1).body.detail).toBe('Request was throttled. Expected available in 60 seconds.');
    expect(throttled().body.detail).toBe('Request was throttled.');
  });

  it('rewrites the validation code invalid to invalid_input', () => {
    expect(validationError('invalid', 'days and limit must be valid integers').body).toEqual({
      type: 'validation_error',
      code: 'invalid_input',
      detail: 'days and limit must be valid integers',
      attr: null,
    });
    expect(validationError('blank', 'This field may not be blank.', 'name').body.code).toBe('blank');
  });
});

describe('toPostHogError', () => {
  it('passes PostHog errors through unchanged', () => {
    const error = notFound();
    expect(toPostHogError(error)).toBe(error);
  });

  it('answers anything else with the generic 500 and never its message', () => {
    const error = toPostHogError(new Error('connection to 10.0.0.3 refused, password=hunter2'));
    expect(error.status).toBe(500);
    expect(error.body).toEqual({ type: 'server_error', code: 'error', detail: 'A server error occurred.', attr: null });
    expect(toPostHogError('a string').body.code).toBe('error');
  });
});

const BulkUpdateTags = z.object({
  ids: z.array(z.number().int()).min(1).max(500),
  action: z.enum(['add', 'remove', 'set']),
  tags: z.array(z.string().trim().min(1).max(255)).max(100),
});
const valid = { ids: [1], action: 'add', tags: ['a'] };

/** Parses as callers should (with `reportInput`) and returns the PostHog body of the first issue. */
function bodyFor(schema: z.ZodType, value: unknown) {
  const result = z.safeParse(schema, value, { reportInput: true });
  if (result.success) throw new Error('expected the value to be rejected');
  const error = validationErrorFromZod(result.error, { schema });
  expect(error.status).toBe(400);
  expect(error.headers).toBeUndefined();
  return error.body;
}

describe('validationErrorFromZod', () => {
  it('reports a missing key as required', () => {
    expect(bodyFor(BulkUpdateTags, { action: 'add', tags: [] })).toEqual({
      type: 'validation_error',
      code: 'required',
      detail: 'This field is required.',
      attr: 'ids',
    });
  });

  it('reports an empty list as empty', () => {
    expect(bodyFor(BulkUpdateTags, { ...valid, ids: [] })).toMatchObject({
      code: 'empty',
      detail: 'This list may not be empty.',
      attr: 'ids',
    });
  });

  it('reports a non-integer id at its index with invalid_input', () => {
    expect(bodyFor(BulkUpdateTags, { ...valid, ids: ['x'] })).toEqual({
      type: 'validation_error',
      code: 'invalid_input',
      detail: 'A valid integer is required.',
      attr: 'ids__0',
    });
    expect(bodyFor(BulkUpdateTags, { ...valid, ids: [1, 2.5] })).toMatchObject({
      code: 'invalid_input',
      detail: 'A valid integer is required.',
      attr: 'ids__1',
    });
  });

  it('reports too many ids as max_length', () => {
    expect(bodyFor(BulkUpdateTags, { ...valid, ids: Array.from({ length: 501 }, (_, i) => i) })).toMatchObject({
      code: 'max_length',
      detail: 'Ensure this field has no more than 500 elements.',
      attr: 'ids',
    });
  });

  it('reports a null action as null', () => {
    expect(bodyFor(BulkUpdateTags, { ...valid, action: null })).toMatchObject({
      code: 'null',
      detail: 'This field may not be null.',
      attr: 'action',
    });
  });

  it('reports an unknown action as invalid_choice naming the value', () => {
    expect(bodyFor(BulkUpdateTags, { ...valid, action: 'upsert' })).toMatchObject({
      code: 'invalid_choice',
      detail: '"upsert" is not a valid choice.',
      attr: 'action',
    });
    expect(bodyFor(BulkUpdateTags, { ...valid, action: '' })).toMatchObject({
      code: 'invalid_choice',
      detail: '"" is not a valid choice.',
    });
  });

  it('reports a missing enum key as required', () => {
    expect(bodyFor(BulkUpdateTags, { ids: [1], tags: [] })).toMatchObject({ code: 'required', attr: 'action' });
  });

  it('reports a string where a list belongs as not_a_list with the Python type name', () => {
    expect(bodyFor(BulkUpdateTags, { ...valid, tags: 'not-a-list' })).toMatchObject({
      code: 'not_a_list',
      detail: 'Expected a list of items but got type "str".',
      attr: 'tags',
    });
    expect(bodyFor(BulkUpdateTags, { ...valid, tags: { a: 1 } }).detail).toBe(
      'Expected a list of items but got type "dict".',
    );
    expect(bodyFor(BulkUpdateTags, { ...valid, tags: 1.5 }).detail).toBe(
      'Expected a list of items but got type "float".',
    );
    expect(bodyFor(BulkUpdateTags, { ...valid, tags: true }).detail).toBe(
      'Expected a list of items but got type "bool".',
    );
  });

  it('reports blank and too long tags', () => {
    expect(bodyFor(BulkUpdateTags, { ...valid, tags: ['ok', '   '] })).toMatchObject({
      code: 'blank',
      detail: 'This field may not be blank.',
      attr: 'tags__1',
    });
    expect(bodyFor(BulkUpdateTags, { ...valid, tags: ['x'.repeat(256)] })).toMatchObject({
      code: 'max_length',
      detail: 'Ensure this field has no more than 255 characters.',
      attr: 'tags__0',
    });
  });

  it('uses DRF messages for strings, booleans, plain numbers and nested objects', () => {
    const Schema = z.object({
      name: z.string().optional(),
      saved: z.boolean().optional(),
      ratio: z.number().optional(),
      filters: z.object({ date_from: z.string() }).optional(),
    });
    expect(bodyFor(Schema, { name: 5 })).toMatchObject({ code: 'invalid_input', detail: 'Not a valid string.' });
    expect(bodyFor(Schema, { saved: 'yes' })).toMatchObject({
      code: 'invalid_input',
      detail: 'Must be a valid boolean.',
    });
    expect(bodyFor(Schema, { ratio: 'x' })).toMatchObject({
      code: 'invalid_input',
      detail: 'A valid number is required.',
    });
    expect(bodyFor(Schema, { filters: [] })).toMatchObject({
      code: 'invalid_input',
      detail: 'Invalid data. Expected a dictionary, but got list.',
      attr: 'filters',
    });
    expect(bodyFor(Schema, { filters: {} })).toMatchObject({ code: 'required', attr: 'filters__date_from' });
  });

  it('reports a body that is not an object with a null attr', () => {
    expect(bodyFor(BulkUpdateTags, [1, 2])).toEqual({
      type: 'validation_error',
      code: 'invalid_input',
      detail: 'Invalid data. Expected a dictionary, but got list.',
      attr: null,
    });
  });

  it('reports number bounds as min_value and max_value', () => {
    const Schema = z.object({ limit: z.number().int().min(1).max(100) });
    expect(bodyFor(Schema, { limit: 0 })).toMatchObject({
      code: 'min_value',
      detail: 'Ensure this value is greater than or equal to 1.',
      attr: 'limit',
    });
    expect(bodyFor(Schema, { limit: 101 })).toMatchObject({
      code: 'max_value',
      detail: 'Ensure this value is less than or equal to 100.',
    });
  });

  it('reports list and string minimums above one as min_length', () => {
    const Schema = z.object({ pair: z.array(z.number()).min(2).optional(), code: z.string().min(3).optional() });
    expect(bodyFor(Schema, { pair: [1] })).toMatchObject({
      code: 'min_length',
      detail: 'Ensure this field has at least 2 elements.',
    });
    expect(bodyFor(Schema, { code: 'ab' })).toMatchObject({
      code: 'min_length',
      detail: 'Ensure this field has at least 3 characters.',
    });
  });

  it('uses the code and message of custom issues', () => {
    const Schema = BulkUpdateTags.superRefine((body, ctx) => {
      if (body.action !== 'set' && body.tags.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['tags'],
          message: `tags must not be empty for action '${body.action}'.`,
        });
      }
    });
    expect(bodyFor(Schema, { ...valid, tags: [] })).toEqual({
      type: 'validation_error',
      code: 'invalid_input',
      detail: "tags must not be empty for action 'add'.",
      attr: 'tags',
    });
    const WithCode = z.string().refine(() => false, { message: 'Too many changes.', params: { code: 'too_many' } });
    expect(bodyFor(WithCode, 'x')).toMatchObject({ code: 'too_many', detail: 'Too many changes.', attr: null });
  });

  it('lists unrecognized keys of strict objects', () => {
    expect(bodyFor(z.strictObject({ a: z.string() }), { a: 'x', b: 1, c: 2 })).toMatchObject({
      code: 'invalid_input',
      detail: 'Unrecognized fields: "b", "c".',
      attr: null,
    });
  });

  it('falls back to invalid_input with the zod message for other issues', () => {
    expect(bodyFor(z.object({ n: z.number().multipleOf(5) }), { n: 3 })).toMatchObject({
      code: 'invalid_input',
      detail: 'Invalid number: must be a multiple of 5',
      attr: 'n',
    });
  });

  it('takes only the first issue', () => {
    const result = BulkUpdateTags.safeParse({ ids: [], action: 'upsert', tags: 'x' });
    expect(result.error?.issues.length).toBe(3);
    expect(validationErrorFromZod(result.error!).body.attr).toBe('ids');
  });

  describe('without reportInput', () => {
    const plainBody = (value: unknown, options?: Parameters<typeof validationErrorFromZod>[1]) => {
      const result = BulkUpdateTags.safeParse(value);
      if (result.success) throw new Error('expected the value to be rejected');
      return validationErrorFromZod(result.error, options).body;
    };

    it('still tells missing from null from what zod says it received', () => {
      expect(plainBody({ action: 'add', tags: [] })).toMatchObject({ code: 'required', attr: 'ids' });
      expect(plainBody({ ...valid, ids: null })).toMatchObject({ code: 'null', attr: 'ids' });
      expect(plainBody({ ...valid, tags: 'not-a-list' })).toMatchObject({
        code: 'not_a_list',
        detail: 'Expected a list of items but got type "str".',
      });
      expect(plainBody({ ...valid, ids: ['x'] })).toMatchObject({
        code: 'invalid_input',
        detail: 'A valid number is required.',
        attr: 'ids__0',
      });
    });

    it('looks the value up in options.input when given', () => {
      expect(plainBody({ ...valid, action: null }, { input: { ...valid, action: null } })).toMatchObject({
        code: 'null',
        attr: 'action',
      });
      expect(plainBody({ ...valid, action: 'upsert' }, { input: { ...valid, action: 'upsert' } }).detail).toBe(
        '"upsert" is not a valid choice.',
      );
      expect(plainBody({ ids: [1], tags: [] }, { input: { ids: [1], tags: [] } }).code).toBe('required');
    });

    it('answers invalid_choice with the zod message when the value is unknown', () => {
      expect(plainBody({ ...valid, action: 'upsert' })).toMatchObject({
        code: 'invalid_choice',
        detail: 'Invalid option: expected one of "add"|"remove"|"set"',
      });
    });
  });
});
