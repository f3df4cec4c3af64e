import type { FastifyReply } from 'fastify';
import { renderCsv } from './csv.js';

export type ResponseFormat = 'json' | 'csv';

/** Sends a body in the negotiated format; errors are rendered with the same renderer, as DRF does. */
export function sendInFormat(reply: FastifyReply, format: ResponseFormat, status: number, body: unknown): FastifyReply {
  reply.status(status);
  if (body === undefined || body === null) return reply.removeHeader('content-type').send();
  if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(renderCsv(body));
  return reply.type('application/json').send(JSON.stringify(body));
}
