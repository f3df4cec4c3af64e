/**
 * Requests drafted for one contract route: well-formed ones (valid bodies and parameters derived from the route's
 * schemas, realistic ids) and malformed ones (bad bodies, bad parameters, weird path segments, wrong methods), each
 * sent with one of the world's keys (in the header, the query string or the body), with none, or with a broken one,
 * and on the route's aliases (`/api/environments/`, no trailing slash, `?format=csv`).
 *
 * Whether a draft must be refused is not decided here but by `expectations.ts` from what was actually drafted.
 */
import { QueryNode } from '@insights/contracts';
import fc from 'fast-check';
import type { z } from 'zod';
import { authProblem, bodyProblem, queryProblem, type Target } from './expectations.js';
import {
  brokenEncodings,
  deepJson,
  enc,
  INT4_MAX,
  invalidQueryNode,
  invalidUtf8,
  malformedJson,
  OUTSIDE_INT4,
  oddText,
  prototypePollution,
  storableJson,
  unknownFormat,
  unknownParam,
  weirdInsightId,
  weirdOrganizationId,
  weirdProjectId,
  wireNotAnInteger,
  wrongJsonType,
} from './hostile-values.js';
import {
  type ContractRoute,
  ENVIRONMENTS_PREFIX,
  SAFE_METHODS,
  servedMethods,
  shadowedByAnotherRoute,
} from './route-catalogue.js';
import {
  type FieldHints,
  hostileValue,
  hostileWireValue,
  kindOf,
  objectFields,
  requiredFields,
  validValue,
  validWireValue,
} from './schema-values.js';
import type { FuzzWorld, KeyProfile } from './world.js';

export type Expectation = 'reject' | 'either';

/** One request, exactly as it goes on the wire, with what it deserves. */
export interface Draft {
  /** The contract route it aims at (`insights.create`), or what it is when outside the contract. */
  route: string;
  /** The kind of request, for the summary. */
  label: string;
  method: string;
  /** The path as it goes on the request line: percent-encoded (or deliberately not). */
  path: string;
  /** Query-string pairs as they go on the wire. */
  query: string[];
  headers: Record<string, string>;
  body?: Buffer;
  /** The world key it carries (see `KeyProfile.name`), or how it is unauthenticated. */
  credentials: string;
  expect: Expectation;
  /** Why it must be refused (empty when it may be accepted). */
  reasons: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Credentials

interface Credentials {
  profile: KeyProfile | null;
  /** An Authorization header that carries no valid key. */
  badAuthorization?: string;
  placement: 'header' | 'query' | 'body';
}

const badAuthorization = fc.constantFrom(
  `Bearer phx_${'x'.repeat(43)}`,
  'Bearer',
  'Bearer ',
  'Basic dXNlcjpwYXNz',
  'Token phx_abc',
  'bearer phx_lowercase',
  'Bearer pha_oauth',
  'Bearer phs_project_secret',
);

function credentials(world: FuzzWorld): fc.Arbitrary<Credentials> {
  const { keys } = world;
  const placement = fc.constantFrom<Credentials['placement']>(...Array(8).fill('header'), 'query', 'body');
  const keyed = (profile: KeyProfile) => placement.map((where): Credentials => ({ profile, placement: where }));
  return fc.oneof(
    { weight: 14, arbitrary: keyed(keys.a) },
    { weight: 2, arbitrary: keyed(keys.b) },
    { weight: 1, arbitrary: keyed(keys.aReadOnly) },
    { weight: 1, arbitrary: keyed(keys.aActivityOnly) },
    { weight: 1, arbitrary: keyed(keys.aRestrictedToB) },
    { weight: 1, arbitrary: keyed(keys.aViewer) },
    { weight: 2, arbitrary: fc.constant<Credentials>({ profile: null, placement: 'header' }) },
    {
      weight: 1,
      arbitrary: badAuthorization.map(
        (header): Credentials => ({
          profile: null,
          badAuthorization: header,
          placement: 'header',
        }),
      ),
    },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Realistic field values

const other = (target: 'A' | 'B'): 'A' | 'B' => (target === 'A' ? 'B' : 'A');

/** Ids a client sends in a body: its own insights, another project's, unknown ones, ones outside `integer`. */
function insightIdValue(world: FuzzWorld): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...world.A.numericIds) },
    { weight: 2, arbitrary: fc.constantFrom(...world.B.numericIds) },
    { weight: 1, arbitrary: fc.constantFrom(...world.A.numericIds.map(String)) },
    { weight: 2, arbitrary: fc.integer({ min: 1_000_000, max: INT4_MAX }) },
    { weight: 2, arbitrary: fc.constantFrom(...OUTSIDE_INT4, Number.MAX_SAFE_INTEGER, -1, 0) },
  );
}

