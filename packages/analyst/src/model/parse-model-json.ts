/**
 * The JSON value in a model's answer. Models wrap JSON in ```json fences or add a sentence around it; the fences are
 * stripped (as PostHog does) and, failing a direct parse, the outermost `[…]` or `{…}` of the expected kind is tried.
 * Throws when no JSON of that kind can be found.
 */
export function parseModelJson(content: string, expected: 'array' | 'object'): unknown {
  const unfenced = content
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '')
    .trim();
  const direct = tryParse(unfenced);
  if (matches(direct, expected)) return direct;
  const [open, close] = expected === 'array' ? ['[', ']'] : ['{', '}'];
  const start = unfenced.indexOf(open);
  const end = unfenced.lastIndexOf(close);
  if (start !== -1 && end > start) {
    const embedded = tryParse(unfenced.slice(start, end + 1));
    if (matches(embedded, expected)) return embedded;
  }
  throw new SyntaxError(`The model answer holds no JSON ${expected}.`);
}

const NOT_JSON = Symbol('not JSON');

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

function matches(value: unknown, expected: 'array' | 'object'): boolean {
  if (value === NOT_JSON) return false;
  return expected === 'array'
    ? Array.isArray(value)
    : typeof value === 'object' && value !== null && !Array.isArray(value);
}
