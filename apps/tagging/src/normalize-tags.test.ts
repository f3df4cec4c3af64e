import { describe, expect, it } from 'vitest';
import { normalizeTags } from './normalize-tags.js';

describe('normalizeTags', () => {
  it('trims and lowercases like PostHog tagify', () => {
    expect(normalizeTags(['  UPPER  ', 'Mixed Case'])).toEqual(['mixed case', 'upper']);
  });
  it('collapses case variants into one tag', () => {
    expect(normalizeTags(['Tag', 'tag', 'TAG'])).toEqual(['tag']);
  });
  it('drops blank tags', () => {
    expect(normalizeTags(['', '   ', 'x'])).toEqual(['x']);
  });
});