function tagValue(world: FuzzWorld): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...world.A.tags, ...world.B.tags, 'GROWTH', ' kpi '),
    fc.string({ minLength: 1, maxLength: 20 }).filter((tag) => tag.trim() !== ''),
  );
}

function bodyHints(world: FuzzWorld): FieldHints {
  return {
    'ids[]': insightIdValue(world),
    'insight_ids[]': insightIdValue(world),
    'tags[]': tagValue(world),
    'dashboards[]': fc.oneof(fc.integer({ min: 1, max: 50 }), fc.constantFrom(INT4_MAX, ...OUTSIDE_INT4)),
    query: fc.option(validValue(QueryNode, {}), { nil: null, freq: 5 }),
    filters: fc.dictionary(fc.constantFrom('events', 'interval', 'display', 'date_from', 'x'), storableJson, {
      maxKeys: 3,
    }),
    'query!': fc.oneof(invalidQueryNode, hostileValue(QueryNode)),
    // Mostly keep insights alive, so later requests still find them.
    deleted: fc.constantFrom(false, false, false, false, true),
  };
}

/** The tags filter: a JSON list of names; the hostile ones break the JSON or hold NUL (escaped or raw). */
const hostileTagsFilter = fc.oneof(
  fc.constantFrom('["\\u0000"]', '["a\\u0000b"]', '["ok","\\u0000"]', '["\u0000"]', '["a\u0000b"]'),
  fc.constantFrom('["\\ud800"]', '[1]', '[null]', '{}', '"a"', 'a', '["a"', '[', '', 'null', '[["a"]]'),
  fc.array(oddText, { maxLength: 3 }).map((tags) => JSON.stringify(tags)),
);

function queryHints(world: FuzzWorld): FieldHints {
  const userIds = [...world.A.userIds, ...world.B.userIds];
  return {
    short_id: fc.oneof(fc.constantFrom(...world.A.shortIds, ...world.B.shortIds), oddText),
    created_by: fc.oneof(
      fc.constantFrom(...userIds),
      fc.integer({ min: 0, max: INT4_MAX }),
      fc.constantFrom(...OUTSIDE_INT4),
    ),
    tags: fc.array(tagValue(world), { maxLength: 3 }).map((tags) => JSON.stringify(tags)),
    'tags!': hostileTagsFilter.map(enc),
    search: fc.oneof(fc.constantFrom('sign', 'Weekly', '%', '_', 'HogQL'), oddText),
    'days!': wireNotAnInteger,
    'limit!': wireNotAnInteger,
    'offset!': wireNotAnInteger,
    'page!': wireNotAnInteger,
  };
}

/**
 * Parameters a route declares as plain strings but reads as something narrower: `trending` parses its integers by
 * hand (spec §11), so its schema alone would make nearly every well-formed request a 400.
 */
