/**
 * Generated bad input against every served route (DESIGN "Our decisions" 6, "Errors"; spec §2.6, §3): malformed and
 * mistyped JSON bodies, fields of the wrong type or out of range, invalid query nodes, bad query-string parameters,
 * weird path parameters and content types, with a valid key, without one and with another project's key.
 *
 * Every answer must be below 500; every 4xx must be PostHog's `{type, code, detail, attr}` (as CSV when `format=csv`
 * was asked for); a 2xx only where the input was in fact acceptable (ignored parameters, bodies on GET). The project's
 * insights must come out of it exactly as they went in.
 *
 * Requests are sent over raw `node:http` so that paths, methods, bodies on GET and broken percent-encoding reach the
 * gateway exactly as generated (fetch would normalise or refuse them). Set `BAD_INPUT_SEED` to replay a run.
 */
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSystem, seedProject, startSystem } from './support/system.js';

const GENERATED_REQUESTS = 2_200;
const MIN_REQUESTS = 2_000;
const CONCURRENCY = 8;
const SEED = Number(process.env.BAD_INPUT_SEED ?? Date.now() % 2 ** 31);

/** What a generated request is before a key is attached. */
interface Draft {
  label: string;
  method: string;
  /** Path as it goes on the request line: already percent-encoded (or deliberately not). */
  path: string;
  /** Query-string pairs as they go on the wire (`k=v`, `k`, or deliberately broken). */
  query?: string[];
  body?: string;
  contentType?: string;
  /** The input is odd but acceptable (ignored parameters, a body on GET): a 2xx is allowed. */
  acceptable?: boolean;
  /** The route needs no key (`/_health`, `/_ready`, `/api/schema/`). */
  public?: boolean;
}

type Auth = 'valid' | 'query-string' | 'none' | 'other-project' | 'bad-header';

interface Probe {
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** 'reject': only a 4xx will do; 'either': any status below 500. */
  expect: 'reject' | 'either';
  /** A 4xx must come as CSV (exactly one `format=csv` was asked for). */
  csv: boolean;
}

interface Reply {
  status: number;
  contentType: string;
  text: string;
}

interface Context {
  projectId: number;
  key: string;
  otherProjectKey: string;
  insightIds: string[];
}

let system: RunningSystem;
let ctx: Context;
let listPath: string;
const protectedInsights = new Map<string, unknown>();
let initialCount = 0;
let createdByAcceptedRequests = 0;

// ---------------------------------------------------------------------------------------------------------------
// Value generators

const NUL = '\u0000';
const KNOWN_QUERY_KINDS = ['InsightVizNode', 'DataTableNode', 'DataVisualizationNode', 'HogQLQuery'];
const LIST_PARAMS = ['limit', 'offset', 'short_id', 'search', 'favorited', 'created_by', 'basic', 'format'];
const INT4_MAX = 2_147_483_647;

const loneSurrogate = fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff');
const oddText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary-ascii', maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '\t\r\n',
    '%',
    '_',
    '\\',
    '"',
    "'; DROP TABLE insights.insight; --",
    '\u202e',
    '\ufeff',
    '😀',
  ),
);
const withNul = fc.tuple(oddText, oddText).map(([before, after]) => `${before}${NUL}${after}`);
const withLoneSurrogate = fc.tuple(oddText, loneSurrogate, oddText).map((parts) => parts.join(''));
const unstorableText = fc.oneof(withNul, withLoneSurrogate);

const finiteDouble = fc.double({ noNaN: true, noDefaultInfinity: true });
const fraction = finiteDouble.filter((value) => !Number.isInteger(value));
const smallJson = fc.jsonValue({ maxDepth: 2 });
const notAString = fc.oneof(
  fc.integer(),
  finiteDouble,
  fc.boolean(),
  fc.array(smallJson, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), smallJson, { maxKeys: 3 }),
);
const notABoolean = fc.oneof(
  fc.constantFrom<unknown>('true', 'false', 'yes', 0, 1, null, [], {}, [true]),
  fc.string({ maxLength: 8 }),
  finiteDouble,
);
const notAnInt4 = fc.oneof(
  fraction,
  fc.integer({ min: INT4_MAX + 1, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: -INT4_MAX - 2 }),
  fc.constantFrom(1e20, -1e20, 2 ** 53, 1e300),
);
const notAnInteger = fc.oneof(
  notAnInt4,
  fc.constantFrom<unknown>('1', '', '1.5', true, false, [], {}, [1]),
  fc.string({ maxLength: 8 }),
);
/** `[` × n … `]` × n: nesting far deeper than any real query or filters. */
const deepJson = fc.integer({ min: 129, max: 30_000 }).map((depth) => `${'['.repeat(depth)}1${']'.repeat(depth)}`);

