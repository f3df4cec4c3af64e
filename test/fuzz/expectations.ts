/**
 * What a request deserves, judged from the contract and our decisions rather than from the generator's intent: a
 * request that breaks any rule below must be refused with a 4xx; one that breaks none may be answered either way
 * (ids may be gone, a viewer may lack access to one insight…), but never with a 5xx.
 *
 * Each function answers the reason for a refusal, or null.
 */
import { QueryNode, type RouteMetadata } from '@insights/contracts';
import { INSIGHT_SCOPE_POLICY, requiredScopesFor, scopeSatisfied } from '@insights/scope-auth';
import { holdsUnstorableText } from './hostile-values.js';
import type { ContractRoute } from './route-catalogue.js';
import { parseWireQuery } from './schema-values.js';
import type { KeyProfile } from './world.js';

/** The gateway's bounds on a parsed body (`apps/gateway/src/body-bounds.ts`), and Fastify's on the raw one. */
const MAX_JSON_DEPTH = 128;
const MAX_FORWARDED_BODY_BYTES = 1_000_000;
const MAX_HTTP_BODY_BYTES = 1_048_576;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function depthOf(value: unknown): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    deepest = Math.max(deepest, depth);
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * A JSON body's content type: `application/json`, with no charset or UTF-8 (any case). Other charsets are 415
 * (nothing decodes them), as is every other media type (spec §1: the parser is JSON only).
 */
export function contentTypeProblem(contentType: string | undefined): string | null {
  if (contentType === undefined) return 'a body without a content type';
  const [mediaType = '', ...parameters] = contentType.split(';').map((part) => part.trim());
  if (mediaType.toLowerCase() !== 'application/json') return `content type ${JSON.stringify(contentType)}`;
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=').map((part) => part.trim());
    if (name.toLowerCase() === 'charset' && value.toLowerCase() !== 'utf-8') return `charset ${value}`;
  }
  return null;
}

/** Why the contract (plus spec §2.6 for `query`) refuses this body on this route, or null when it accepts it. */
export function bodyProblem(route: ContractRoute, body: Buffer, contentType: string | undefined): string | null {
  if (!route.body) return null;
  const typeProblem = contentTypeProblem(contentType);
  if (typeProblem) return typeProblem;
  if (body.length > MAX_HTTP_BODY_BYTES) return 'a body over the HTTP limit';
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    return 'a body that is not UTF-8';
  }
  let parsed: unknown;
  try {
    // Fastify drops a leading byte order mark; Python's json does not. Not ours to decide here.
    parsed = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch {
    return 'malformed JSON';
  }
  if (depthOf(parsed) > MAX_JSON_DEPTH) return 'JSON nested too deep';
  if (Buffer.byteLength(JSON.stringify(parsed)) > MAX_FORWARDED_BODY_BYTES) return 'a body too large to forward';
  const result = route.body.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    return `body refused by the contract at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`;
  }
  // DRF's CharField and JSONField refuse NUL and unpaired surrogates in any field they declare (PostgreSQL could not
  // store them anyway); fields the contract does not declare are dropped, whatever they hold.
  if (holdsUnstorableText(result.data)) return 'NUL or a lone surrogate in a body field';
  const query = (parsed as Record<string, unknown>).query;
  if (query && !QueryNode.safeParse(query).success) return 'an invalid query node (spec §2.6 parse_error)';
  return null;
}

/** Why the query string is refused (bad `format`, a parameter the route's schema refuses), or null. */
export function queryProblem(route: ContractRoute | null, pairs: readonly string[]): string | null {
  const query = parseWireQuery(pairs);
  const format = query.format;
  if (format !== undefined && format !== 'json' && format !== 'csv') return `format ${JSON.stringify(format)}`;
  if (!route?.query) return null;
  const result = route.query.safeParse(query);
  if (!result.success) {
    const issue = result.error.issues[0];
    return `query parameter ${issue?.path.join('.')} refused by the contract: ${issue?.message}`;
  }
  // A list-valued filter (`tags=["…"]`) holding NUL names nothing that could exist: 400, not a database error.
  for (const [name, value] of Object.entries(result.data as Record<string, unknown>)) {
    if (typeof value === 'object' && value !== null && holdsUnstorableText(value, true)) {
      return `NUL in the ${name} filter`;
    }
  }
  return null;
}

/** The project (or organization) a path points at: one of the world's, or one that does not exist for anyone. */
export type Target = 'A' | 'B' | 'nowhere';

function keyReaches(key: KeyProfile, target: Target): boolean {
  if (target === 'nowhere' || key.memberOf !== target) return false;
  return key.restrictedTo === undefined || key.restrictedTo === target;
}

/** Why this key may not call this route on this project or organization, or null when it may. */
export function authProblem(
  metadata: RouteMetadata,
  method: string,
  key: KeyProfile | null,
  target: { project?: Target; organization?: Target },
): string | null {
  if (!key) return 'no valid key';
  if (metadata.projectScoped && !keyReaches(key, target.project ?? 'nowhere')) {
    return `${key.name} on project ${target.project}`;
  }
  if (metadata.organizationScoped && (target.organization === 'nowhere' || key.memberOf !== target.organization)) {
    return `${key.name} on organization ${target.organization}`;
  }
  if (metadata.resource !== 'insight') return null;
  const required = requiredScopesFor(INSIGHT_SCOPE_POLICY, metadata.action, method);
  if (required === null) return `action ${metadata.action} takes no key`;
  const missing = required.find((scope) => !scopeSatisfied(key.scopes, scope));
  if (missing) return `${key.name} lacks ${missing}`;
  if (key.level === 'viewer' && required.some((scope) => scope.endsWith(':write'))) return `${key.name} may not write`;
  return null;
}