const ROUTE_QUERY_HINTS: Readonly<Record<string, FieldHints>> = {
  'views.trending': {
    days: fc.oneof(fc.integer({ min: 0, max: 400 }), fc.constantFrom(999_999_999)),
    limit: fc.integer({ min: 0, max: 150 }),
    offset: fc.integer({ min: 0, max: 50 }),
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Paths

interface PathChoice {
  path: string;
  target: { project?: Target; organization?: Target };
  problem: string | null;
}

function pathChoice(route: ContractRoute, world: FuzzWorld, home: 'A' | 'B'): fc.Arbitrary<PathChoice> {
  const project: fc.Arbitrary<[string, Target]> = fc.oneof(
    { weight: 17, arbitrary: fc.constant<[string, Target]>([String(world[home].id), home]) },
    { weight: 2, arbitrary: fc.constant<[string, Target]>([String(world[other(home)].id), other(home)]) },
    { weight: 2, arbitrary: weirdProjectId.map((id): [string, Target] => [id, 'nowhere']) },
  );
  const organization: fc.Arbitrary<[string, Target]> = fc.oneof(
    { weight: 17, arbitrary: fc.constant<[string, Target]>([world[home].organizationId, home]) },
    { weight: 2, arbitrary: fc.constant<[string, Target]>([world[other(home)].organizationId, other(home)]) },
    { weight: 2, arbitrary: weirdOrganizationId.map((id): [string, Target] => [id, 'nowhere']) },
  );
  const insightIn = (target: Target): fc.Arbitrary<[string, boolean]> => {
    const own = target === 'nowhere' ? [] : world[target].insightIds;
    const foreign =
      target === 'nowhere' ? [...world.A.insightIds, ...world.B.insightIds] : world[other(target)].insightIds;
    return fc.oneof(
      {
        weight: own.length > 0 ? 11 : 0,
        arbitrary: fc.constantFrom(...(own.length > 0 ? own : ['x'])).map((id): [string, boolean] => [id, true]),
      },
      { weight: 2, arbitrary: fc.constantFrom(...foreign).map((id): [string, boolean] => [id, false]) },
      { weight: 7, arbitrary: weirdInsightId.map((id): [string, boolean] => [id, false]) },
    );
  };
  const anything = fc.oneof(realisticSegment, weirdInsightId);

  return fc.tuple(project, organization).chain(([[projectId, projectTarget], [organizationId, organizationTarget]]) =>
    fc.tuple(insightIn(projectTarget), anything).map(([[insightId, insightExists], otherSegment]): PathChoice => {
      let problem: string | null = null;
      const target: PathChoice['target'] = {};
      const path = route.path.replace(/:([A-Za-z_]+)/g, (_match, name: string) => {
        if (name === 'project_id') {
          target.project = projectTarget;
          if (projectTarget === 'nowhere') problem ??= 'no such project';
          return projectId;
        }
        if (name === 'organization_id') {
          target.organization = organizationTarget;
          if (organizationTarget === 'nowhere') problem ??= 'no such organization';
          return organizationId;
        }
        if (name === 'id') {
          if (!insightExists) problem ??= 'no such insight in the project';
          return insightId;
        }
        return otherSegment;
      });
      return { path, target, problem };
    }),
  );
}

const realisticSegment = fc.oneof(fc.nat(100).map(String), fc.string({ minLength: 1, maxLength: 10 }).map(enc));

// ---------------------------------------------------------------------------------------------------------------
// Contents: query string and body

type BodySpec =
  | { kind: 'json'; value: Record<string, unknown>; contentType: string | undefined }
  | { kind: 'raw'; bytes: Buffer; contentType: string | undefined };

interface Content {
  label: string;
  method?: string;
  query: string[];
  body?: BodySpec;
}

const jsonContentType: fc.Arbitrary<string | undefined> = fc.constantFrom<string | undefined>(
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/json;charset=UTF-8',
  'Application/JSON',
  'application/json; charset=Utf-8',
);
const otherCharset = fc.constantFrom('latin1', 'iso-8859-1', 'utf-16', 'UTF-16LE', 'windows-1252', 'us-ascii');
const wrongContentType = fc.constantFrom(
  'text/plain',
  'text/html',
  'text/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
  'application/vnd.api+json',
  'application/jsonp',
  'json',
  'application',
  '*/*',
  ';',
  '',
);

function declaredParams(route: ContractRoute): [string, z.ZodType][] {
  const fields = route.query ? objectFields(route.query) : null;
  return Object.entries(fields ?? {}).filter(([name]) => name !== 'format');
}

function validQuery(route: ContractRoute, hints: FieldHints): fc.Arbitrary<string[]> {
  const params = declaredParams(route);
  if (params.length === 0) return fc.constant([]);
  return fc
    .tuple(
      ...params.map(([name, schema]) =>
        fc.option(
          validWireValue(schema, hints, name).map((value) => `${enc(name)}=${value}`),
          { nil: undefined, freq: 2 },
        ),
      ),
    )
    .map((pairs) => pairs.filter((pair): pair is string => pair !== undefined));
}

function validBody(route: ContractRoute, hints: FieldHints): fc.Arbitrary<Record<string, unknown>> {
  return validValue(route.body!, hints).map((value) => value as Record<string, unknown>);
}

/** The JSON text of `value` with `raw` (not necessarily valid JSON) as the value of one more field. */
function withRawField(value: Record<string, unknown>, name: string, raw: string): string {
  const base = JSON.stringify(value);
  return base === '{}' ? `{"${name}":${raw}}` : `${base.slice(0, -1)},"${name}":${raw}}`;
}

/** Invalid UTF-8 bytes inside a string of an otherwise valid body (a string field's value, or a key). */
function withInvalidBytes(route: ContractRoute, value: Record<string, unknown>, bytes: readonly number[]): Buffer {
  const marker = '\u0001MARK\u0001';
  const stringField = Object.entries(objectFields(route.body!) ?? {}).find(
    ([, schema]) => kindOf(schema) === 'string',
  )?.[0];
  const text = stringField
    ? JSON.stringify({ ...value, [stringField]: `caf${marker}` })
    : JSON.stringify({ ...value, [`x${marker}`]: 1 });
  const escaped = JSON.stringify(marker).slice(1, -1);
  const [before = '', after = ''] = text.split(escaped);
  return Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
}

function bodyContents(route: ContractRoute, hints: FieldHints): { weight: number; arbitrary: fc.Arbitrary<Content> }[] {
  if (!route.body) return [];
  const valid = validBody(route, hints);
  const fields = Object.entries(objectFields(route.body) ?? {});
  const required = requiredFields(route.body);
  const json = (label: string, value: fc.Arbitrary<Record<string, unknown>>, contentType = jsonContentType) =>
    fc
      .tuple(value, contentType)
      .map(([body, type]): Content => ({ label, query: [], body: { kind: 'json', value: body, contentType: type } }));
  const raw = (label: string, bytes: fc.Arbitrary<Buffer | string>, contentType: fc.Arbitrary<string | undefined>) =>
    fc.tuple(bytes, contentType).map(
      ([body, type]): Content => ({
        label,
        query: [],
        body: { kind: 'raw', bytes: typeof body === 'string' ? Buffer.from(body) : body, contentType: type },
      }),
    );
  const contents: [number, fc.Arbitrary<Content>][] = [
    [3, raw('malformed JSON', malformedJson, jsonContentType)],
    [2, raw('body of the wrong JSON type', wrongJsonType, fc.constant('application/json'))],
    [1, raw('prototype pollution', prototypePollution, fc.constant('application/json'))],
    [
      2,
      raw(
        'invalid UTF-8 in the body',
        fc.tuple(valid, invalidUtf8).map(([body, bytes]) => withInvalidBytes(route, body, bytes)),
        jsonContentType,
      ),
    ],
    [
      2,
      json(
        'JSON with a charset other than UTF-8',
        valid,
        otherCharset.map((charset) => `application/json; charset=${charset}`),
      ),
    ],
    [2, json('wrong content type', valid, wrongContentType)],
    [
      1,
      raw(
        'form-encoded body',
        fc.constantFrom('name=hijacked', 'ids=1&action=add'),
        fc.constant('application/x-www-form-urlencoded'),
      ),
    ],
    [1, json('JSON body without a content type', valid, fc.constant(undefined))],
    [
      1,
      raw(
        'JSON nested too deep',
        fc.tuple(valid, deepJson).map(([body, deep]) => withRawField(body, 'deep', deep)),
        fc.constant('application/json'),
      ),
    ],
    [
      1,
      raw(
        'body too large',
        fc
          .tuple(
            valid,
            fc.oneof(
              fc.integer({ min: 1_000_100, max: 1_048_000 }).map((length) => JSON.stringify('x'.repeat(length))),
              fc.integer({ min: 150_000, max: 260_000 }).map((count) => `[${Array(count).fill('1e9').join(',')}]`),
              fc.integer({ min: 1_048_600, max: 1_300_000 }).map((length) => JSON.stringify('x'.repeat(length))),
            ),
          )
          .map(([body, padding]) => withRawField(body, 'padding', padding)),
        fc.constant('application/json'),
      ),
    ],
    [
      2,
      json(
        'unknown body fields',
        fc
          .tuple(
            valid,
            fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), storableJson, { minKeys: 1, maxKeys: 3 }),
          )
          .map(([body, extra]) => ({ ...extra, ...body })),
      ),
    ],
  ];
  if (fields.length > 0) {
    const badField = fc
      .constantFrom(...fields)
      .chain(([name, schema]) =>
        fc.tuple(valid, hints[`${name}!`] ?? hostileValue(schema)).map(([body, value]) => ({ ...body, [name]: value })),
      );
    contents.push([8, json('bad field', badField)]);
  }
  if (required.length > 0) {
    const missing = fc.tuple(valid, fc.constantFrom(...required)).map(([body, name]) => {
      const { [name]: _dropped, ...rest } = body;
      return rest;
    });
    contents.push([2, json('missing required field', missing)]);
  }
  return contents.map(([weight, arbitrary]) => ({ weight, arbitrary }));
}

