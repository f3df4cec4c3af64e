/**
 * PostHog's error responses (spec §3, DESIGN "Errors"), built in one place: every failing request answers with
 * `{type, code, detail, attr}` as drf-exceptions-hog renders DRF exceptions.
 */

import type { PostHogErrorBody } from '@insights/contracts';
import type { z } from 'zod';

export type { PostHogErrorBody };

export class PostHogHttpError extends Error {
  override readonly name = 'PostHogHttpError';
  readonly status: number;
  readonly body: PostHogErrorBody;
  readonly headers?: Record<string, string>;

  constructor(status: number, body: PostHogErrorBody, headers?: Record<string, string>) {
    super(body.detail);
    this.status = status;
    this.body = body;
    if (headers) this.headers = headers;
  }
}

function postHogError(
  status: number,
  type: string,
  code: string,
  detail: string,
  attr: string | null = null,
  headers?: Record<string, string>,
): PostHogHttpError {
  // drf-exceptions-hog renames DRF's generic `invalid` code.
  const postHogCode = code === 'invalid' ? 'invalid_input' : code;
  return new PostHogHttpError(status, { type, code: postHogCode, detail, attr }, headers);
}

const BEARER_CHALLENGE = { 'WWW-Authenticate': 'Bearer' };
const RETRY_SOON = { 'Retry-After': '1' };

export function notFound(): PostHogHttpError {
  return postHogError(404, 'invalid_request', 'not_found', 'Not found.');
}

export function methodNotAllowed(method: string): PostHogHttpError {
  return postHogError(405, 'invalid_request', 'method_not_allowed', `Method "${method}" not allowed.`);
}

export function notAcceptable(): PostHogHttpError {
  return postHogError(406, 'invalid_request', 'not_acceptable', 'Could not satisfy the request Accept header.');
}

export function unsupportedMediaType(contentType: string): PostHogHttpError {
  return postHogError(
    415,
    'invalid_request',
    'unsupported_media_type',
    `Unsupported media type "${contentType}" in request.`,
  );
}

export function parseError(detail = 'Malformed request.'): PostHogHttpError {
  return postHogError(400, 'invalid_request', 'parse_error', detail);
}

export function requestTooLarge(detail = 'Request body is too large.', status = 413): PostHogHttpError {
  return postHogError(status, 'invalid_request', 'request_too_large', detail);
}

export function notAuthenticated(): PostHogHttpError {
  return postHogError(
    401,
    'authentication_error',
    'not_authenticated',
    'Authentication credentials were not provided.',
    null,
    BEARER_CHALLENGE,
  );
}

export function authenticationFailed(detail = 'Incorrect authentication credentials.'): PostHogHttpError {
  return postHogError(401, 'authentication_error', 'authentication_failed', detail, null, BEARER_CHALLENGE);
}

export function permissionDenied(detail = 'You do not have permission to perform this action.'): PostHogHttpError {
  return postHogError(403, 'authentication_error', 'permission_denied', detail);
}

export function validationError(code: string, detail: string, attr: string | null = null): PostHogHttpError {
  return postHogError(400, 'validation_error', code, detail, attr);
}

export function serviceUnavailable(): PostHogHttpError {
  return postHogError(
    503,
    'server_error',
    'service_unavailable',
    'A service is unavailable, try again shortly.',
    null,
    RETRY_SOON,
  );
}

export function timeout(): PostHogHttpError {
  return postHogError(504, 'server_error', 'timeout', 'The request took too long.');
}

export function databaseUnavailable(): PostHogHttpError {
  return postHogError(
    503,
    'server_error',
    'database_unavailable',
    'The database is unavailable, try again shortly.',
    null,
    RETRY_SOON,
  );
}

export function serverError(): PostHogHttpError {
  return postHogError(500, 'server_error', 'error', 'A server error occurred.');
}

/**
 * DRF's `Throttled(wait)`: the wait is rounded up and worded in the singular for one second. No `Retry-After`
 * header (spec §3: drf-exceptions-hog builds the response without DRF's default headers).
 */
export function throttled(seconds?: number | null): PostHogHttpError {
  let detail = 'Request was throttled.';
  if (seconds !== undefined && seconds !== null) {
    const wait = Math.ceil(seconds);
    detail += ` Expected available in ${wait} ${wait === 1 ? 'second' : 'seconds'}.`;
  }
  const retryAfter =
    seconds === undefined || seconds === null ? undefined : { 'Retry-After': String(Math.ceil(seconds)) };
  return postHogError(429, 'throttled_error', 'throttled', detail, null, retryAfter);
}

/** Passes PostHog errors through; anything else becomes the generic 500 (its message is never shown). */
export function toPostHogError(error: unknown): PostHogHttpError {
  return error instanceof PostHogHttpError ? error : serverError();
}

// ---------------------------------------------------------------------------------------------------------------
// zod → DRF validation errors

