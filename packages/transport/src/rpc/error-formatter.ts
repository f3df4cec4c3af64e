import { isDatabaseUnavailable } from '@insights/db';
import type { TRPCError } from '@trpc/server';
import { type ServiceErrorBody, ServiceErrorCause } from './service-error.js';
import { findTransportError, type TransportFailure } from './transport-error.js';

export interface RpcErrorData {
  code: string;
  httpStatus: number;
  path?: string;
  /** Set when the procedure chose the exact PostHog body. */
  posthog?: ServiceErrorBody;
  /** Set when the failure was the service's database being unreachable. */
  databaseUnavailable?: boolean;
  /** Set when the failure was another service this one called being unreachable or too slow. */
  transportFailure?: TransportFailure;
}

export interface RpcErrorShape {
  message: string;
  code: number;
  data: RpcErrorData;
}

const MASKED_MESSAGE = 'Internal server error';

/**
 * tRPC forwards the message of unexpected errors; this formatter keeps only messages that procedures chose to send
 * (explicit TRPCErrors) and masks everything else, so no SQL or stack detail leaves a service.
 */
export function formatRpcError({
  shape,
  error,
}: {
  shape: { message: string; code: number; data: Record<string, unknown> };
  error: TRPCError;
}): RpcErrorShape {
  const cause = error.cause;
  const data: RpcErrorData = {
    code: String(shape.data.code),
    httpStatus: Number(shape.data.httpStatus),
    path: typeof shape.data.path === 'string' ? shape.data.path : undefined,
  };
  if (cause instanceof ServiceErrorCause) data.posthog = cause.body;
  const unexpected = error.code === 'INTERNAL_SERVER_ERROR';
  if (unexpected && isDatabaseUnavailable(cause)) data.databaseUnavailable = true;
  const transport = unexpected ? findTransportError(cause) : null;
  if (transport) data.transportFailure = transport.failure;
  return { message: unexpected ? MASKED_MESSAGE : shape.message, code: shape.code, data };
}
