import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { PostHogHttpError, parseError, requestTooLarge } from './posthog-error.js';

function clientHttpError(code: string | undefined): PostHogHttpError {
  if (code === 'HPE_HEADER_OVERFLOW') return requestTooLarge('Request headers are too large.', 431);
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new PostHogHttpError(408, {
      type: 'invalid_request',
      code: 'request_timeout',
      detail: 'The request was not received in time.',
      attr: null,
    });
  }
  return parseError('Malformed HTTP request.');
}

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser refused the request itself (a raw non-ASCII byte on the request
 * line, a broken header), so no route or hook runs. As Fastify's default does, answer and close the connection, but
 * with our error body.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const { status, body } = clientHttpError(error.code);
    const text = JSON.stringify(body);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
        `Content-Type: application/json\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}
