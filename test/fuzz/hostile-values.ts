/**
 * Values a careless or hostile client sends: odd and unstorable text (NUL, lone surrogates), numbers of the wrong kind,
 * malformed JSON, invalid UTF-8 bytes, broken percent-encoding, weird path segments. Plain fast-check arbitraries,
 * independent of any route; `schema-values.ts` picks among them by the type a field declares.
 */
import fc from 'fast-check';

export const NUL = '\u0000';
export const INT4_MAX = 2_147_483_647;
export const INT4_MIN = -2_147_483_648;
/** Just outside PostgreSQL's `integer`: ids a client may send that no row can have. */
export const OUTSIDE_INT4 = [INT4_MAX + 1, INT4_MIN - 1] as const;

export const loneSurrogate = fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff');
export const oddText = fc.oneof(
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
export const withNul = fc.tuple(oddText, oddText).map(([before, after]) => `${before}${NUL}${after}`);
export const withLoneSurrogate = fc.tuple(oddText, loneSurrogate, oddText).map((parts) => parts.join(''));
/** Text PostgreSQL cannot store as sent (NUL) or that is not Unicode at all (a lone surrogate). */
export const unstorableText = fc.oneof(withNul, withLoneSurrogate);

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when a string holds a NUL or a lone surrogate, anywhere in a JSON-like value (keys included). */
export function holdsUnstorableText(value: unknown, nulOnly = false): boolean {
  if (typeof value === 'string') {
    if (value.includes(NUL)) return true;
    return !nulOnly && LONE_SURROGATE.test(value);
  }
  if (Array.isArray(value)) return value.some((item) => holdsUnstorableText(item, nulOnly));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(
      ([key, item]) => holdsUnstorableText(key, nulOnly) || holdsUnstorableText(item, nulOnly),
    );
  }
  return false;
}

export const finiteDouble = fc.double({ noNaN: true, noDefaultInfinity: true });
export const fraction = finiteDouble.filter((value) => !Number.isInteger(value));
/** JSON that PostgreSQL can store (no NUL, no lone surrogate). */
export const storableJson = fc.jsonValue({ maxDepth: 2 }).filter((value) => !holdsUnstorableText(value));
export const smallJson = fc.jsonValue({ maxDepth: 2 });

export const notAString = fc.oneof(
  fc.integer(),
  finiteDouble,
  fc.boolean(),
  fc.constant(null),
  fc.array(smallJson, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), smallJson, { maxKeys: 3 }),
);
export const notABoolean = fc.oneof(
  fc.constantFrom<unknown>('true', 'false', 'yes', 0, 1, null, [], {}, [true]),
  fc.string({ maxLength: 8 }),
  finiteDouble,
);
/** Integers a client may send where an id or a count goes, from the ordinary to just past every boundary. */
export const realisticInteger = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 50 }) },
  { weight: 2, arbitrary: fc.integer({ min: 51, max: INT4_MAX }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(-1, INT4_MAX, INT4_MIN, ...OUTSIDE_INT4, Number.MAX_SAFE_INTEGER, -(2 ** 53 - 1)),
  },
);
export const notAnInt4 = fc.oneof(
  fraction,
  fc.integer({ min: INT4_MAX + 1, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: INT4_MIN - 1 }),
  fc.constantFrom(1e20, -1e20, 2 ** 53, 1e300),
);
export const notAnInteger = fc.oneof(
  notAnInt4,
  fc.constantFrom<unknown>('1', '', '1.5', true, false, [], {}, [1], null),
  fc.string({ maxLength: 8 }),
);
export const notAnObject = fc.oneof(
  fc.constantFrom<unknown>(null, [], [{}], 'filters', 0, true),
  fc.array(smallJson, { maxLength: 3 }),
);
export const unstorableObject = fc.oneof(
  unstorableText.map((text) => ({ key: text })),
  unstorableText.map((text) => ({ [text]: 1 })),
  unstorableText.map((text) => ({ nested: { deeper: [1, { text }] } })),
);
const KNOWN_QUERY_KINDS = ['InsightVizNode', 'DataTableNode', 'DataVisualizationNode', 'HogQLQuery'];

