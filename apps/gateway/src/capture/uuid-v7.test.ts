import { describe, expect, it } from 'vitest';
import { createUuidV7Generator, newEventUuid } from './uuid-v7.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MS = Date.parse('2024-05-01T12:00:00.000Z');

function timeOf(uuid: string): number {
  return Number.parseInt(uuid.replaceAll('-', '').slice(0, 12), 16);
}

describe('UUIDv7', () => {
  it('has version 7, the RFC variant and the given millisecond in its first 48 bits', () => {
    const uuid = createUuidV7Generator()(MS);
    expect(uuid).toMatch(UUID_V7);
    expect(timeOf(uuid)).toBe(MS);
  });

  it('is strictly increasing within one millisecond', () => {
    const next = createUuidV7Generator();
    const uuids = Array.from({ length: 10_000 }, () => next(MS));
    expect(uuids.every((uuid) => UUID_V7.test(uuid))).toBe(true);
    for (let index = 1; index < uuids.length; index++) expect(uuids[index]! > uuids[index - 1]!).toBe(true);
    expect(timeOf(uuids.at(-1)!)).toBe(MS);
  });

  it('is strictly increasing across milliseconds, and when the clock goes back', () => {
    const next = createUuidV7Generator();
    const uuids = [next(MS), next(MS + 5), next(MS + 1), next(MS - 1000), next(MS + 6)];
    expect([...uuids].sort()).toEqual(uuids);
    expect(uuids.map(timeOf)).toEqual([MS, MS + 5, MS + 5, MS + 5, MS + 6]);
  });

  it('moves to the next millisecond when the random part overflows', () => {
    const next = createUuidV7Generator((bytes) => bytes.fill(0xff));
    const first = next(MS);
    expect(first.slice(14, 18)).toBe('77ff'); // the counter's top bit starts at zero
    const uuids = [first, ...Array.from({ length: 3 }, () => next(MS))];
    expect([...uuids].sort()).toEqual(uuids);
    expect(new Set(uuids).size).toBe(4);
  });

  it('draws fresh random bits for each new millisecond', () => {
    const next = createUuidV7Generator();
    const a = next(MS);
    const b = next(MS + 1);
    expect(a.slice(15)).not.toBe(b.slice(15));
  });

  it('writes instants before 1970 as the epoch', () => {
    expect(timeOf(createUuidV7Generator()(-5000))).toBe(0);
  });

  it('is shared by capture as one process-wide generator', () => {
    const a = newEventUuid(MS);
    const b = newEventUuid(MS);
    expect(b > a).toBe(true);
  });
});