function queryContents(
  route: ContractRoute,
  hints: FieldHints,
): { weight: number; arbitrary: fc.Arbitrary<Content> }[] {
  const valid = validQuery(route, hints);
  const params = declaredParams(route);
  const declared = params.map(([name]) => name);
  const contents: { weight: number; arbitrary: fc.Arbitrary<Content> }[] = [
    {
      weight: 2,
      arbitrary: fc
        .tuple(valid, fc.array(unknownParam(declared), { minLength: 1, maxLength: 3 }))
        .map(([pairs, unknown]): Content => ({ label: 'unknown parameters', query: [...pairs, ...unknown] })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          valid,
          fc.oneof(
            unknownFormat.map((format) => [`format=${format}`]),
            fc.constant(['format=csv', 'format=csv']),
          ),
        )
        .map(([pairs, format]): Content => ({ label: 'bad format', query: [...pairs, ...format] })),
    },
  ];
  if (params.length > 0) {
    const hostile = fc
      .constantFrom(...params)
      .chain(([name, schema]) =>
        fc.tuple(
          fc.constant(name),
          fc.oneof(
            { weight: 4, arbitrary: hostileWireValue(schema, hints, name) },
            { weight: 1, arbitrary: fc.constantFrom(...brokenEncodings) },
          ),
        ),
      );
    contents.push(
      {
        // Every declared parameter gets about as many bad values, however many its route has.
        weight: 2 * params.length,
        arbitrary: fc.tuple(valid, hostile, fc.boolean()).map(([pairs, [name, value], first]): Content => {
          const others = pairs.filter((pair) => !pair.startsWith(`${enc(name)}=`));
          const bad = `${enc(name)}=${value}`;
          return { label: `bad parameter ${name}`, query: first ? [bad, ...others] : [...others, bad] };
        }),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(valid, fc.constantFrom(...params))
          .chain(([pairs, [name, schema]]) =>
            fc.tuple(
              fc.constant(pairs),
              fc.constant(name),
              validWireValue(schema, hints, name),
              validWireValue(schema, hints, name),
            ),
          )
          .map(
            ([pairs, name, first, second]): Content => ({
              label: `parameter ${name} given twice`,
              query: [...pairs, `${enc(name)}=${first}`, `${enc(name)}=${second}`],
            }),
          ),
      },
    );
  }
  return contents;
}

