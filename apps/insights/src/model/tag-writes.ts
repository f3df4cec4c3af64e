import type { Principal } from '@insights/scope-auth';
import { forwardCall } from '@insights/transport';
import type { InsightsDeps } from '../trpc.js';

interface CallCtx {
  deps: InsightsDeps;
  principal: Principal;
  principalToken: string | undefined;
  requestId: string;
  log: { error(obj: unknown, msg: string): void };
}

/**
 * Runs an insight write that also sets its tags. Tags are set first (idempotently); if the insight write then fails,
 * the previous tags are put back, so a failed request changes nothing.
 */
export async function withTagsSet<T>(
  ctx: CallCtx,
  insightId: number,
  tags: string[] | undefined,
  write: (tagChange: { before: string[]; after: string[] } | null) => Promise<T>,
): Promise<T> {
  if (tags === undefined) return write(null);
  const change = await ctx.deps.tagging.setTags.mutate({ insightId, tags }, forwardCall(ctx));
  try {
    return await write(change);
  } catch (error) {
    await ctx.deps.tagging.setTags
      .mutate({ insightId, tags: change.before }, forwardCall(ctx))
      .catch((restoreError: unknown) =>
        ctx.log.error({ err: restoreError, insightId }, 'could not restore tags after a failed write'),
      );
    throw error;
  }
}