/** Structurally invalid query nodes (spec §2.6: 400 parse_error), and valid ones holding characters nothing can store. */
const invalidQueryNode = fc.oneof(
  fc.constantFrom<unknown>(
    {},
    { kind: null },
    { kind: 5 },
    { kind: ['HogQLQuery'] },
    { kind: 'InsightVizNode' },
    { kind: 'InsightVizNode', source: null },
    { kind: 'InsightVizNode', source: {} },
    { kind: 'InsightVizNode', source: { kind: 'EventsQuery' } },
    { kind: 'InsightVizNode', source: { kind: 'TrendsQuery' } },
    { kind: 'InsightVizNode', source: { kind: 'TrendsQuery', series: 'pageviews' } },
    { kind: 'InsightVizNode', source: { kind: 'TrendsQuery', series: [{ event: '$pageview' }] } },
    { kind: 'InsightVizNode', source: { kind: 'FunnelsQuery', series: {} } },
    { kind: 'InsightVizNode', source: { kind: 'RetentionQuery' } },
    { kind: 'InsightVizNode', source: { kind: 'RetentionQuery', retentionFilter: [] } },
    { kind: 'HogQLQuery' },
    { kind: 'HogQLQuery', query: 5 },
    { kind: 'HogQLQuery', query: null },
    { kind: 'DataTableNode' },
    { kind: 'DataTableNode', source: 'events' },
    { kind: 'DataVisualizationNode', source: { kind: 7 } },
    1,
    'HogQLQuery',
    true,
    [],
    [{ kind: 'HogQLQuery', query: 'select 1' }],
    0,
    '',
    false,
  ),
  fc
    .record({ kind: fc.string({ maxLength: 20 }) }, { requiredKeys: [] })
    .filter((node) => !KNOWN_QUERY_KINDS.includes(node.kind as string)),
  unstorableText.map((text) => ({ kind: 'HogQLQuery', query: `select ${text}` })),
  unstorableText.map((text) => ({
    kind: 'InsightVizNode',
    source: { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: text }] },
  })),
);

const notAnObject = fc.oneof(
  fc.constantFrom<unknown>(null, [], [{}], 'filters', 0, true),
  fc.array(smallJson, { maxLength: 3 }),
);
const unstorableObject = fc.oneof(
  unstorableText.map((text) => ({ key: text })),
  unstorableText.map((text) => ({ [text]: 1 })),
  unstorableText.map((text) => ({ nested: { deeper: [1, { text }] } })),
);

const notAList = fc.constantFrom<unknown>('a', 1, {}, null, true, 'tag1,tag2');
const badTags = fc.oneof(
  notAList,
  fc.array(fc.string({ maxLength: 5 }), { minLength: 101, maxLength: 140 }),
  fc.string({ unit: 'grapheme', minLength: 256, maxLength: 600 }).map((long) => ['ok', long]),
  fc.array(fc.constantFrom<unknown>(1, null, {}, [], true), { minLength: 1, maxLength: 3 }),
  unstorableText.map((text) => ['fine', text]),
);
const badDashboards = fc.oneof(
  notAList,
  fc.array(notAnInteger, { minLength: 1, maxLength: 3 }),
  notAnInt4.map((id) => [1, id]),
);
const tooLongText = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 401, maxLength: 1_500 }),
  fc.integer({ min: 401, max: 20_000 }).map((length) => 'x'.repeat(length)),
);
const badText = fc.oneof(notAString, tooLongText, unstorableText);