// ---------------------------------------------------------------------------------------------------------------
// Putting a draft together

interface Variation {
  environments: boolean;
  trailingSlash: 'keep' | 'drop' | 'double-slashes';
  format: 'none' | 'csv' | 'json';
  head: boolean;
}

const variation: fc.Arbitrary<Variation> = fc.record({
  environments: fc.constantFrom(...Array(6).fill(false), true),
  trailingSlash: fc.constantFrom<Variation['trailingSlash']>(
    ...Array(16).fill('keep'),
    'drop',
    'drop',
    'drop',
    'double-slashes',
  ),
  format: fc.constantFrom<Variation['format']>(...Array(7).fill('none'), 'csv', 'csv', 'json'),
  head: fc.constantFrom(...Array(19).fill(false), true),
});

function applyVariation(route: ContractRoute, path: string, query: string[], v: Variation): [string, string[]] {
  let finalPath = path;
  if (v.environments && ENVIRONMENTS_PREFIX.test(route.path))
    finalPath = finalPath.replace(/^\/api\/projects\//, '/api/environments/');
  if (v.trailingSlash === 'drop') finalPath = finalPath.replace(/\/$/, '');
  if (v.trailingSlash === 'double-slashes') finalPath = finalPath.replace(/^\/api\//, '/api//');
  const finalQuery =
    v.format === 'none' || query.some((pair) => pair.startsWith('format=')) ? query : [...query, `format=${v.format}`];
  return [finalPath, finalQuery];
}

/** Assembles the wire request and judges it. */
function assemble(
  routes: readonly ContractRoute[],
  route: ContractRoute,
  content: Content,
  choice: PathChoice,
  creds: Credentials,
  v: Variation,
): Draft {
  let method = content.method ?? route.method;
  if (v.head && method === 'GET') method = 'HEAD';
  const [path, baseQuery] = applyVariation(route, choice.path, content.query, v);
  const query = [...baseQuery];
  const headers: Record<string, string> = {};
  let body: Buffer | undefined;
  let contentType: string | undefined;
  let keyInBody = false;
  if (content.body?.kind === 'json') {
    const value = { ...content.body.value };
    if (creds.profile && creds.placement === 'body') {
      value.personal_api_key = creds.profile.key;
      keyInBody = true;
    }
    contentType = content.body.contentType;
    body = Buffer.from(JSON.stringify(value));
  } else if (content.body?.kind === 'raw') {
    contentType = content.body.contentType;
    body = content.body.bytes;
  }
  if (contentType !== undefined) headers['content-type'] = contentType;
  if (creds.badAuthorization !== undefined) headers.authorization = creds.badAuthorization;
  else if (creds.profile && creds.placement === 'query') query.push(`personal_api_key=${creds.profile.key}`);
  else if (creds.profile && !keyInBody) headers.authorization = `Bearer ${creds.profile.key}`;
  // A key the gateway cannot read (a body that does not parse) is no key at all.
  const readableKey = creds.profile;

  const reasons: string[] = [];
  const served = servedMethods(routes, route);
  if (!served.has(method)) reasons.push(`${method} is not served on ${route.path}`);
  if (route.successStatuses.length === 0) reasons.push('the contract declares no success for this route');
  if (choice.problem) reasons.push(choice.problem);
  const queryReason = queryProblem(route, query);
  if (queryReason) reasons.push(queryReason);
  if (served.has(method) && body !== undefined && !SAFE_METHODS.has(method)) {
    const bodyReason = bodyProblem(route, body, contentType);
    if (bodyReason) reasons.push(bodyReason);
  }
  const authReason = authProblem(route.metadata, method === 'HEAD' ? 'GET' : method, readableKey, choice.target);
  if (authReason) reasons.push(authReason);
  return {
    route: route.name,
    label: content.label,
    method,
    path,
    query,
    headers,
    ...(body !== undefined && { body }),
    credentials:
      creds.badAuthorization !== undefined
        ? `Authorization: ${creds.badAuthorization}`
        : (creds.profile?.name ?? 'no key'),
    expect: reasons.length > 0 ? 'reject' : 'either',
    reasons,
  };
}

const ODD_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'MKCOL'];

/** Every kind of request for one contract route. */
export function routeDrafts(
  routes: readonly ContractRoute[],
  route: ContractRoute,
  world: FuzzWorld,
): fc.Arbitrary<Draft> {
  const bHints = bodyHints(world);
  const qHints = { ...queryHints(world), ...ROUTE_QUERY_HINTS[route.name] };
  const served = servedMethods(routes, route);
  const unserved = ODD_METHODS.filter((method) => !served.has(method));

  const wellFormed = fc
    .tuple(validQuery(route, qHints), route.body ? validBody(route, bHints) : fc.constant(undefined), jsonContentType)
    .map(
      ([query, body, contentType]): Content => ({
        label: 'well-formed',
        query,
        ...(body !== undefined && { body: { kind: 'json' as const, value: body, contentType } }),
      }),
    );
  const bodyOnGet = fc.tuple(validQuery(route, qHints), fc.oneof(malformedJson, wrongJsonType)).map(
    ([query, text]): Content => ({
      label: 'body on a GET (ignored)',
      query,
      body: { kind: 'raw', bytes: Buffer.from(text), contentType: 'application/json' },
    }),
  );
  const wrongMethod = fc
    .tuple(validQuery(route, qHints), fc.constantFrom(...(unserved.length > 0 ? unserved : ['TRACE'])))
    .map(
      ([query, method]): Content => ({
        label: `method ${method}`,
        method,
        query,
        ...(['POST', 'PUT', 'PATCH'].includes(method) && {
          body: { kind: 'raw' as const, bytes: Buffer.from('{"name":"hijacked"}'), contentType: 'application/json' },
        }),
      }),
    );
  const contents: { weight: number; arbitrary: fc.Arbitrary<Content> }[] = [
    // Bodies can go wrong in many more ways; keep about a quarter of their requests well-formed.
    { weight: route.body ? 14 : 6, arbitrary: wellFormed },
    { weight: 1, arbitrary: wrongMethod },
    ...bodyContents(route, bHints),
    ...queryContents(route, qHints),
  ];
  if (route.method === 'GET') contents.push({ weight: 1, arbitrary: bodyOnGet });

  return fc.tuple(credentials(world), fc.oneof(...contents), variation).chain(([creds, content, v]) =>
    pathChoice(route, world, creds.profile?.memberOf ?? 'A')
      .filter((choice) => !shadowedByAnotherRoute(routes, route, choice.path))
      .map((choice) => assemble(routes, route, content, choice, creds, v)),
  );
}
