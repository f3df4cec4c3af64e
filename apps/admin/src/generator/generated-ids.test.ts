import { describe, expect, it } from 'vitest';
import { GeneratedIds } from './generated-ids.js';
import { SeededRandom } from './seeded-random.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MS = Date.parse('2024-05-01T12:00:00.000Z');

describe('GeneratedIds', () => {
  it('makes valid UUIDv7s of the given millisecond', () => {
    const uuid = new GeneratedIds(new SeededRandom(1)).uuidV7(MS);
    expect(uuid).toMatch(UUID_V7);
    expect(Number.parseInt(uuid.replace('-', '').slice(0, 12), 16)).toBe(MS);
  });

  it('never repeats an id within a run, even for one millisecond', () => {
    const ids = new GeneratedIds(new SeededRandom(1));
    const uuids = Array.from({ length: 50_000 }, () => ids.uuidV7(MS));
    expect(new Set(uuids).size).toBe(uuids.length);
    expect(uuids.every((uuid) => UUID_V7.test(uuid))).toBe(true);
  });

  it('repeats the same ids for the same seed, and others for another seed', () => {
    const run = (seed: number) => {
      const ids = new GeneratedIds(new SeededRandom(seed));
      return [ids.uuidV7(MS), ids.userId(), ids.uuidV7(MS + 1)];
    };
    expect(run(1)).toEqual(run(1));
    expect(run(2)[0]).not.toBe(run(1)[0]);
  });

  it('makes user ids of user_ and 16 hex digits', () => {
    expect(new GeneratedIds(new SeededRandom(1)).userId()).toMatch(/^user_[0-9a-f]{16}$/);
  });
});