/** One writable field with a value it may not take. */
const badField: fc.Arbitrary<[string, unknown]> = fc.oneof(
  fc.tuple(fc.constantFrom('name', 'derived_name', 'description'), badText),
  fc.tuple(fc.constant('query'), invalidQueryNode),
  fc.tuple(fc.constant('filters'), fc.oneof(notAnObject, unstorableObject)),
  fc.tuple(fc.constant('order'), notAnInteger),
  fc.tuple(fc.constantFrom('deleted', 'favorited', 'saved'), notABoolean),
  fc.tuple(fc.constant('dashboards'), badDashboards),
  fc.tuple(fc.constant('tags'), badTags),
  fc.tuple(fc.constant('_create_in_folder'), notAString),
);
/** Fields that would be fine on their own, sent along with the bad one. */
const companions = fc.record(
  {
    name: fc.constantFrom('renamed', 'Ünïcödé 😀', ''),
    description: fc.constant('changed'),
    favorited: fc.boolean(),
    deleted: fc.boolean(),
    tags: fc.constant(['hijacked']),
    filters: fc.constant({ events: [{ id: '$pageview' }] }),
    unknown_field: smallJson,
  },
  { requiredKeys: [] },
);

function isJsonObject(text: string): boolean {
  try {
    const value = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

const malformedJson = fc
  .oneof(
    fc.constantFrom(
      '',
      ' ',
      '{',
      '}',
      '{"name":',
      '{"name":"x"',
      '{"name":"x",}',
      "{'name':'x'}",
      '{name:"x"}',
      '[1,2',
      'nul',
      'tru',
      'NaN',
      '{"order":NaN}',
      '{"order":Infinity}',
      '{"a":1}{"b":2}',
      '{"order":01}',
      '{"name":"\\x41"}',
      '{"name":"\\u12"}',
      '{"name":"tab\there"}',
      '{"order":1e}',
      '"unterminated',
      '{"__proto__":{"polluted":true}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
    ),
    fc.string({ unit: 'binary-ascii', maxLength: 60 }),
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.json({ maxDepth: 3 }).map((json) => json.slice(0, Math.max(0, json.length - 1))),
  )
  .filter((text) => !isJsonObject(text));

const wrongJsonType = fc
  .oneof(
    fc.array(smallJson, { maxLength: 4 }),
    fc.integer(),
    finiteDouble,
    fc.string(),
    fc.constant(null),
    fc.boolean(),
  )
  .map((value) => JSON.stringify(value));

/** `encodeURIComponent`, except that a lone surrogate goes out as its (invalid) three UTF-8-style bytes. */
function enc(text: string): string {
  return Array.from(text, (char) => {
    const unit = char.charCodeAt(0);
    if (char.length > 1 || unit < 0xd800 || unit > 0xdfff) return encodeURIComponent(char);
    return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
      .map((byte) => `%${byte.toString(16).toUpperCase()}`)
      .join('');
  }).join('');
}

// Query-string values as they go on the wire.
const brokenEncodings = ['%ZZ', '%', '%E2%82', '1%00', '%C0%AE', '%EF%BC%91%EF%BC%90'];
const notAPageSize = fc.oneof(
  fc.integer({ min: -1_000_000_000, max: 0 }).map(String),
  fc.integer({ min: 1_001, max: Number.MAX_SAFE_INTEGER }).map(String),
  fc.bigInt({ min: 2n ** 53n, max: 10n ** 40n }).map(String),
  fraction.map((value) => enc(String(value))),
  fc.constantFrom(
    'abc',
    'NaN',
    'Infinity',
    '-Infinity',
    '1,2',
    '1_000',
    '--1',
    'null',
    'true',
    '[]',
    ...brokenEncodings,
  ),
);
const notAnOffset = fc.oneof(
  fc.integer({ min: -1_000_000_000, max: -1 }).map(String),
  fc.bigInt({ min: 2n ** 53n, max: 10n ** 40n }).map(String),
  fraction.filter((value) => value > 0).map((value) => enc(String(value))),
  fc.constantFrom('abc', 'NaN', 'Infinity', 'first', ...brokenEncodings),
);
const notABooleanParam = fc.constantFrom(
  'yes',
  'no',
  'TRUE',
  'True',
  '2',
  '-1',
  '',
  'null',
  'on',
  't',
  '%00',
  'true%00',
);
const notAUserId = fc.oneof(
  fraction.map((value) => enc(String(value))),
  fc.bigInt({ min: 2n ** 53n, max: 10n ** 40n }).map(String),
  fc.constantFrom('me', '@me', 'NaN', 'null', '1,2', ...brokenEncodings),
);
const unknownFormat = fc.constantFrom('xml', 'CSV', 'Json', '', 'csv%20', 'json%00', 'api', 'yaml', 'html');
/** One list parameter with a value it may not take, or given twice. */
const badListParam = fc.oneof(
  notAPageSize.map((value) => [`limit=${value}`]),
  notAnOffset.map((value) => [`offset=${value}`]),
  fc.tuple(fc.constantFrom('favorited', 'basic'), notABooleanParam).map(([key, value]) => [`${key}=${value}`]),
  notAUserId.map((value) => [`created_by=${value}`]),
  unknownFormat.map((value) => [`format=${value}`]),
  fc
    .tuple(
      fc.constantFrom(...LIST_PARAMS),
      fc.constantFrom('1', 'true', 'csv', 'abc'),
      fc.constantFrom('2', '0', 'csv'),
    )
    .map(([key, first, second]) => [`${key}=${first}`, `${key}=${second}`]),
);
const unknownParam = fc.oneof(
  fc.constantFrom(
    'page=2',
    'ordering=-name',
    'expand=all',
    'refresh=true',
    'limit[]=5',
    'limit[a]=1',
    'LIMIT=-5',
    '=1',
  ),
  fc.constantFrom('&', '&&', 'a', 'a=', '=', 'x=%ZZ', 'x=%', '%00=%00', 'fields=name%2Cid'),
  fc
    .tuple(fc.string({ minLength: 1, maxLength: 12 }), oddText)
    .filter(([key]) => !LIST_PARAMS.includes(key) && key !== 'personal_api_key' && !key.includes('['))
    .map(([key, value]) => `${enc(key)}=${enc(value)}`),
);
/** Values that are fine: the parameters a list really takes, in their range. */
const goodListParam = fc.oneof(
  fc.integer({ min: 1, max: 1_000 }).map((limit) => `limit=${limit}`),
  fc.integer({ min: 0, max: 1_000_000 }).map((offset) => `offset=${offset}`),
  fc.constantFrom('favorited=true', 'favorited=0', 'basic=1', 'basic=false', 'format=json', 'format=csv'),
);
/** Filters no insight can match: they must find nothing, not fail. */
const oddListFilter = fc.oneof(
  oddText.map((text) => `search=${enc(text)}`),
  unstorableText.map((text) => `search=${enc(text)}`),
  fc.stringMatching(/^[A-Za-z0-9]{8}$/).map((shortId) => `short_id=${shortId}`),
  oddText.map((text) => `short_id=${enc(text)}`),
  fc.constantFrom('short_id=%00', `short_id=${'x'.repeat(200)}`, 'search=%25_%5C', 'search=%00'),
  fc
    .oneof(fc.integer({ min: INT4_MAX + 1, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: -1e12, max: -1 }))
    .map((id) => `created_by=${id}`),
  fc.constantFrom(`offset=${Number.MAX_SAFE_INTEGER}`, 'created_by=0'),
);

// Path parameters.
const weirdInsightId = fc.oneof(
  fc.bigInt({ min: 10n ** 10n, max: 10n ** 60n }).map(String),
  fc.integer({ min: 100_000, max: INT4_MAX }).map(String),
  fc.integer({ min: -1_000_000_000, max: -1 }).map(String),
  fc.constantFrom(
    '%00',
    'a%00b',
    '1%00',
    '..',
    '%2e%2e',
    '.',
    '%2F',
    '..%2F..%2F',
    '%252e',
    '%ZZ',
    '%',
    '%E2%82',
    '%C0%AE',
    '0',
    '00',
    '1.0',
    '1e3',
    '0x1',
    '%201',
    '+1',
    'null',
    'NaN',
    '%F0%9F%98%80',
    enc('日本語'),
    enc('İnsight'),
    // Not 'activity', 'trending', 'viewed', 'my_last_viewed', 'bulk_update_tags': those are routes of their own.
  ),
  fc.stringMatching(/^[A-Za-z0-9]{8}$/),
  fc.integer({ min: 150, max: 260 }).map((length) => '7'.repeat(length)),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }).map(enc),
  fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 30 }).map(enc),
);
const weirdProjectId = fc.oneof(
  fc.constantFrom(
    'abc',
    '-1',
    '0',
    '1.5',
    '1e3',
    '%00',
    '%ZZ',
    '',
    '..',
    'null',
    '0x1',
    '%20',
    '%EF%BC%91',
    '@current',
  ),
  fc.bigInt({ min: 10n ** 9n, max: 10n ** 40n }).map(String),
  fc.integer({ min: 100_000, max: 999_999_999 }).map(String),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map(enc),
);

