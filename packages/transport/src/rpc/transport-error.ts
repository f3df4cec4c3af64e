/** Why a call did not reach a service or got no answer; the gateway maps these to 503 and 504. */
export type TransportFailure = 'service_unavailable' | 'timeout';

export class TransportError extends Error {
  constructor(
    readonly failure: TransportFailure,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** Finds a TransportError anywhere in a cause chain (tRPC wraps link errors in TRPCClientError). */
export function findTransportError(error: unknown): TransportError | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof TransportError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
