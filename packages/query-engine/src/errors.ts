/** PostHog's error body (`posthog-reference.md` §3). */
export interface QueryErrorBody {
  type: 'invalid_request' | 'validation_error';
  code: string;
  detail: string;
  attr: string | null;
}

/**
 * A query the engine refuses: always a client error (400) carrying the body PostHog would answer with.
 * Schema failures are `invalid_request`/`parse_error` (PostHog validates the body with pydantic before any runner
 * sees it); valid queries asking for something a runner cannot do are `validation_error`/`invalid_input`.
 */
export class QueryError extends Error {
  readonly status = 400 as const;
  readonly body: QueryErrorBody;

  constructor(body: QueryErrorBody) {
    super(body.detail);
    this.name = 'QueryError';
    this.body = body;
  }
}

/** The query does not match the schema: PostHog's `ParseError` from its JSON body parser. */
export function parseError(detail: string): QueryError {
  return new QueryError({
    type: 'invalid_request',
    code: 'parse_error',
    detail: `JSON parse error - ${detail}`,
    attr: null,
  });
}

/** A valid query that asks for something unsupported or inconsistent: PostHog's runner-level `ValidationError`. */
export function validationError(detail: string, attr: string | null = null): QueryError {
  return new QueryError({ type: 'validation_error', code: 'invalid_input', detail, attr });
}
