/**
 * Sends a draft over raw `node:http`, so that paths, methods, bodies on GET, broken percent-encoding and raw bytes
 * reach the gateway exactly as drafted (fetch would normalise or refuse them).
 */
import { request as httpRequest } from 'node:http';
import type { Draft } from './drafts.js';

export interface Reply {
  /** 0 when no HTTP answer came at all (the text says why). */
  status: number;
  contentType: string;
  text: string;
  ms: number;
}

export function requestLine(draft: Draft): string {
  return draft.query.length > 0 ? `${draft.path}?${draft.query.join('&')}` : draft.path;
}

export function send(baseUrl: string, draft: Draft, timeoutMs = 20_000): Promise<Reply> {
  const { hostname, port } = new URL(baseUrl);
  const headers: Record<string, string> = { ...draft.headers, connection: 'close' };
  if (draft.body !== undefined) headers['content-length'] = String(draft.body.length);
  const started = performance.now();
  return new Promise((resolve) => {
    const request = httpRequest(
      {
        host: hostname,
        port,
        method: draft.method,
        path: requestLine(draft),
        headers,
        agent: false,
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: String(response.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
        response.on('error', (error) =>
          resolve({ status: 0, contentType: '', text: `response failed: ${error.message}`, ms: 0 }),
        );
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error) =>
      resolve({
        status: 0,
        contentType: '',
        text: `request failed: ${error.message}`,
        ms: performance.now() - started,
      }),
    );
    request.end(draft.body);
  });
}
