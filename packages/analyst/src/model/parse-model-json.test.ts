import { describe, expect, it } from 'vitest';
import { parseModelJson } from './parse-model-json.js';

describe('parseModelJson', () => {
  it('reads plain JSON', () => {
    expect(parseModelJson('[{"a":1}]', 'array')).toEqual([{ a: 1 }]);
  });

  it('strips ```json fences', () => {
    expect(parseModelJson('```json\n{"name":"x"}\n```', 'object')).toEqual({ name: 'x' });
    expect(parseModelJson('```\n[1]\n```', 'array')).toEqual([1]);
  });

  it('finds the JSON inside a sentence around it', () => {
    expect(parseModelJson('Here you go: {"name": "x", "description": "y"} Hope it helps.', 'object')).toEqual({
      name: 'x',
      description: 'y',
    });
  });

  it('refuses JSON of the other kind and garbage', () => {
    expect(() => parseModelJson('{"a": 1}', 'array')).toThrow(SyntaxError);
    expect(() => parseModelJson('I cannot help with that.', 'object')).toThrow(SyntaxError);
    expect(() => parseModelJson('{"unterminated": ', 'object')).toThrow(SyntaxError);
  });
});
