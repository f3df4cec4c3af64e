import { isDatabaseUnavailable } from '@insights/db';
import { createTtlCache } from '@insights/scope-auth';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { findProjectByToken } from '../auth/project-by-token.js';
import { invalidToken } from '../capture/capture-error.js';
import { MAX_CAPTURE_PAYLOAD_BYTES, parseCaptureRequest } from '../capture/parse-capture-request.js';
import type { GatewayDatabase } from '../db/database.js';
import type { IngestSink } from '../ingest/ingest-sink.js';
import { databaseUnavailable, serviceUnavailable } from '../render/posthog-error.js';

/** The paths PostHog's SDKs send events to (trailing slash optional). */
export const CAPTURE_PATHS = ['/batch', '/capture', '/e', '/i/v0/e'] as const;

/** Room above the 20 MB payload for a form or base64 encoding of it. */
const CAPTURE_BODY_LIMIT = Math.ceil(MAX_CAPTURE_PAYLOAD_BYTES * 1.4);

function allowBrowsers(request: FastifyRequest, reply: FastifyReply): void {
  const origin = request.headers.origin;
  reply.header('access-control-allow-origin', typeof origin === 'string' ? origin : '*');
  reply.header('access-control-allow-credentials', 'true');
  reply.header('access-control-allow-methods', 'GET, POST, OPTIONS');
  reply.header('access-control-allow-headers', 'content-type, content-encoding, x-requested-with');
  reply.header('vary', 'Origin');
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * PostHog's capture endpoints, authenticated by the project's `api_token` (no personal API key): the request is
 * decoded and validated whole (nothing of a refused request is kept), its token looked up, and its events handed to
 * ingestion. `200 {"status": 1}` only once every event is durable.
 */
export function captureRoutes(
  app: FastifyInstance,
  options: { db: Kysely<GatewayDatabase>; ingest: IngestSink; tokenCacheTtlMs: number },
): void {
  const projects = createTtlCache<string, number | null>({
    ttlMs: Math.max(1, options.tokenCacheTtlMs),
    maxEntries: 10_000,
  });

  app.register(async (capture) => {
    // Every body arrives as raw bytes: JSON, form-encoded, gzip or base64, the parser tells them apart.
    capture.removeAllContentTypeParsers();
    capture.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: CAPTURE_BODY_LIMIT }, (_request, body, done) =>
      done(null, body),
    );

    const handle = async (request: FastifyRequest, reply: FastifyReply) => {
      allowBrowsers(request, reply);
      const parsed = parseCaptureRequest({
        contentType: headerValue(request.headers['content-type']),
        contentEncoding: headerValue(request.headers['content-encoding']),
        query: request.query as Record<string, string | string[] | undefined>,
        body: (request.body as Buffer | undefined) ?? null,
        now: new Date(),
      });
      if (!parsed.ok) return reply.status(parsed.error.status).send(parsed.error.body);
      const projectId = await findProjectByToken(options.db, projects, parsed.token);
      if (projectId === null) {
        const refusal = invalidToken();
        return reply.status(refusal.status).send(refusal.body);
      }
      try {
        await options.ingest(projectId, parsed.events);
      } catch (error) {
        // The bus (or, in single-process mode, the database) could not take the events: nothing was acknowledged.
        request.log.warn({ err: error, requestId: request.id }, 'capture could not store events');
        throw isDatabaseUnavailable(error) ? databaseUnavailable() : serviceUnavailable();
      }
      if (parsed.beacon) return reply.status(204).send();
      return reply.status(200).send({ status: 1 });
    };

    for (const path of CAPTURE_PATHS) {
      capture.route({ method: ['GET', 'POST'], url: path, bodyLimit: CAPTURE_BODY_LIMIT, handler: handle });
      capture.options(path, async (request, reply) => {
        allowBrowsers(request, reply);
        return reply.status(200).send();
      });
    }
  });
}
