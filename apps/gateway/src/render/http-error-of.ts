import { isDatabaseUnavailable } from '@insights/db';
import type { RequestValidationError } from '@ts-rest/fastify';
import type { FastifyError, FastifyRequest } from 'fastify';
import {
  databaseUnavailable,
  PostHogHttpError,
  parseError,
  requestTooLarge,
  serverError,
  unsupportedMediaType,
  validationErrorFromZod,
} from './posthog-error.js';
import { errorFromServiceCall } from './service-error.js';

/** Maps anything a request can fail with (fastify's own errors, service calls, ours) to PostHog's error. */
export function httpErrorOf(error: unknown): PostHogHttpError {
  if (error instanceof PostHogHttpError) return error;
  const fastifyError = error as FastifyError;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return unsupportedMediaType(String((fastifyError as { contentType?: string }).contentType ?? 'unknown'));
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return parseError('JSON parse error - Expecting value: line 1 column 1 (char 0)');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return requestTooLarge();
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return parseError('Invalid Content-Length.');
  }
  // The gateway's own database (keys, projects) unreachable: 503, as for a service's (DESIGN.md Errors).
  if (isDatabaseUnavailable(error)) return databaseUnavailable();
  if (error instanceof SyntaxError || fastifyError.statusCode === 400) {
    return parseError(`JSON parse error - ${fastifyError.message.replace(/\s+/g, ' ').slice(0, 200)}`);
  }
  return errorFromServiceCall(error);
}

/** The PostHog validation error for the first failing part of a request, mapped with the part's value and schema. */
export function validationErrorOf(error: RequestValidationError, request: FastifyRequest): PostHogHttpError {
  const route = (request.routeOptions.config as { tsRestRoute?: { body?: unknown; query?: unknown } }).tsRestRoute;
  const failed = error.body
    ? { issues: error.body, input: request.body, schema: route?.body }
    : error.query
      ? { issues: error.query, input: request.query, schema: route?.query }
      : { issues: error.pathParams ?? error.headers, input: request.params, schema: undefined };
  if (!failed.issues || !('issues' in failed.issues)) return serverError();
  return validationErrorFromZod(failed.issues as never, { input: failed.input, schema: failed.schema as never });
}
