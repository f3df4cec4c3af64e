import type { FastifyRequest } from 'fastify';
import { authorizedOf } from '../request-state.js';
import { coalescingKey } from './coalescing-key.js';
import type { RequestCoalescer, WorkAnswer } from './request-coalescer.js';

/**
 * Runs a route's work through the coalescer, keyed by the request (its route, parameters, query string or body, and the
 * user when `perUser`: answers that show only what the user may see). Records the role for `X-Coalesced`. `admit` is
 * the follower's own object-level check, adapting the shared body to it.
 */
export async function coalesceRequest<A extends WorkAnswer<unknown>>(
  coalescer: RequestCoalescer | null,
  request: FastifyRequest,
  work: () => Promise<A>,
  options: { perUser?: boolean; admit?: (body: A['body']) => Promise<A['body']> } = {},
): Promise<A> {
  if (!coalescer) return work();
  const { principal } = authorizedOf(request);
  const key = coalescingKey({
    projectId: principal.projectId ?? -1,
    method: request.method,
    path: `${request.routeOptions.url}:${JSON.stringify(request.params)}`,
    query: request.query as Record<string, unknown>,
    body: request.body,
    scope: options.perUser ? `user:${principal.user.id}` : undefined,
  });
  const answer = await coalescer.run<A['body']>(key, work, options.admit);
  request.coalescedRole = answer.role;
  // A shared answer has the status the leader's work returned, so it is one of the statuses `work` may return.
  return { status: answer.status, body: answer.body } as A;
}
