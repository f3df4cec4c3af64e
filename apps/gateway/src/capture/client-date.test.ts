import { describe, expect, it } from 'vitest';
import { parseClientDate } from './client-date.js';

const iso = (text: string) => parseClientDate(text)?.toISOString();

describe('parseClientDate', () => {
  it.each([
    ['2024-05-01T12:00:00Z', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01T12:00:00.123456Z', '2024-05-01T12:00:00.123Z'],
    ['2024-05-01t12:00:00z', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01T14:00:00+02:00', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01T14:00:00.805+02', '2024-05-01T12:00:00.805Z'],
    ['2024-05-01T07:30:00-0430', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01 12:00:00', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01T12:00', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01', '2024-05-01T00:00:00.000Z'],
    ['1714564800', '2024-05-01T12:00:00.000Z'],
    ['1714564800123', '2024-05-01T12:00:00.123Z'],
    ['Wed, 01 May 2024 14:00:00 +0200', '2024-05-01T12:00:00.000Z'],
    ['0050-01-01T00:00:00Z', '0050-01-01T00:00:00.000Z'],
  ])('reads %s', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it('reads a date without a zone as UTC, never as the server’s local time', () => {
    expect(iso('2024-01-15T08:00:00')).toBe('2024-01-15T08:00:00.000Z');
  });

  it.each([
    ['', 'empty'],
    ['yesterday', 'words'],
    ['2024-02-30T00:00:00Z', 'a day that does not exist'],
    ['2024-13-01T00:00:00Z', 'month 13'],
    ['2024-05-01T25:00:00Z', 'hour 25'],
    ['01/05/2024', 'an ambiguous local format'],
    ['Wed, 01 May 2024 14:00:00', 'RFC 2822 without a zone'],
  ])('reads no date in %s (%s)', (text) => {
    expect(parseClientDate(text)).toBeUndefined();
  });
});
