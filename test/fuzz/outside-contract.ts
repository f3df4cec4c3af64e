/**
 * Requests that no contract route describes: the gateway's own public routes (`/_health`, `/_ready`, `/api/schema/`),
 * paths no route serves, and request lines Node's HTTP parser refuses outright. All but the odd-but-harmless
 * parameters on public routes must be refused.
 */
import fc from 'fast-check';
import type { Draft } from './drafts.js';
import { queryProblem } from './expectations.js';
import { malformedJson, unknownFormat, unknownParam, wrongJsonType } from './hostile-values.js';
import { PUBLIC_PATHS } from './route-catalogue.js';
import type { FuzzWorld } from './world.js';

function draft(fields: Omit<Draft, 'expect' | 'reasons' | 'headers' | 'credentials'> & Partial<Draft>): Draft {
  const reasons = [...(fields.reasons ?? [])];
  const formatReason = queryProblem(null, fields.query);
  if (formatReason) reasons.push(formatReason);
  return {
    headers: {},
    credentials: 'no key',
    ...fields,
    expect: reasons.length > 0 ? 'reject' : 'either',
    reasons,
  };
}

export function publicRouteDrafts(): fc.Arbitrary<Draft> {
  const path = fc.constantFrom(...PUBLIC_PATHS);
  const odd = fc
    .tuple(path, fc.array(unknownParam([]), { maxLength: 3 }), fc.constantFrom('none', 'csv', 'json'), fc.boolean())
    .map(([route, query, format, drop]) =>
      draft({
        route: `public ${route}`,
        label: 'public route',
        method: 'GET',
        path: drop ? route.replace(/(.)\/$/, '$1') : route,
        query: format === 'none' ? query : [...query, `format=${format}`],
      }),
    );
  const wrongMethod = fc
    .tuple(path, fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'), fc.oneof(malformedJson, wrongJsonType))
    .map(([route, method, body]) =>
      draft({
        route: `public ${route}`,
        label: `public route, method ${method}`,
        method,
        path: route,
        query: [],
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(body),
        reasons: [`${method} is not served on ${route}`],
      }),
    );
  const badFormat = fc.tuple(path, unknownFormat).map(([route, format]) =>
    draft({
      route: `public ${route}`,
      label: 'public route, bad format',
      method: 'GET',
      path: route,
      query: [`format=${format}`],
    }),
  );
  return fc.oneof(
    { weight: 3, arbitrary: odd },
    { weight: 2, arbitrary: wrongMethod },
    { weight: 1, arbitrary: badFormat },
  );
}

export function strayDrafts(world: FuzzWorld): fc.Arbitrary<Draft> {
  const projectId = world.A.id;
  const insightId = world.A.insightIds[0];
  const auth = { authorization: `Bearer ${world.keys.a.key}` };
  const stray = fc
    .tuple(
      fc.constantFrom(
        `/api/projects/${projectId}/insights/${insightId}/extra/`,
        `/api/projects/${projectId}/insight/`,
        `/api/projects/${projectId}/dashboards/`,
        '/api/project/',
        '/api/',
        '/',
        `/API/projects/${projectId}/insights/`,
        `/api/projects/${projectId}/insights/${insightId}/../../`,
        `/api/projects/${projectId}/insights/trend.csv/`,
        '/api/users/',
        '/api/users/@me/extra/',
        '/api/organizations/',
      ),
      fc.constantFrom('GET', 'POST', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND'),
    )
    .map(([path, method]) =>
      draft({
        route: 'outside the contract',
        label: 'no such route',
        method,
        path,
        query: [],
        headers: auth,
        credentials: world.keys.a.name,
        reasons: ['no route serves this path'],
      }),
    );
  // Raw bytes a careless client puts on the request line: the HTTP parser refuses them before any route.
  const unparseable = fc.tuple(fc.constantFrom('café', '日本語', 'ß', '😀'), fc.boolean()).map(([text, inQuery]) => {
    const raw = Buffer.from(text, 'utf8').toString('latin1');
    return draft({
      route: 'outside the contract',
      label: 'raw non-ASCII bytes on the request line',
      method: 'GET',
      path: inQuery ? `/api/projects/${projectId}/insights/` : `/api/projects/${projectId}/insights/${raw}/`,
      query: inQuery ? [`search=${raw}`] : [],
      headers: auth,
      credentials: world.keys.a.name,
      reasons: ['the request line is not valid HTTP'],
    });
  });
  return fc.oneof({ weight: 3, arbitrary: stray }, { weight: 1, arbitrary: unparseable });
}
