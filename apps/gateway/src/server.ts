import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ServiceClients } from '@insights/clients';
import { buildOpenApiDocument, type RouteMetadata, restContract } from '@insights/contracts';
import { createTtlCache } from '@insights/scope-auth';
import { JsonText } from '@insights/transport';
import { initServer, type RequestValidationError } from '@ts-rest/fastify';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest, LogController } from 'fastify';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { authorizeRequest, PRINCIPAL_REUSE_MS } from './auth/authorize-request.js';
import type { KeyIdentity } from './auth/key-identity.js';
import type { ProjectMembership } from './auth/project-membership.js';
import { bodyBoundsProblem } from './body-bounds.js';
import type { GatewayDatabase } from './db/database.js';
import type { PublicUrlPolicy } from './public-url.js';
import type { Readiness } from './readiness.js';
import { answerClientError } from './render/client-error.js';
import { negotiateContent, splitFormatSuffix } from './render/content-negotiation.js';
import { renderCsv } from './render/csv.js';
import { type ResponseFormat, sendInFormat } from './render/format.js';
import { httpErrorOf, validationErrorOf } from './render/http-error-of.js';
import { registerJsonBodyParser } from './render/json-body-parser.js';
import { methodNotAllowed, notAcceptable, notFound, parseError, serviceUnavailable } from './render/posthog-error.js';
import { redactUrl } from './render/redact-url.js';
import { answerUnroutableUrl } from './render/unroutable-url.js';
import type { RequestThrottle } from './throttling/throttle-request.js';
import './request-state.js';
import type { RequestCoalescer } from './coalescing/request-coalescer.js';
import type { IngestSink } from './ingest/ingest-sink.js';
import { httpRequestDuration, httpRequestsTotal } from './metrics/gateway-metrics.js';
import type { MetricsJson } from './metrics/service-metrics.js';
import { activityRoutes } from './routes/activity.js';
import { analystRoutes } from './routes/analyst.js';
import { captureRoutes } from './routes/capture.js';
import { healthRoutes } from './routes/health.js';
import { identityRoutes } from './routes/identity.js';
import { insightRoutes, queryParseProblem } from './routes/insights.js';
import { knownPathMatcher } from './routes/method-not-allowed.js';
import { metricsRoutes } from './routes/metrics.js';
import { queryRoutes } from './routes/query.js';
import { viewsRoutes } from './routes/views.js';

export interface GatewayOptions {
  db: Kysely<GatewayDatabase>;
  clients: ServiceClients;
  /** The same clients, for calls that may last as long as a query (`QUERY_TIMEOUT_MS`). */
  queryClients: ServiceClients;
  principalSecret: string;
  authCacheTtlMs: number;
  urls: PublicUrlPolicy;
  trustProxy: boolean;
  log: Logger;
  readiness: () => Promise<Readiness>;
  /** Where capture hands accepted events. */
  ingest: IngestSink;
  /** Identical concurrent requests across replicas run once (null: every request runs). */
  coalescer: RequestCoalescer | null;
  /** The throttles of spec §16 (null: none). */
  throttle: RequestThrottle | null;
  /** Every service replica's metrics, for `/_metrics`. */
  gatherMetrics: () => Promise<MetricsJson[]>;
}

/** The raw request, with the format suffix `rewriteUrl` took off its path (DRF's `format_suffix_patterns`). */
type RequestWithSuffix = IncomingMessage & { formatSuffix?: ResponseFormat };

const isContractRoute = (request: FastifyRequest) =>
  (request.routeOptions.config as { tsRestRoute?: unknown } | undefined)?.tsRestRoute !== undefined;

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

declare module 'fastify' {
  interface FastifyInstance {
    /** Set once shutdown begins: requests arriving after it get our 503, while those in flight finish. */
    shuttingDown: boolean;
  }
}

/** Stops the gateway: new requests get PostHog's 503 at once, those in flight finish, then the server closes. */
export async function closeGateway(app: FastifyInstance): Promise<void> {
  app.shuttingDown = true;
  await app.close();
}

