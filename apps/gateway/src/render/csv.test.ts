import { describe, expect, it } from 'vitest';
import { renderCsv } from './csv.js';

const lines = (...rows: string[]) => rows.map((row) => `${row}\r\n`).join('');

describe('renderCsv', () => {
  it('renders null and undefined as an empty body', () => {
    expect(renderCsv(null)).toBe('');
    expect(renderCsv(undefined)).toBe('');
  });

  it('renders an empty list as an empty body, without a header line', () => {
    expect(renderCsv([])).toBe('');
  });

  it('renders my_last_viewed as one row per insight with nested and list columns', () => {
    const insights = [
      {
        id: 2,
        short_id: 'b2',
        name: 'Second',
        created_by: { id: 1, email: 'a@example.com' },
        tags: ['growth', 'kpi'],
        last_viewed_at: '2024-01-02T00:00:00Z',
        user_access_level: null,
      },
      {
        id: 1,
        short_id: 'a1',
        name: 'First',
        created_by: null,
        tags: [],
        last_viewed_at: '2024-01-01T00:00:00Z',
        user_access_level: null,
      },
    ];
    expect(renderCsv(insights)).toBe(
      lines(
        'created_by,created_by.email,created_by.id,id,last_viewed_at,name,short_id,tags.0,tags.1,user_access_level',
        ',a@example.com,1,2,2024-01-02T00:00:00Z,Second,b2,growth,kpi,',
        ',,,1,2024-01-01T00:00:00Z,First,a1,,,',
      ),
    );
  });

  it('renders an activity page object as one wide row', () => {
    const page = {
      results: [
        { activity: 'updated', user: { email: 'a@example.com' }, detail: { changes: [{ field: 'name' }] } },
        { activity: 'created', user: { email: 'a@example.com' }, detail: { changes: null } },
      ],
      next: null,
      previous: null,
      total_count: 2,
    };
    expect(renderCsv(page)).toBe(
      lines(
        [
          'next',
          'previous',
          'results.0.activity',
          'results.0.detail.changes.0.field',
          'results.0.user.email',
          'results.1.activity',
          'results.1.detail.changes',
          'results.1.user.email',
          'total_count',
        ].join(','),
        ',,updated,name,a@example.com,created,,a@example.com,2',
      ),
    );
  });

  it('renders an analyze result under the header result', () => {
    expect(renderCsv({ result: 'Signups doubled.' })).toBe(lines('result', 'Signups doubled.'));
  });

  it('quotes a row made of one empty field, as Python does', () => {
    expect(renderCsv({ result: '' })).toBe(lines('result', '""'));
    expect(renderCsv({ result: null })).toBe(lines('result', '""'));
  });

  it('puts a scalar row under the empty column name', () => {
    expect(renderCsv(['a', 'b'])).toBe(lines('""', 'a', 'b'));
    expect(renderCsv('text')).toBe(lines('""', 'text'));
  });

  it('gives empty objects and lists no columns', () => {
    expect(renderCsv({ filters: {}, tags: [], name: 'x' })).toBe(lines('name', 'x'));
    expect(renderCsv({})).toBe(lines('', ''));
  });

  it('fills missing cells with empty fields and sorts the union of keys', () => {
    expect(renderCsv([{ b: 1 }, { a: 2 }, { c: 3, a: 4 }])).toBe(lines('a,b,c', ',1,', '2,,', '4,,3'));
  });

  it('sorts columns by code point like Python', () => {
    expect(renderCsv({ b: 1, B: 2, _: 3, 'a.b': 4, '\u{1F600}': 5, '\uFF01': 6 })).toBe(
      lines('B,_,a.b,b,\uFF01,\u{1F600}', '2,3,4,1,6,5'),
    );
  });

  it('quotes fields containing commas, quotes, carriage returns or newlines and nothing else', () => {
    expect(renderCsv({ a: 'x,y', b: 'say "hi"', c: 'one\ntwo', d: 'one\rtwo', e: ' padded\t' })).toBe(
      lines('a,b,c,d,e', '"x,y","say ""hi""","one\ntwo","one\rtwo", padded\t'),
    );
  });

  it('quotes header fields the same way', () => {
    expect(renderCsv({ 'a,b': 1 })).toBe(lines('"a,b"', '1'));
  });

  it('prints booleans as True and False', () => {
    expect(renderCsv({ saved: true, deleted: false })).toBe(lines('deleted,saved', 'False,True'));
  });

  it('prints numbers as Python would', () => {
    expect(renderCsv({ a: 1, b: -2.5, c: 0.1 + 0.2, d: 1e-5, e: 0.0001, f: 123456789.125, g: 2 ** 70, h: 1.0 })).toBe(
      lines('a,b,c,d,e,f,g,h', '1,-2.5,0.30000000000000004,1e-05,0.0001,123456789.125,1180591620717411303424,1'),
    );
  });

  it('indexes nested lists of objects', () => {
    const bulkUpdate = {
      updated: [
        { id: 1, tags: ['a', 'b'], dashboard_tiles: [{ dashboard_id: 7 }] },
        { id: 2, tags: [] },
      ],
      skipped: [{ id: 3, reason: 'Not found or no edit access' }],
    };
    expect(renderCsv(bulkUpdate)).toBe(
      lines(
        'skipped.0.id,skipped.0.reason,updated.0.dashboard_tiles.0.dashboard_id,updated.0.id,updated.0.tags.0,updated.0.tags.1,updated.1.id',
        '3,Not found or no edit access,7,1,a,b,2',
      ),
    );
  });

  it('flattens rows that are lists by index', () => {
    expect(renderCsv([[1, [2, 3]], [4]])).toBe(lines('0,1.0,1.1', '1,2,3', '4,,'));
  });
});
