import type { Principal, PrincipalVerifier } from '@insights/scope-auth';
import type { Logger } from 'pino';

/** What travels with every call besides its input: who is calling and the request it belongs to. */
export interface RpcCallMeta extends Record<string, unknown> {
  principalToken?: string;
  requestId?: string;
}

export interface RpcContext<Deps> {
  principalToken: string | undefined;
  /** Checks the caller's signed principal (signature, expiry, shape), remembering tokens it already checked. */
  principals: PrincipalVerifier;
  requestId: string;
  log: Logger;
  deps: Deps;
}

export interface AuthedRpcContext<Deps> extends RpcContext<Deps> {
  principal: Principal;
}

export const PRINCIPAL_HEADER = 'x-insights-principal';
export const REQUEST_ID_HEADER = 'x-request-id';