export type ZodErrorMappingOptions = {
  /**
   * The value that was parsed. zod drops each issue's `input` unless the parse ran with `reportInput: true`;
   * with this the mapper looks the offending value up by the issue's path instead.
   */
  input?: unknown;
  /**
   * The schema that was parsed. zod reports `expected: "number"` for `z.number().int()` given a string; with the
   * schema the mapper can answer DRF's integer message ("A valid integer is required.").
   */
  schema?: z.core.$ZodType;
};

type Known = { known: true; value: unknown } | { known: false };

/**
 * DRF's validation error for the first zod issue: `attr` is the issue path joined with `__` (null for the root),
 * code and detail are what the matching DRF field would have said.
 *
 * Parse with `z.safeParse(schema, value, { reportInput: true })` (or pass `options.input`) so the mapper can see
 * the offending value: that is how a missing key (`required`) is told from `null` for enums and unions, and how
 * `invalid_choice` and `not_a_list` name the value. Without either, it falls back to zod's default English
 * messages for `invalid_type` and to zod's message elsewhere.
 */
export function validationErrorFromZod(
  error: z.core.$ZodError,
  options: ZodErrorMappingOptions = {},
): PostHogHttpError {
  const issue = error.issues[0];
  if (!issue) return validationError('invalid', 'Invalid input.');
  const attr = issue.path.length > 0 ? issue.path.map(String).join('__') : null;
  const [code, detail] = drfCodeAndDetail(issue, issueInput(issue, options), options.schema);
  return validationError(code, detail, attr);
}

function drfCodeAndDetail(issue: z.core.$ZodIssue, input: Known, schema?: z.core.$ZodType): [string, string] {
  switch (issue.code) {
    case 'invalid_type':
      return invalidType(issue, input, schema);
    case 'invalid_value':
      return emptyValue(input) ?? ['invalid_choice', choiceDetail(input, issue.message)];
    case 'invalid_union':
      return emptyValue(input) ?? ['invalid', issue.message];
    case 'too_small':
      return tooSmall(issue, input);
    case 'too_big':
      return tooBig(issue);
    case 'invalid_format':
      return ['invalid', FORMAT_MESSAGES[issue.format] ?? issue.message];
    case 'unrecognized_keys':
      return ['invalid', `Unrecognized ${issue.keys.length === 1 ? 'field' : 'fields'}: ${quoteList(issue.keys)}.`];
    case 'custom':
      return [typeof issue.params?.code === 'string' ? issue.params.code : 'invalid', issue.message];
    default:
      return ['invalid', issue.message];
  }
}

const FORMAT_MESSAGES: Record<string, string> = {
  email: 'Enter a valid email address.',
  url: 'Enter a valid URL.',
  uuid: 'Must be a valid UUID.',
  guid: 'Must be a valid UUID.',
  regex: 'This value does not match the required pattern.',
};

/** DRF checks for a missing or null value before the field's own validation. */
function emptyValue(input: Known): [string, string] | undefined {
  if (!input.known) return undefined;
  if (input.value === undefined) return ['required', 'This field is required.'];
  if (input.value === null) return ['null', 'This field may not be null.'];
  return undefined;
}

function invalidType(issue: z.core.$ZodIssueInvalidType, input: Known, schema?: z.core.$ZodType): [string, string] {
  // Without the input, zod's default message still says what it received ("…, received undefined").
  const received = input.known ? undefined : /received (\w+)$/.exec(issue.message)?.[1];
  const empty = input.known ? emptyValue(input) : emptyValueFromZodTypeName(received);
  if (empty) return empty;
  const typeName = input.known ? pythonTypeName(input.value) : pythonTypeNameFromZod(received);

  switch (issue.expected) {
    case 'int':
      return ['invalid', 'A valid integer is required.'];
    case 'number':
      return schema && isIntegerSchema(schemaAt(schema, issue.path))
        ? ['invalid', 'A valid integer is required.']
        : ['invalid', 'A valid number is required.'];
    case 'string':
      return ['invalid', 'Not a valid string.'];
    case 'boolean':
      return ['invalid', 'Must be a valid boolean.'];
    case 'array':
    case 'tuple':
      return ['not_a_list', `Expected a list of items but got type "${typeName}".`];
    case 'object':
      return ['invalid', `Invalid data. Expected a dictionary, but got ${typeName}.`];
    case 'record':
      return ['not_a_dict', `Expected a dictionary of items but got type "${typeName}".`];
    default:
      return ['invalid', issue.message];
  }
}

