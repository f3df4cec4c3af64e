import { PrincipalError, scopeSatisfied } from '@insights/scope-auth';
import { initTRPC, TRPCError } from '@trpc/server';
import { formatRpcError } from './error-formatter.js';
import type { RpcContext } from './rpc-context.js';

/**
 * The one tRPC setup every service shares: same context shape, same error formatter, the principal check and the
 * scope re-check. `Deps` is what a service puts in `ctx.deps` (its database, its clients of other services).
 */
export function createServiceTRPC<Deps>() {
  const t = initTRPC.context<RpcContext<Deps>>().create({ errorFormatter: formatRpcError as never });

  const authedProcedure = t.procedure.use(({ ctx, next }) => {
    try {
      const principal = ctx.principals.verify(ctx.principalToken);
      return next({ ctx: { ...ctx, principal } });
    } catch (error) {
      const reason = error instanceof PrincipalError ? error.reason : 'malformed';
      ctx.log.warn({ reason, requestId: ctx.requestId }, 'refused a call with an invalid principal');
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Invalid principal.' });
    }
  });

  /** Services re-check the scope the gateway already checked: a caller on the bus is not trusted blindly. */
  function scopedProcedure(scope: string) {
    return authedProcedure.use(({ ctx, next }) => {
      if (!scopeSatisfied(ctx.principal.scopes, scope)) {
        throw new TRPCError({ code: 'FORBIDDEN', message: `API key missing required scope '${scope}'` });
      }
      return next();
    });
  }

  /** Like `scopedProcedure`, for an action any one of several scopes opens (e.g. `query:read` or `insight:read`). */
  function anyScopeProcedure(scopes: readonly [string, ...string[]]) {
    return authedProcedure.use(({ ctx, next }) => {
      if (!scopes.some((scope) => scopeSatisfied(ctx.principal.scopes, scope))) {
        throw new TRPCError({ code: 'FORBIDDEN', message: `API key missing required scope '${scopes[0]}'` });
      }
      return next();
    });
  }

  return {
    router: t.router,
    anyScopeProcedure,
    procedure: t.procedure,
    authedProcedure,
    scopedProcedure,
    createCallerFactory: t.createCallerFactory,
  };
}
