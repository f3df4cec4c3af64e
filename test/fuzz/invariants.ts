/**
 * What every answer must satisfy, whatever was asked (DESIGN "Errors" and decision 6; spec §3, §17): no 5xx; every 4xx
 * in PostHog's `{type, code, detail, attr}` (as a one-row CSV when exactly one `format=csv` was asked for); no 2xx for
 * a request the contract refuses. (The fourth invariant, no state change from a refused request, is the runner's.)
 */
import type { Draft } from './drafts.js';
import { parseWireQuery } from './schema-values.js';
import type { Reply } from './wire.js';

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index++;
    } else field += char;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/**
 * Whether a 4xx must come as CSV: a `.csv` format suffix on an API path (DRF's suffix patterns; it wins over the query),
 * or else exactly one `format=csv` on a request line the server could parse.
 */
export function wantsCsv(draft: Draft): boolean {
  const suffix = /^\/api\/(?:projects|environments)\/[^?]*\.(csv|json)\/?$/.exec(draft.path)?.[1];
  if (suffix) return suffix === 'csv';
  const formats = parseWireQuery(draft.query).format;
  return formats === 'csv';
}

/** Why a 4xx body is not PostHog's error shape, or null when it is. */
export function errorShapeProblem(csv: boolean, reply: Reply): string | null {
  if (csv) {
    if (!reply.contentType.startsWith('text/csv'))
      return `expected a CSV error, got content type "${reply.contentType}"`;
    const [header, values, ...rest] = parseCsv(reply.text);
    if (header?.join(',') !== 'attr,code,detail,type' || values?.length !== 4 || rest.length > 0) {
      return 'CSV error is not one attr,code,detail,type row';
    }
    const [, code, detail, type] = values;
    return code && detail && type ? null : 'CSV error has an empty type, code or detail';
  }
  if (!reply.contentType.startsWith('application/json')) return `expected a JSON error, got "${reply.contentType}"`;
  let body: unknown;
  try {
    body = JSON.parse(reply.text);
  } catch {
    return 'error body is not JSON';
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'error body is not an object';
  const keys = Object.keys(body).sort().join(',');
  if (keys !== 'attr,code,detail,type') return `error body has keys ${keys}`;
  const { type, code, detail, attr } = body as Record<string, unknown>;
  if (typeof type !== 'string' || typeof code !== 'string' || typeof detail !== 'string') {
    return 'type, code and detail must be strings';
  }
  if (attr !== null && typeof attr !== 'string') return 'attr must be a string or null';
  return null;
}

/** The first invariant this answer breaks, or null. */
export function replyProblem(draft: Draft, reply: Reply): string | null {
  if (reply.status === 0) return reply.text;
  if (reply.status >= 500) return `answered ${reply.status}`;
  if (reply.status >= 400) {
    // HEAD answers carry no body, error or not.
    return draft.method === 'HEAD' ? null : errorShapeProblem(wantsCsv(draft), reply);
  }
  if (draft.expect === 'reject')
    return `accepted with ${reply.status} what must be refused (${draft.reasons.join('; ')})`;
  return null;
}
