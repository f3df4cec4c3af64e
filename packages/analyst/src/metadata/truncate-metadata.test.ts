import { describe, expect, it } from 'vitest';
import { truncateMetadata } from './truncate-metadata.js';

describe('truncateMetadata (§9 step 4)', () => {
  it('keeps a 100-character name and a 200-character description as they are', () => {
    const name = 'n'.repeat(100);
    const description = 'd'.repeat(200);
    expect(truncateMetadata({ name, description })).toEqual({ name, description });
  });

  it('cuts a longer name to its first 97 characters plus "..."', () => {
    const name = `${'a'.repeat(97)}bcdef`;
    expect(truncateMetadata({ name, description: 'x' }).name).toBe(`${'a'.repeat(97)}...`);
  });

  it('cuts a longer description to its first 197 characters plus "..."', () => {
    const description = `${'a'.repeat(197)}bcdef`;
    const truncated = truncateMetadata({ name: 'x', description }).description;
    expect(truncated).toBe(`${'a'.repeat(197)}...`);
    expect(truncated).toHaveLength(200);
  });
});
