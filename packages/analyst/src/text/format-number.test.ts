import { describe, expect, it } from 'vitest';
import { formatCompact, formatNumber, formatPercent, formatSigned, percentOf } from './format-number.js';

describe('formatNumber', () => {
  it('groups whole numbers below six figures', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(7)).toBe('7');
    expect(formatNumber(12345)).toBe('12,345');
    expect(formatNumber(99999)).toBe('99,999');
  });

  it('shortens six figures and more', () => {
    expect(formatNumber(123456)).toBe('123.5k');
    expect(formatNumber(1_234_567)).toBe('1.2M');
    expect(formatNumber(3_400_000_000)).toBe('3.4B');
    expect(formatNumber(200_000)).toBe('200k');
  });

  it('moves a value that rounds up to 1000 of a unit to the next unit', () => {
    expect(formatCompact(999_960)).toBe('1M');
  });

  it('writes fractions with one decimal from 1, two below 1 and none from 100, without trailing zeros', () => {
    expect(formatNumber(12.34)).toBe('12.3');
    expect(formatNumber(2.0)).toBe('2');
    expect(formatNumber(2.04)).toBe('2');
    expect(formatNumber(0.25)).toBe('0.25');
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(1234.5)).toBe('1,235');
  });

  it('keeps the sign of negative numbers', () => {
    expect(formatNumber(-1234)).toBe('-1,234');
  });

  it('writes a non-finite value as 0 rather than NaN', () => {
    expect(formatNumber(Number.NaN)).toBe('0');
  });
});

describe('formatPercent', () => {
  it('writes one decimal', () => {
    expect(formatPercent(3.4)).toBe('3.4%');
    expect(formatPercent(100)).toBe('100.0%');
    expect(formatPercent(0)).toBe('0.0%');
  });

  it('does not round a small positive share down to zero', () => {
    expect(formatPercent(0.01)).toBe('<0.1%');
  });
});

describe('percentOf', () => {
  it('is 0 for a zero whole instead of dividing by zero', () => {
    expect(percentOf(5, 0)).toBe(0);
    expect(percentOf(1, 4)).toBe(25);
  });
});

describe('formatSigned', () => {
  it('marks gains and losses', () => {
    expect(formatSigned(12)).toBe('+12');
    expect(formatSigned(-35)).toBe('-35');
    expect(formatSigned(0)).toBe('0');
  });
});
