import { createHash } from 'node:crypto';

/** Per-request values that never change an answer: the client's own ids for cancel and tracing. */
const IGNORED_PARAMETERS = new Set(['client_query_id', 'session_id']);

function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value as Record<string, unknown>).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${sortedJson((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function normalizedQueryString(query: Record<string, unknown>): string {
  return Object.keys(query)
    .filter((name) => !IGNORED_PARAMETERS.has(name) && query[name] !== '' && query[name] !== undefined)
    .sort()
    .map((name) => `${name}=${JSON.stringify(query[name])}`)
    .join('&');
}

/**
 * PostHog's coalescing key (spec reference §13), across replicas: project, method, the path, and the normalised query
 * string (GET) or JSON body (POST) without `client_query_id`/`session_id`; `scope` adds what else must match (the
 * user, for answers that depend on who asks). Hex sha256, usable as a NATS KV key and subject token.
 */
export function coalescingKey(request: {
  projectId: number;
  method: string;
  path: string;
  query: Record<string, unknown>;
  body: unknown;
  scope?: string;
}): string {
  let normalized: string;
  if (request.method === 'GET') {
    normalized = normalizedQueryString(request.query);
  } else if (request.body !== null && typeof request.body === 'object' && !Array.isArray(request.body)) {
    const body = Object.fromEntries(
      Object.entries(request.body as Record<string, unknown>).filter(([key]) => !IGNORED_PARAMETERS.has(key)),
    );
    normalized = `${normalizedQueryString(request.query)}|${sortedJson(body)}`;
  } else {
    normalized = `${normalizedQueryString(request.query)}|${sortedJson(request.body)}`;
  }
  const text = `${request.projectId}:${request.method}:${request.path}:${normalized}:${request.scope ?? ''}`;
  return createHash('sha256').update(text).digest('hex');
}
