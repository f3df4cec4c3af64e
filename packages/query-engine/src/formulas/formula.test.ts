import { describe, expect, it } from 'vitest';
import { QueryError } from '../errors.js';
import { evaluateFormula, parseFormula } from './formula.js';

const evaluate = (formula: string, values: number[]) =>
  evaluateFormula(parseFormula(formula, values.length, 'f'), values);

describe('trends formulas', () => {
  it('follows Python precedence and associativity', () => {
    expect(evaluate('A + B * 2', [1, 3])).toBe(7);
    expect(evaluate('(A + B) / 2', [1, 3])).toBe(2);
    expect(evaluate('-A ** 2', [3])).toBe(-9);
    expect(evaluate('2 ** 3 ** 2', [0])).toBe(512);
    expect(evaluate('a - b - c', [10, 3, 2])).toBe(5);
  });

  it('uses the sign of the divisor for %, and 0 for division or modulo by zero', () => {
    expect(evaluate('A % B', [-7, 3])).toBe(2);
    expect(evaluate('A / B + 1', [5, 0])).toBe(1);
    expect(evaluate('A % B', [5, 0])).toBe(0);
  });

  it('refuses unknown series, function calls and other syntax with a 400 naming the field', () => {
    expect(() => parseFormula('A + C', 2, 'trendsFilter__formula')).toThrow(QueryError);
    try {
      parseFormula('A + C', 2, 'trendsFilter__formula');
    } catch (error) {
      expect((error as QueryError).body).toEqual({
        type: 'validation_error',
        code: 'invalid_input',
        detail: 'Formula references series C, but only 2 series are defined (A, B)',
        attr: 'trendsFilter__formula',
      });
    }
    expect(() => parseFormula('sum(A)', 1, 'f')).toThrow(/not SUM\(\)/);
    expect(() => parseFormula('A // 2', 1, 'f')).toThrow(QueryError);
    expect(() => parseFormula('A +', 1, 'f')).toThrow(QueryError);
  });
});