// ---------------------------------------------------------------------------------------------------------------
// Request generators

function drafts(context: Context): fc.Arbitrary<Draft> {
  const { projectId, insightIds } = context;
  const prefix = fc.constantFrom('projects', 'environments');
  const list = prefix.map((p) => `/api/${p}/${projectId}/insights/`);
  const item = fc
    .tuple(prefix, fc.constantFrom(...insightIds), fc.boolean())
    .map(([p, id, slash]) => `/api/${p}/${projectId}/insights/${id}${slash ? '/' : ''}`);
  const writeTarget = fc.oneof(
    list.map((path) => ({ method: 'POST', path })),
    fc.tuple(fc.constantFrom('PUT', 'PATCH'), item).map(([method, path]) => ({ method, path })),
  );
  const jsonType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'Application/JSON');

  const malformedBody = fc
    .tuple(writeTarget, malformedJson, jsonType)
    .map(([target, body, contentType]): Draft => ({ label: 'malformed JSON', ...target, body, contentType }));
  const wrongTypeBody = fc.tuple(writeTarget, wrongJsonType).map(
    ([target, body]): Draft => ({
      label: 'body of the wrong JSON type',
      ...target,
      body,
      contentType: 'application/json',
    }),
  );
  const badFieldBody = fc.tuple(writeTarget, badField, companions, jsonType).map(
    ([target, [field, value], others, contentType]): Draft => ({
      label: `bad field ${field}`,
      ...target,
      body: JSON.stringify({ ...others, [field]: value }),
      contentType,
    }),
  );
  const tooDeepBody = fc.tuple(writeTarget, fc.constantFrom('filters', 'query'), deepJson).map(
    ([target, field, deep]): Draft => ({
      label: `${field} nested too deep`,
      ...target,
      body:
        field === 'query'
          ? `{"query":{"kind":"HogQLQuery","query":"select 1","extra":${deep}}}`
          : `{"filters":{"a":${deep}}}`,
      contentType: 'application/json',
    }),
  );
  const tooLargeBody = fc
    .tuple(
      writeTarget,
      fc.oneof(
        // Just under the HTTP body limit, but too large to forward to a service.
        fc
          .integer({ min: 1_000_100, max: 1_048_000 })
          .map((length) => JSON.stringify({ filters: { a: 'x'.repeat(length) } })),
        // Small on the wire, larger once re-serialized (`1e9` → `1000000000`).
        fc
          .integer({ min: 150_000, max: 260_000 })
          .map((count) => `{"filters":{"a":[${Array(count).fill('1e9').join(',')}]}}`),
        // Over the HTTP body limit.
        fc.integer({ min: 1_048_600, max: 1_300_000 }).map((length) => JSON.stringify({ name: 'x'.repeat(length) })),
      ),
    )
    .map(([target, body]): Draft => ({ label: 'body too large', ...target, body, contentType: 'application/json' }));
  const wrongContentType = fc
    .tuple(
      writeTarget,
      fc.constantFrom(
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
      ),
      fc.constantFrom('{"name":"hijacked"}', 'name=hijacked', '<name>hijacked</name>', '--x--'),
    )
    .map(
      ([target, contentType, body]): Draft => ({
        label: `content type "${contentType}"`,
        ...target,
        body,
        contentType,
      }),
    );
  const missingContentType = writeTarget.map(
    (target): Draft => ({ label: 'JSON body without a content type', ...target, body: '{"name":"hijacked"}' }),
  );

  const badListQuery = fc
    .tuple(list, badListParam, fc.array(fc.oneof(goodListParam, unknownParam), { maxLength: 3 }), fc.boolean())
    .map(
      ([path, bad, others, badFirst]): Draft => ({
        label: 'bad list parameter',
        method: 'GET',
        path,
        query: badFirst ? [...bad, ...others] : [...others, ...bad],
      }),
    );
  const oddButAcceptableListQuery = fc
    .tuple(list, fc.array(fc.oneof(unknownParam, goodListParam, oddListFilter), { minLength: 1, maxLength: 4 }))
    .filter(([, pairs]) => new Set(pairs.map((pair) => pair.split('=')[0])).size === pairs.length)
    .map(
      ([path, query]): Draft => ({
        label: 'unknown or unmatched list parameters',
        method: 'GET',
        path,
        query,
        acceptable: true,
      }),
    );
  const itemQuery = fc
    .tuple(
      item,
      fc.oneof(
        unknownFormat.map((format) => [`format=${format}`]),
        fc.constant<string[]>(['format=csv', 'format=csv']),
      ),
    )
    .map(([path, query]): Draft => ({ label: 'bad format on an insight', method: 'GET', path, query }));
  const itemUnknownQuery = fc
    .tuple(item, fc.array(unknownParam, { minLength: 1, maxLength: 3 }))
    .map(
      ([path, query]): Draft => ({ label: 'unknown insight parameters', method: 'GET', path, query, acceptable: true }),
    );
  const bodyOnGet = fc.tuple(fc.oneof(list, item), fc.oneof(malformedJson, wrongJsonType)).map(
    ([path, body]): Draft => ({
      label: 'body on GET (ignored)',
      method: 'GET',
      path,
      body,
      contentType: 'application/json',
      acceptable: true,
    }),
  );

  const weirdItemPath = fc
    .tuple(prefix, weirdInsightId, fc.boolean(), fc.constantFrom('GET', 'GET', 'PUT', 'PATCH', 'DELETE', 'POST'))
    .map(
      ([p, id, slash, method]): Draft => ({
        label: 'weird insight id',
        method,
        path: `/api/${p}/${projectId}/insights/${id}${slash ? '/' : ''}`,
        ...(method === 'GET' || method === 'DELETE'
          ? {}
          : { body: '{"name":"hijacked"}', contentType: 'application/json' }),
      }),
    );
  const weirdProjectPath = fc
    .tuple(
      prefix,
      weirdProjectId,
      fc.option(fc.constantFrom(...insightIds), { nil: undefined }),
      fc.constantFrom('GET', 'POST', 'PATCH'),
    )
    .map(([p, project, id, method]): Draft => {
      const path = `/api/${p}/${project}/insights/${id === undefined ? '' : `${id}/`}`;
      if (method === 'GET') return { label: 'weird project id', method, path };
      return { label: 'weird project id', method, path, body: '{"name":"hijacked"}', contentType: 'application/json' };
    });
  const strayPath = fc
    .tuple(
      fc.constantFrom(
        `/api/projects/${projectId}/insights/${insightIds[0]}/extra/`,
        `/api/projects/${projectId}/insight/`,
        // Not /api/projects/ nor /api/projects/:id/: those are identity routes.
        `/api/projects/${projectId}/dashboards/`,
        `/api/project/`,
        '/api/',
        `/API/projects/${projectId}/insights/`,
        `/api/projects/${projectId}/insights/${insightIds[0]}/../../`,
        `//api//projects//${projectId}//insights//../`,
      ),
      fc.constantFrom('GET', 'POST', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND'),
    )
    .map(([path, method]): Draft => ({ label: 'no such route', method, path }));
  const wrongMethod = fc
    .tuple(fc.oneof(list, item), fc.constantFrom('DELETE', 'OPTIONS', 'TRACE', 'PROPFIND', 'MKCOL', 'PUT'))
    .filter(([path, method]) => !(method === 'PUT' && !path.endsWith('/insights/')))
    .map(([path, method]): Draft => ({ label: `method ${method}`, method, path }));
  // Raw bytes a careless client puts on the request line: the HTTP parser refuses them before any route.
  const unparseableRequestLine = fc
    .tuple(fc.constantFrom('café', '日本語', 'ß', '😀'), fc.boolean())
    .map(([text, inQuery]): Draft => {
      const raw = Buffer.from(text, 'utf8').toString('latin1');
      return {
        label: 'raw non-ASCII bytes on the request line',
        method: 'GET',
        path: inQuery
          ? `/api/projects/${projectId}/insights/?search=${raw}`
          : `/api/projects/${projectId}/insights/${raw}/`,
      };
    });

  const publicRoute = fc.constantFrom('/_health', '/_ready', '/api/schema/');
  const publicOdd = fc
    .tuple(publicRoute, fc.array(unknownParam, { maxLength: 3 }))
    .map(
      ([path, query]): Draft => ({ label: 'public route', method: 'GET', path, query, acceptable: true, public: true }),
    );
  const publicBad = fc
    .tuple(publicRoute, fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE'), fc.oneof(malformedJson, wrongJsonType))
    .map(
      ([path, method, body]): Draft => ({
        label: 'public route, wrong method',
        method,
        path,
        body,
        contentType: 'application/json',
        public: true,
      }),
    );
  const publicBadFormat = fc.tuple(publicRoute, unknownFormat).map(
    ([path, format]): Draft => ({
      label: 'public route, bad format',
      method: 'GET',
      path,
      query: [`format=${format}`],
      public: true,
    }),
  );

  return fc.oneof(
    { weight: 5, arbitrary: malformedBody },
    { weight: 3, arbitrary: wrongTypeBody },
    { weight: 12, arbitrary: badFieldBody },
    { weight: 1, arbitrary: tooDeepBody },
    { weight: 1, arbitrary: tooLargeBody },
    { weight: 3, arbitrary: wrongContentType },
    { weight: 1, arbitrary: missingContentType },
    { weight: 8, arbitrary: badListQuery },
    { weight: 4, arbitrary: oddButAcceptableListQuery },
    { weight: 1, arbitrary: itemQuery },
    { weight: 1, arbitrary: itemUnknownQuery },
    { weight: 1, arbitrary: bodyOnGet },
    { weight: 6, arbitrary: weirdItemPath },
    { weight: 3, arbitrary: weirdProjectPath },
    { weight: 1, arbitrary: strayPath },
    { weight: 1, arbitrary: wrongMethod },
    { weight: 1, arbitrary: unparseableRequestLine },
    { weight: 1, arbitrary: publicOdd },
    { weight: 1, arbitrary: publicBad },
    { weight: 1, arbitrary: publicBadFormat },
  );
}

const auths = fc.oneof(
  { weight: 10, arbitrary: fc.constant<Auth>('valid') },
  { weight: 1, arbitrary: fc.constant<Auth>('query-string') },
  { weight: 2, arbitrary: fc.constant<Auth>('none') },
  { weight: 2, arbitrary: fc.constant<Auth>('other-project') },
  { weight: 1, arbitrary: fc.constant<Auth>('bad-header') },
);
const badAuthorization = fc.constantFrom(
  `Bearer phx_${'x'.repeat(43)}`,
  'Bearer',
  'Bearer ',
  'Basic dXNlcjpwYXNz',
  'Token phx_abc',
  'bearer phx_lowercase',
  'Bearer pha_oauth',
);

function probeFrom(draft: Draft, auth: Auth, badHeader: string, context: Context): Probe {
  const headers: Record<string, string> = {};
  const query = [...(draft.query ?? [])];
  if (!draft.public) {
    if (auth === 'valid') headers.authorization = `Bearer ${context.key}`;
    if (auth === 'other-project') headers.authorization = `Bearer ${context.otherProjectKey}`;
    if (auth === 'bad-header') headers.authorization = badHeader;
    if (auth === 'query-string') query.push(`personal_api_key=${context.key}`);
  }
  if (draft.contentType !== undefined) headers['content-type'] = draft.contentType;
  const search = query.join('&');
  const keyed = draft.public || auth === 'valid' || auth === 'query-string';
  const formats = new URLSearchParams(search).getAll('format');
  return {
    label: draft.label,
    method: draft.method,
    path: search ? `${draft.path}?${search}` : draft.path,
    headers,
    ...(draft.body !== undefined && { body: draft.body }),
    expect: draft.acceptable && keyed ? 'either' : 'reject',
    csv: formats.length === 1 && formats[0] === 'csv',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Sending and judging

function send(probe: Probe): Promise<Reply> {
  const { hostname, port } = new URL(system.baseUrl);
  const headers: Record<string, string> = { ...probe.headers, connection: 'close' };
  if (probe.body !== undefined) headers['content-length'] = String(Buffer.byteLength(probe.body));
  return new Promise((resolve) => {
    const request = httpRequest(
      { host: hostname, port, method: probe.method, path: probe.path, headers, agent: false, timeout: 20_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: String(response.headers['content-type'] ?? ''),
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    request.on('timeout', () => request.destroy(new Error('no answer within 20 s')));
    request.on('error', (error) => resolve({ status: 0, contentType: '', text: `request failed: ${error.message}` }));
    request.end(probe.body);
  });
}

function parseCsv(text: string): string[][] {
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

/** Why a 4xx body is not PostHog's error shape, or null when it is. */
function errorShapeProblem(probe: Probe, reply: Reply): string | null {
  if (probe.csv) {
    if (!reply.contentType.startsWith('text/csv'))
      return `expected a CSV error, got content type "${reply.contentType}"`;
    const rows = parseCsv(reply.text);
    const [header, values, ...rest] = rows;
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

function judge(probe: Probe, reply: Reply): string | null {
  if (reply.status === 0) return reply.text;
  if (reply.status >= 500) return `answered ${reply.status}`;
  if (reply.status >= 400) return errorShapeProblem(probe, reply);
  if (probe.expect === 'reject') return `accepted bad input with ${reply.status}`;
  return null;
}

function shown(text: string | undefined, limit = 300): string {
  if (text === undefined) return '(none)';
  const clipped = text.length > limit ? `${text.slice(0, limit)}… (${text.length} chars)` : text;
  return JSON.stringify(clipped);
}

function describeFailure(probe: Probe, reply: Reply, problem: string): string {
  const headers = Object.fromEntries(
    Object.entries(probe.headers).map(([name, value]) => [
      name,
      value.replace(ctx.key, '<valid key>').replace(ctx.otherProjectKey, '<other project key>'),
    ]),
  );
  return [
    `${problem} [${probe.label}, expected ${probe.expect === 'reject' ? '4xx' : '< 500'}]`,
    `  ${probe.method} ${probe.path.replace(ctx.key, '<valid key>').slice(0, 400)}`,
    `  headers: ${JSON.stringify(headers)}`,
    `  body: ${shown(probe.body)}`,
    `  → ${reply.status} ${reply.contentType} ${shown(reply.text)}`,
  ].join('\n');
}

async function inPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function readInsight(id: string): Promise<unknown> {
  const res = await system.api('GET', `${listPath}${id}/`, { key: ctx.key });
  expect(res.status).toBe(200);
  return res.body;
}

async function countInsights(): Promise<number> {
  const res = await system.api('GET', `${listPath}?limit=1`, { key: ctx.key });
  expect(res.status).toBe(200);
  return res.body.count;
}

beforeAll(async () => {
  system = await startSystem();
  const seed = await seedProject(system);
  const other = await seedProject(system);
  listPath = `/api/projects/${seed.project.id}/insights/`;
  const bodies = [
    {
      name: 'Weekly signups',
      description: 'the one everybody looks at',
      query: {
        kind: 'InsightVizNode',
        source: { kind: 'TrendsQuery', series: [{ kind: 'EventsNode', event: '$pageview' }] },
      },
      tags: ['growth', 'kpi'],
      order: 3,
      favorited: true,
      dashboards: [7],
    },
    { name: 'Legacy filters', filters: { events: [{ id: 'signup' }], interval: 'week' }, tags: ['legacy'] },
    {
      name: 'HogQL',
      derived_name: 'Count of events',
      query: { kind: 'HogQLQuery', query: 'select count() from events' },
    },
  ];
  const ids: string[] = [];
  for (const body of bodies) {
    const res = await system.api('POST', listPath, { key: seed.key, body });
    expect(res.status).toBe(201);
    ids.push(String(res.body.id), res.body.short_id);
  }
  ctx = { projectId: seed.project.id, key: seed.key, otherProjectKey: other.key, insightIds: ids };
  for (const id of ids.filter((value) => /^\d+$/.test(value))) protectedInsights.set(id, await readInsight(id));
  initialCount = await countInsights();
}, 90_000);
afterAll(async () => system?.stop());

describe('bad input', () => {
  it('answers every malformed request below 500, with 4xx bodies in the error shape and no 2xx for bad input', async () => {
    const generated = fc.sample(
      fc
        .tuple(drafts(ctx), auths, badAuthorization)
        .map(([draft, auth, header]) => probeFrom(draft, auth, header, ctx)),
      { numRuns: GENERATED_REQUESTS, seed: SEED },
    );
    const failures: string[] = [];
    let sent = 0;
    await inPool(generated, CONCURRENCY, async (probe) => {
      const reply = await send(probe);
      sent++;
      const problem = judge(probe, reply);
      if (problem) failures.push(describeFailure(probe, reply, problem));
      if (reply.status >= 200 && reply.status < 300 && probe.method === 'POST') createdByAcceptedRequests++;
    });

    expect(sent).toBeGreaterThanOrEqual(MIN_REQUESTS);
    expect(
      failures.length,
      `${failures.length} of ${sent} requests failed (BAD_INPUT_SEED=${SEED}); first ones:\n\n${failures.slice(0, 15).join('\n\n')}`,
    ).toBe(0);
  }, 60_000);

  it('leaves the project’s insights exactly as they were: nothing half-written', async () => {
    for (const [id, before] of protectedInsights) expect(await readInsight(id), `insight ${id}`).toEqual(before);
    expect(await countInsights()).toBe(initialCount + createdByAcceptedRequests);
  });
});
