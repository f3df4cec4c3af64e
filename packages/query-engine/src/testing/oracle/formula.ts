/**
 * The oracle's own evaluator for trends formulas: Python arithmetic (`+ - * / % **`, unary minus), letters for
 * series, division or modulo by zero giving 0 for that operation.
 */
export function evaluate(formula: string, values: readonly number[]): number {
  const tokens = formula.toLowerCase().match(/\d+\.?\d*|\.\d+|\*\*|[a-z]|[-+*/%()]/g) ?? [];
  let i = 0;
  const safe = (x: number) => (Number.isFinite(x) ? x : 0);
  const atom = (): number => {
    const token = tokens[i++];
    if (token === '(') {
      const inner = sum();
      i++;
      return inner;
    }
    if (token && /^[a-z]$/.test(token)) return values[token.charCodeAt(0) - 97] ?? 0;
    return Number(token);
  };
  const power = (): number => {
    const base = atom();
    if (tokens[i] === '**') {
      i++;
      const exponent = unary();
      return base === 0 && exponent < 0 ? 0 : safe(base ** exponent);
    }
    return base;
  };
  const unary = (): number => {
    if (tokens[i] === '-') {
      i++;
      return -unary();
    }
    if (tokens[i] === '+') {
      i++;
      return unary();
    }
    return power();
  };
  const product = (): number => {
    let left = unary();
    while (tokens[i] === '*' || tokens[i] === '/' || tokens[i] === '%') {
      const op = tokens[i++];
      const right = unary();
      if (op === '*') left = left * right;
      else if (right === 0) left = 0;
      else left = op === '/' ? left / right : left - right * Math.floor(left / right);
    }
    return left;
  };
  const sum = (): number => {
    let left = product();
    while (tokens[i] === '+' || tokens[i] === '-') {
      const op = tokens[i++];
      const right = product();
      left = op === '+' ? left + right : left - right;
    }
    return left;
  };
  return safe(sum());
}