const bufferOf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The public HTTP surface: format negotiation → authentication → scope and project checks → service call → rendering. */
export function buildGateway(options: GatewayOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.log as unknown as FastifyBaseLogger,
    // Fastify's own request logs carry the raw URL (and so a key in the query string); we log our own line instead.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: options.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 200 },
    frameworkErrors: answerUnroutableUrl,
    // Requests arriving while the server closes get our own 503 body (below), not fastify's.
    return503OnClosing: false,
    clientErrorHandler: answerClientError,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    rewriteUrl: (req) => {
      const url = (req.url ?? '/').replace(/^\/api\/environments\//, '/api/projects/');
      const suffixed = splitFormatSuffix(url);
      if (!suffixed) return url;
      (req as RequestWithSuffix).formatSuffix = suffixed.suffix;
      return suffixed.url;
    },
  });
  // Strings are already rendered (CSV), JSON text from a service is already JSON (its bytes are written as they came off
  // the wire); everything else is serialized here. Fastify writes a Buffer as it is.
  app.setReplySerializer(
    (payload) =>
      (typeof payload === 'string'
        ? payload
        : payload instanceof JsonText
          ? bufferOf(payload.bytes)
          : JSON.stringify(payload)) as string,
  );
  // JSON is the only body format (spec §1: QuerySchemaParser); text/plain and the rest are 415.
  app.removeContentTypeParser('text/plain');
  registerJsonBodyParser(app);
  app.decorateRequest('format', 'json');
  app.decorateRequest('authorized', null);
  app.decorateRequest('coalescedRole', 'none');

  const keyCache = createTtlCache<string, KeyIdentity | null>({
    ttlMs: Math.max(1, options.authCacheTtlMs),
    maxEntries: 10_000,
  });
  const membershipCache = createTtlCache<string, ProjectMembership | null>({
    ttlMs: Math.max(1, options.authCacheTtlMs),
    maxEntries: 10_000,
  });
  const tokenCache = createTtlCache<string, string>({ ttlMs: PRINCIPAL_REUSE_MS, maxEntries: 10_000 });
  const authDeps = { db: options.db, keyCache, membershipCache, tokenCache, principalSecret: options.principalSecret };

  app.decorate('shuttingDown', false);
  app.addHook('preClose', async () => {
    app.shuttingDown = true;
  });
  app.addHook('onRequest', async (request) => {
    if (app.shuttingDown) throw serviceUnavailable();
    // Before authentication, as in DRF. Only the REST contract's routes have renderers to choose from; capture and
    // the operating endpoints answer JSON whatever the Accept header says.
    const negotiation = negotiateContent({
      suffix: (request.raw as RequestWithSuffix).formatSuffix,
      query: request.query,
      accept: isContractRoute(request) ? request.headers.accept : undefined,
    });
    if ('refused' in negotiation) throw negotiation.refused === 'not_found' ? notFound() : notAcceptable();
    request.format = negotiation.format;
  });

  app.addHook('preValidation', async (request) => {
    const problem = bodyBoundsProblem(request.body);
    if (problem) throw problem;
  });

  app.setErrorHandler((error, request, reply) => {
    const httpError = httpErrorOf(error);
    if (httpError.status === 503 || httpError.status === 504) {
      // A service or database that is down or slow: expected answers while it is, logged without a stack.
      request.log.warn(
        { status: httpError.status, cause: (error as Error).message, requestId: request.id },
        'request failed',
      );
    } else if (httpError.status >= 500) {
      request.log.error({ err: error, requestId: request.id }, 'request failed');
    }
    for (const [name, value] of Object.entries(httpError.headers ?? {})) reply.header(name, value);
    return sendInFormat(reply, request.format ?? 'json', httpError.status, httpError.body);
  });
  const isKnownPath = knownPathMatcher(restContract);
  app.setNotFoundHandler((request, reply) => {
    // A path we serve, asked with a method it does not take, is 405 as in DRF; anything else 404.
    const path = request.url.split('?')[0] ?? '';
    const error = isKnownPath(path) ? methodNotAllowed(request.method) : notFound();
    return sendInFormat(reply, request.format ?? 'json', error.status, error.body);
  });

  const authorize = async (request: FastifyRequest) => {
    const route = (request.routeOptions.config as { tsRestRoute?: { metadata?: RouteMetadata } }).tsRestRoute?.metadata;
    if (!route) return;
    request.authorized = await authorizeRequest(
      authDeps,
      {
        method: request.method,
        headers: request.headers,
        body: request.body,
        query: request.query as Record<string, unknown>,
        projectIdParam: (request.params as Record<string, string | undefined>).project_id,
        organizationIdParam: (request.params as Record<string, string | undefined>).organization_id,
        requestId: request.id,
      },
      route,
    );
    const problem = queryParseProblem(request.body, { anyKind: route.resource === 'query' });
    if (problem) throw parseError(problem);
    // Throttles run after permissions (spec §16).
    if (route.throttle && options.throttle) {
      await options.throttle(route.throttle, {
        keyHash: request.authorized.identity.keyHash,
        projectId: request.authorized.principal.projectId,
      });
    }
  };

  const s = initServer();
  const routes = s.router(restContract, {
    identity: identityRoutes(options.db, options.urls),
    insights: insightRoutes(options.clients, options.queryClients, options.urls, options.coalescer),
    activity: activityRoutes(options.clients, options.urls),
    views: viewsRoutes(options.clients),
    query: queryRoutes(options.queryClients, options.coalescer),
    analyst: analystRoutes(options.queryClients, options.clients, options.coalescer),
  });
  // In a scope of its own: ts-rest sets an error handler of its own (for validation errors; it passes the others on to
  // ours), which must not replace ours in the same scope.
  app.register(async (scope) => {
    s.registerRouter(restContract, routes, scope, {
      responseValidation: false,
      hooks: { preHandler: authorize },
      requestValidationErrorHandler: (error: RequestValidationError, request: FastifyRequest) => {
        throw validationErrorOf(error, request);
      },
    });
  });

  // ts-rest replies with JSON; CSV is chosen per request, so re-render here.
  app.addHook('preSerialization', async (request, reply, payload) => {
    if (request.format === 'csv' && payload !== null && typeof payload === 'object') {
      reply.type('text/csv; charset=utf-8');
      return renderCsv(payload instanceof JsonText ? payload.parse() : payload) as never;
    }
    return payload;
  });

  const openApi = JSON.stringify(buildOpenApiDocument());
  app.get('/api/schema/', async (_request, reply) => reply.type('application/json').send(openApi));
  healthRoutes(app, options.readiness);
  metricsRoutes(app, options.gatherMetrics);
  captureRoutes(app, { db: options.db, ingest: options.ingest, tokenCacheTtlMs: options.authCacheTtlMs });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-coalesced', request.coalescedRole);
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      route: request.routeOptions.url ?? 'unrouted',
      method: request.method,
      status: String(reply.statusCode),
    };
    httpRequestsTotal.inc(labels);
    httpRequestDuration.observe(labels, reply.elapsedTime / 1000);
    request.log.info(
      { requestId: request.id, method: request.method, url: redactUrl(request.url), status: reply.statusCode },
      'handled',
    );
  });
  return app;
}
