import type { FastifyReply, FastifyRequest } from 'fastify';
import { negotiateFormat, sendInFormat } from './format.js';
import { notFound } from './posthog-error.js';

/**
 * Fastify's `frameworkErrors`: the router gave up on the path before any hook ran, because it cannot be
 * percent-decoded (`%ZZ`) or a parameter is longer than `maxParamLength`. No such object exists, so the answer is
 * the usual 404, in the format the query string asked for (it is not parsed yet at this point).
 */
export function answerUnroutableUrl(_error: Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const url = request.raw.url ?? '';
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  const formats = new URLSearchParams(query).getAll('format');
  const format = negotiateFormat({ format: formats.length > 1 ? formats : formats[0] }) ?? 'json';
  return sendInFormat(reply, format, 404, notFound().body);
}
