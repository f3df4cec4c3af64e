import { validationError } from '../errors.js';

/** A parsed trends formula (`(A + B) / 2`): Python arithmetic over series letters, as PostHog's `FormulaAST`. */
export type Formula =
  | { kind: 'number'; value: number }
  | { kind: 'series'; index: number }
  | { kind: 'negate'; operand: Formula }
  | { kind: 'binary'; operator: '+' | '-' | '*' | '/' | '%' | '**'; left: Formula; right: Formula };

type Token = { type: 'number'; value: number } | { type: 'name'; value: string } | { type: 'operator'; value: string };

function tokenize(source: string, attr: string): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /\s*(?:(\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(\*\*|\/\/|[-+*/%()]))/y;
  let position = 0;
  while (position < source.length) {
    if (/^\s*$/.test(source.slice(position))) break;
    pattern.lastIndex = position;
    const match = pattern.exec(source);
    if (!match) throw validationError(`Invalid formula: ${source}`, attr);
    if (match[1] !== undefined) tokens.push({ type: 'number', value: Number(match[1]) });
    else if (match[2] !== undefined) tokens.push({ type: 'name', value: match[2].toLowerCase() });
    else tokens.push({ type: 'operator', value: match[3]! });
    position = pattern.lastIndex;
  }
  return tokens;
}

/** Parses a formula over `seriesCount` series (A = 0, B = 1, …); errors are 400s naming `attr`. */
export function parseFormula(source: string, seriesCount: number, attr: string): Formula {
  const tokens = tokenize(source, attr);
  let position = 0;
  const peek = () => tokens[position];
  const isOperator = (value: string) => peek()?.type === 'operator' && peek()?.value === value;
  const fail = (message: string): never => {
    throw validationError(message, attr);
  };

  const parseAtom = (): Formula => {
    const token = tokens[position++];
    if (!token) return fail(`Invalid formula: ${source}`);
    if (token.type === 'number') return { kind: 'number', value: token.value };
    if (token.type === 'name') {
      if (isOperator('(')) {
        return fail(
          `Formulas only support arithmetic between series (like (A + B) / 2), not ${token.value.toUpperCase()}().`,
        );
      }
      const index = token.value.length === 1 ? token.value.charCodeAt(0) - 97 : -1;
      if (index < 0 || index >= seriesCount) {
        const available = Array.from({ length: seriesCount }, (_, i) => String.fromCharCode(65 + i));
        return fail(
          `Formula references series ${token.value.toUpperCase()}, but only ${seriesCount} ${
            seriesCount === 1 ? 'series is' : 'series are'
          } defined (${available.join(', ') || 'none'})`,
        );
      }
      return { kind: 'series', index };
    }
    if (token.value === '(') {
      const inner = parseSum();
      if (!isOperator(')')) return fail(`Invalid formula: ${source}`);
      position++;
      return inner;
    }
    return fail(`Invalid formula: ${source}`);
  };

  // Python: `**` binds tighter than a unary minus on its left and takes a unary expression on its right.
  const parsePower = (): Formula => {
    const base = parseAtom();
    if (isOperator('**')) {
      position++;
      return { kind: 'binary', operator: '**', left: base, right: parseUnary() };
    }
    return base;
  };

  const parseUnary = (): Formula => {
    if (isOperator('-')) {
      position++;
      return { kind: 'negate', operand: parseUnary() };
    }
    if (isOperator('+')) {
      position++;
      return parseUnary();
    }
    return parsePower();
  };

  const parseProduct = (): Formula => {
    let left = parseUnary();
    while (isOperator('*') || isOperator('/') || isOperator('%') || isOperator('//')) {
      const operator = peek()!.value;
      if (operator === '//') fail('Formulas only support arithmetic ( + - * / % ** ) between series, not FloorDiv');
      position++;
      left = { kind: 'binary', operator: operator as '*' | '/' | '%', left, right: parseUnary() };
    }
    return left;
  };

  const parseSum = (): Formula => {
    let left = parseProduct();
    while (isOperator('+') || isOperator('-')) {
      const operator = peek()!.value as '+' | '-';
      position++;
      left = { kind: 'binary', operator, left, right: parseProduct() };
    }
    return left;
  };

  if (tokens.length === 0) fail('The formula is empty.');
  const formula = parseSum();
  if (position !== tokens.length) fail(`Invalid formula: ${source}`);
  return formula;
}

function pythonModulo(left: number, right: number): number {
  return left - right * Math.floor(left / right);
}

/** Evaluates at one point; division or modulo by zero is 0 (PostHog catches `ZeroDivisionError`). */
export function evaluateFormula(formula: Formula, values: readonly number[]): number {
  switch (formula.kind) {
    case 'number':
      return formula.value;
    case 'series':
      return values[formula.index] ?? 0;
    case 'negate':
      return -evaluateFormula(formula.operand, values);
    case 'binary': {
      const left = evaluateFormula(formula.left, values);
      const right = evaluateFormula(formula.right, values);
      let result: number;
      switch (formula.operator) {
        case '+':
          result = left + right;
          break;
        case '-':
          result = left - right;
          break;
        case '*':
          result = left * right;
          break;
        case '/':
          result = right === 0 ? 0 : left / right;
          break;
        case '%':
          result = right === 0 ? 0 : pythonModulo(left, right);
          break;
        case '**':
          result = left === 0 && right < 0 ? 0 : left ** right;
          break;
      }
      return Number.isFinite(result) ? result : 0;
    }
  }
}
