import { type TRPC_ERROR_CODE_KEY, TRPCError } from '@trpc/server';

/** A PostHog error body a service wants the gateway to return as it is (e.g. a validation error with `attr`). */
export interface ServiceErrorBody {
  type: string;
  code: string;
  detail: string;
  attr: string | null;
}

export class ServiceErrorCause extends Error {
  constructor(readonly body: ServiceErrorBody) {
    super(body.detail);
    this.name = 'ServiceErrorCause';
  }
}

/** Throws from a procedure to make the gateway answer with exactly this PostHog error body. */
export function serviceError(code: TRPC_ERROR_CODE_KEY, body: ServiceErrorBody): TRPCError {
  return new TRPCError({ code, message: body.detail, cause: new ServiceErrorCause(body) });
}

export function validationError(detail: string, attr: string | null, code = 'invalid_input'): TRPCError {
  return serviceError('BAD_REQUEST', { type: 'validation_error', code, detail, attr });
}

export function notFoundError(): TRPCError {
  return serviceError('NOT_FOUND', { type: 'invalid_request', code: 'not_found', detail: 'Not found.', attr: null });
}

export function permissionDeniedError(detail: string): TRPCError {
  return serviceError('FORBIDDEN', { type: 'authentication_error', code: 'permission_denied', detail, attr: null });
}
