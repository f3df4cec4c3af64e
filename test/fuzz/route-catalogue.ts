/**
 * Every route the fuzzer drives, read off the ts-rest contract object itself: a route added to `restContract` is
 * fuzzed without touching the fuzzer. Besides the contract, the gateway serves a few routes of its own (probes and the
 * OpenAPI document), listed here by hand.
 */
import type { RouteMetadata } from '@insights/contracts';
import type { z } from 'zod';

export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface ContractRoute {
  /** The contract's key path, e.g. `insights.partialUpdate`. */
  name: string;
  method: string;
  /** The path template with `:params`, as the contract declares it (trailing slash included). */
  path: string;
  pathParams: string[];
  query: z.ZodType | null;
  /** The JSON body schema, or null for routes that take no body. */
  body: z.ZodType | null;
  metadata: RouteMetadata;
  /** The 2xx statuses the contract declares; none means the route refuses every request (hard DELETE is 405). */
  successStatuses: number[];
}

/** Gateway routes outside the contract: no key needed, GET only. */
export const PUBLIC_PATHS = ['/_health', '/_ready', '/api/schema/'] as const;

/** `/api/projects/:project_id/…` is also served as `/api/environments/:project_id/…` (spec §0). */
export const ENVIRONMENTS_PREFIX = /^\/api\/projects\/(?=:project_id\/)/;

interface RouteLike {
  method: string;
  path: string;
  query?: unknown;
  body?: unknown;
  metadata?: unknown;
  responses?: Record<string, unknown>;
}

function isRouteLike(value: unknown): value is RouteLike {
  const candidate = value as RouteLike | null;
  return typeof candidate?.method === 'string' && typeof candidate.path === 'string';
}

function isZodSchema(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/** Walks a ts-rest router (nested plain objects whose leaves have `method` and `path`) into a flat route list. */
export function contractRoutes(router: object, prefix = ''): ContractRoute[] {
  return Object.entries(router).flatMap(([key, value]): ContractRoute[] => {
    const name = prefix ? `${prefix}.${key}` : key;
    if (!isRouteLike(value)) {
      return typeof value === 'object' && value !== null ? contractRoutes(value, name) : [];
    }
    if (!value.metadata) throw new Error(`contract route ${name} has no metadata: the fuzzer cannot judge its scope`);
    return [
      {
        name,
        method: value.method.toUpperCase(),
        path: value.path,
        pathParams: [...value.path.matchAll(/:([A-Za-z_]+)/g)].map((match) => match[1]!),
        query: isZodSchema(value.query) ? value.query : null,
        // `c.noBody()` is a symbol; a GET has no body key at all.
        body: isZodSchema(value.body) ? value.body : null,
        metadata: value.metadata as RouteMetadata,
        successStatuses: Object.keys(value.responses ?? {})
          .map(Number)
          .filter((status) => status >= 200 && status < 300),
      },
    ];
  });
}

function templatePattern(path: string): RegExp {
  return new RegExp(`^${path.replace(/\/$/, '').replace(/:[A-Za-z_]+/g, '[^/]+')}/?$`);
}

/** The methods the contract serves on the path of `route` (HEAD comes with GET, as in Fastify and Django). */
export function servedMethods(routes: readonly ContractRoute[], route: ContractRoute): Set<string> {
  const methods = new Set(routes.filter((other) => other.path === route.path).map((other) => other.method));
  if (methods.has('GET')) methods.add('HEAD');
  return methods;
}

/**
 * Whether a concrete path (already filled in) is matched by a contract route other than `route`: `insights/:id/`
 * filled with `activity` is the activity route, not an insight.
 */
export function shadowedByAnotherRoute(routes: readonly ContractRoute[], route: ContractRoute, path: string): boolean {
  return routes.some(
    (other) =>
      other.path !== route.path &&
      templatePattern(other.path).test(path) &&
      other.pathParams.length < route.pathParams.length,
  );
}
