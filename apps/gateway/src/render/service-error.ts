import { findTransportError, type RpcErrorShape } from '@insights/transport';
import { TRPCClientError } from '@trpc/client';
import {
  databaseUnavailable,
  notFound,
  PostHogHttpError,
  permissionDenied,
  serverError,
  serviceUnavailable,
  timeout,
  validationError,
} from './posthog-error.js';

/** Maps anything a service call can throw to the PostHog error the client gets. */
export function errorFromServiceCall(error: unknown): PostHogHttpError {
  if (error instanceof PostHogHttpError) return error;
  const transport = findTransportError(error);
  if (transport) return transport.failure === 'timeout' ? timeout() : serviceUnavailable();
  if (!(error instanceof TRPCClientError)) return serverError();
  const shape = error.shape as RpcErrorShape | undefined;
  const data = shape?.data;
  if (data?.posthog) return new PostHogHttpError(data.httpStatus, data.posthog);
  if (data?.databaseUnavailable) return databaseUnavailable();
  if (data?.transportFailure) return data.transportFailure === 'timeout' ? timeout() : serviceUnavailable();
  switch (data?.code) {
    case 'NOT_FOUND':
      return notFound();
    case 'FORBIDDEN':
      return permissionDenied(error.message);
    case 'BAD_REQUEST':
      return validationError('invalid', 'Invalid input.', null);
    default:
      return serverError();
  }
}
