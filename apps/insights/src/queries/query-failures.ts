import { QueryError } from '@insights/query-engine';
import { serviceError } from '@insights/transport';

/** The statements of a query were cancelled by `POST …/insights/cancel/` (from any replica). */
export class QueryCancelledError extends Error {
  constructor() {
    super('the query was cancelled');
    this.name = 'QueryCancelledError';
  }
}

/** A statement of a query ran past `QUERY_TIMEOUT_MS`. */
export class QueryTimeoutError extends Error {
  constructor() {
    super('the query ran past its statement timeout');
    this.name = 'QueryTimeoutError';
  }
}

export function queryCancelledAnswer() {
  return serviceError('BAD_REQUEST', {
    type: 'invalid_request',
    code: 'query_cancelled',
    detail: 'The query was cancelled.',
    attr: null,
  });
}

export function queryTimeoutAnswer() {
  return serviceError('GATEWAY_TIMEOUT', {
    type: 'server_error',
    code: 'timeout',
    detail: 'The query took too long to run.',
    attr: null,
  });
}

/** What the client gets for a query that failed: PostHog's error for the engine's refusals, cancels and timeouts. */
export function answerForQueryFailure(error: unknown): unknown {
  if (error instanceof QueryError) return serviceError('BAD_REQUEST', error.body);
  if (error instanceof QueryCancelledError) return queryCancelledAnswer();
  if (error instanceof QueryTimeoutError) return queryTimeoutAnswer();
  return error;
}