/** Query nodes that are structurally invalid (spec §2.6: 400 parse_error), and valid ones holding unstorable text. */
export const invalidQueryNode = fc.oneof(
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

export const notAList = fc.constantFrom<unknown>('a', 1, {}, null, true, 'tag1,tag2');
export const tooLongText = (maxLength: number) =>
  fc.oneof(
    fc.string({ unit: 'grapheme', minLength: maxLength + 1, maxLength: maxLength + 1_000 }),
    fc.integer({ min: maxLength + 1, max: maxLength + 20_000 }).map((length) => 'x'.repeat(length)),
  );

/** `[` × n … `]` × n: nesting far deeper than any real query or filters (the gateway allows 128). */
export const deepJson = fc
  .integer({ min: 129, max: 30_000 })
  .map((depth) => `${'['.repeat(depth)}1${']'.repeat(depth)}`);

function isJsonObject(text: string): boolean {
  try {
    const value = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** Bodies that are not a JSON object: broken syntax, truncated documents, JavaScript-isms. */
export const malformedJson = fc
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
      '{"name":"raw nul \u0000"}',
      '{"order":1e}',
      '"unterminated',
    ),
    fc.string({ unit: 'binary-ascii', maxLength: 60 }),
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.json({ maxDepth: 3 }).map((json) => json.slice(0, Math.max(0, json.length - 1))),
  )
  .filter((text) => !isJsonObject(text));

/** Valid JSON of a type other than an object. */
export const wrongJsonType = fc
  .oneof(
    fc.array(smallJson, { maxLength: 4 }),
    fc.integer(),
    finiteDouble,
    fc.string(),
    fc.constant(null),
    fc.boolean(),
  )
  .map((value) => JSON.stringify(value));

/** Objects that try to reach the prototype of whatever parses them. */
export const prototypePollution = fc.constantFrom(
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
);

/** Byte sequences that are not UTF-8: a latin1 `é`, overlong and truncated forms, an encoded surrogate, stray bytes. */
export const invalidUtf8 = fc.constantFrom(
  [0xe9],
  [0xff],
  [0xfe, 0xff],
  [0x80],
  [0xc0, 0xae],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
);

/** `encodeURIComponent`, except that a lone surrogate goes out as its (invalid) three UTF-8-style bytes. */
export function enc(text: string): string {
  return Array.from(text, (char) => {
    const unit = char.charCodeAt(0);
    if (char.length > 1 || unit < 0xd800 || unit > 0xdfff) return encodeURIComponent(char);
    return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
      .map((byte) => `%${byte.toString(16).toUpperCase()}`)
      .join('');
  }).join('');
}

/** Percent-encoding that does not decode (or decodes to something no integer or name looks like). */
export const brokenEncodings = ['%ZZ', '%', '%E2%82', '1%00', '%C0%AE', '%EF%BC%91%EF%BC%90', '%FF'] as const;

/** Integer parameters as they go on the wire, mostly not integers at all. */
export const wireNotAnInteger = fc.oneof(
  fc.integer({ min: -1_000_000_000, max: 0 }).map(String),
  fc.bigInt({ min: 2n ** 53n, max: 10n ** 40n }).map(String),
  fraction.map((value) => enc(String(value))),
  fc.constantFrom('abc', 'NaN', 'Infinity', '-Infinity', '1,2', '1_000', '--1', 'null', 'true', '[]', 'me', '@me'),
  fc.constantFrom(...brokenEncodings),
);
export const wireNotABoolean = fc.constantFrom(
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
export const unknownFormat = fc.constantFrom('xml', 'CSV', 'Json', '', 'csv%20', 'json%00', 'api', 'yaml', 'html');
/** Query-string pairs no route declares (or declares in a shape it does not parse). */
export const unknownParam = (declared: readonly string[]) =>
  fc.oneof(
    fc.constantFrom('page=2', 'ordering=-name', 'expand=all', 'refresh=true', 'x[]=5', 'x[a]=1', 'LIMIT=-5', '=1'),
    fc.constantFrom('&', '&&', 'a', 'a=', '=', 'x=%ZZ', 'x=%', '%00=%00', 'fields=name%2Cid'),
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 12 }), oddText)
      .filter(
        ([key]) =>
          !declared.includes(key) &&
          !declared.includes(key.toLowerCase()) &&
          key !== 'personal_api_key' &&
          key !== 'format' &&
          !key.includes('['),
      )
      .map(([key, value]) => `${enc(key)}=${enc(value)}`),
  );

/** Insight ids in a path that name no insight: huge, negative, encoded nonsense, path tricks. */
export const weirdInsightId = fc.oneof(
  fc.bigInt({ min: 10n ** 10n, max: 10n ** 60n }).map(String),
  fc.integer({ min: 1_000_000, max: INT4_MAX }).map(String),
  fc.integer({ min: -1_000_000_000, max: -1 }).map(String),
  fc.constantFrom(
    ...OUTSIDE_INT4.map(String),
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
    '%ED%A0%80',
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
  ),
  fc.integer({ min: 150, max: 260 }).map((length) => '7'.repeat(length)),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }).map(enc),
  fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 30 }).map(enc),
);
export const weirdProjectId = fc.oneof(
  fc.constantFrom(
    'abc',
    '-1',
    '0',
    '1.5',
    '1e3',
    '%00',
    '%ZZ',
    '..',
    'null',
    '0x1',
    '%20',
    '%EF%BC%91',
    ...OUTSIDE_INT4.map(String),
  ),
  fc.bigInt({ min: 10n ** 9n, max: 10n ** 40n }).map(String),
  fc.integer({ min: 100_000, max: 999_999_999 }).map(String),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map(enc),
);
export const weirdOrganizationId = fc.oneof(
  fc.uuid(),
  fc.constantFrom('0', 'abc', '%00', '%ZZ', '00000000-0000-0000-0000-00000000000g', 'null'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map(enc),
);
