import type { FastifyReply, FastifyRequest } from 'fastify';
import { negotiateContent } from './content-negotiation.js';
import { sendInFormat } from './format.js';
import { notFound } from './posthog-error.js';

/**
 * Fastify's `frameworkErrors`: the router gave up on the path before any hook ran, because it cannot be
 * percent-decoded (`%ZZ`) or a parameter is longer than `maxParamLength`. No such object exists, so the answer is
 * the usual 404, in the format the query string and Accept header ask for (the query is not parsed yet here).
 */
export function answerUnroutableUrl(_error: Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const url = request.raw.url ?? '';
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  const formats = new URLSearchParams(query).getAll('format');
  const negotiation = negotiateContent({
    query: { format: formats.length > 1 ? formats : formats[0] },
    accept: request.headers.accept,
  });
  return sendInFormat(reply, 'format' in negotiation ? negotiation.format : 'json', 404, notFound().body);
}