function tooSmall(issue: z.core.$ZodIssueTooSmall, input: Known): [string, string] {
  const minimum = String(issue.minimum);
  switch (issue.origin) {
    case 'array':
    case 'set':
      return Number(issue.minimum) <= 1
        ? ['empty', 'This list may not be empty.']
        : ['min_length', `Ensure this field has at least ${minimum} elements.`];
    case 'string': {
      // DRF trims and rejects blank strings before checking the length.
      const blank = input.known && typeof input.value === 'string' && input.value.trim() === '';
      return blank || Number(issue.minimum) <= 1
        ? ['blank', 'This field may not be blank.']
        : ['min_length', `Ensure this field has at least ${minimum} characters.`];
    }
    case 'number':
    case 'int':
    case 'bigint':
      return [
        'min_value',
        `Ensure this value is greater than ${issue.inclusive === false ? '' : 'or equal to '}${minimum}.`,
      ];
    default:
      return ['invalid', issue.message];
  }
}

function tooBig(issue: z.core.$ZodIssueTooBig): [string, string] {
  const maximum = String(issue.maximum);
  switch (issue.origin) {
    case 'array':
    case 'set':
      return ['max_length', `Ensure this field has no more than ${maximum} elements.`];
    case 'string':
      return ['max_length', `Ensure this field has no more than ${maximum} characters.`];
    case 'number':
    case 'int':
    case 'bigint':
      return [
        'max_value',
        `Ensure this value is less than ${issue.inclusive === false ? '' : 'or equal to '}${maximum}.`,
      ];
    default:
      return ['invalid', issue.message];
  }
}

function choiceDetail(input: Known, zodMessage: string): string {
  return input.known ? `"${pythonStr(input.value)}" is not a valid choice.` : zodMessage;
}

function issueInput(issue: z.core.$ZodIssue, options: ZodErrorMappingOptions): Known {
  if ('input' in issue) return { known: true, value: issue.input };
  if (!('input' in options)) return { known: false };
  let value: unknown = options.input;
  for (const key of issue.path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key))
      return { known: true, value: undefined };
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return { known: true, value };
}

/** `type(value).__name__` for a JSON value as DRF sees it. */
function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  switch (typeof value) {
    case 'string':
      return 'str';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'object':
      return 'dict';
    default:
      return typeof value;
  }
}

/** The same from zod's received-type word; a number is taken for an int (JSON does not say). */
function pythonTypeNameFromZod(received: string | undefined): string {
  const names: Record<string, string> = {
    string: 'str',
    boolean: 'bool',
    number: 'int',
    bigint: 'int',
    NaN: 'float',
    Infinity: 'float',
    array: 'list',
    object: 'dict',
    null: 'NoneType',
    undefined: 'NoneType',
  };
  return (received && names[received]) ?? received ?? 'object';
}

function emptyValueFromZodTypeName(received: string | undefined): [string, string] | undefined {
  if (received === 'undefined') return emptyValue({ known: true, value: undefined });
  if (received === 'null') return emptyValue({ known: true, value: null });
  return undefined;
}

/** `str(value)` as DRF formats a rejected choice. */
function pythonStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? String(value);
}

function quoteList(keys: string[]): string {
  return keys.map((key) => `"${key}"`).join(', ');
}

// Walking a schema along an issue path (only to tell integer fields from number fields).

type SchemaInternals = { _zod: { def: Record<string, unknown> & { type: string } } };

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional']);
const INTEGER_FORMATS = new Set(['safeint', 'int32', 'uint32']);

function unwrap(schema: SchemaInternals | undefined): SchemaInternals | undefined {
  let current = schema;
  for (let depth = 0; current && depth < 32; depth++) {
    const def = current._zod.def;
    if (WRAPPERS.has(def.type)) current = def.innerType as SchemaInternals;
    else if (def.type === 'lazy') current = (def.getter as () => SchemaInternals)();
    else if (def.type === 'pipe') {
      // Validation issues come from the side that is not a transform (`z.preprocess` → out, `.transform` → in).
      const inner = def.in as SchemaInternals;
      current = inner._zod.def.type === 'transform' ? (def.out as SchemaInternals) : inner;
    } else return current;
  }
  return current;
}

function schemaAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): SchemaInternals | undefined {
  let current = unwrap(schema as unknown as SchemaInternals);
  for (const key of path) {
    if (!current) return undefined;
    const def = current._zod.def;
    if (def.type === 'object') current = (def.shape as Record<PropertyKey, SchemaInternals>)[key];
    else if (def.type === 'array') current = def.element as SchemaInternals;
    else if (def.type === 'record') current = def.valueType as SchemaInternals;
    else if (def.type === 'tuple')
      current = (def.items as SchemaInternals[])[Number(key)] ?? (def.rest as SchemaInternals | undefined);
    else return undefined;
    current = unwrap(current);
  }
  return current;
}

function isIntegerSchema(schema: SchemaInternals | undefined): boolean {
  if (schema?._zod.def.type !== 'number') return false;
  const def = schema._zod.def as { format?: string; checks?: SchemaInternals[] };
  if (def.format && INTEGER_FORMATS.has(def.format)) return true;
  return (def.checks ?? []).some((check) => {
    const format = (check._zod.def as { format?: string }).format;
    return format !== undefined && INTEGER_FORMATS.has(format);
  });
}
